package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cponode.ros.dds.CycloneLog;
import org.cponode.ros.dds.DdsParticipant;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Messages;
import org.cponode.ros.msg.OpsProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java transport against an independent Cyclone C program built from hand-written ROS IDL with idlc
 * (src/test/native/peer): descriptors and layouts compared with idlc's, then every message type both
 * ways with every field checked on both sides.
 */
class CPeerInteropTest {

    private static Path peer;

    @BeforeAll
    static void buildPeer() throws Exception {
        peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
    }

    @Test
    void javaDescriptorsAndLayoutsMatchIdlc() throws Exception {
        Map<String, Map<String, String>> types = new HashMap<>();
        Map<String, String> sizes;
        try (NativePeer p = NativePeer.start(peer, "describe")) {
            sizes = fields(p.awaitLine("SIZEOF ", Duration.ofSeconds(10)));
            for (int i = 0; i < Messages.ALL.size(); i++) {
                Map<String, String> f = fields(p.awaitLine("TYPE ", Duration.ofSeconds(10)));
                types.put(f.get("TYPE"), f);
            }
            p.assertExit(0);
        }
        assertEquals(Long.toString(DdsParticipant.DESCRIPTOR_SIZE), sizes.get("dds_topic_descriptor_t"));
        assertEquals("40", sizes.get("m_ops"));
        assertEquals("48", sizes.get("m_meta"));
        assertEquals("56", sizes.get("type_information"));
        assertEquals("88", sizes.get("restrict_data_representation"));
        assertEquals(Long.toString(DdsParticipant.SAMPLE_INFO_SIZE), sizes.get("dds_sample_info_t"));
        assertEquals(Long.toString(DdsParticipant.SAMPLE_INFO_VALID_DATA), sizes.get("valid_data"));
        assertEquals(Long.toString(DdsParticipant.MATCHED_STATUS_SIZE), sizes.get("dds_publication_matched_status_t"));
        assertEquals(Long.toString(DdsParticipant.MATCHED_STATUS_CURRENT_COUNT), sizes.get("current_count"));
        assertEquals("24", sizes.get("dds_sequence_t"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_SIZE), sizes.get("dds_log_data_t"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_PRIORITY), sizes.get("log_priority"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_FILE), sizes.get("log_file"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_LINE), sizes.get("log_line"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_MESSAGE), sizes.get("log_message"));
        assertEquals(Long.toString(CycloneLog.LOG_DATA_MESSAGE_SIZE), sizes.get("log_size"));
        for (MessageType<?> t : Messages.ALL) {
            Map<String, String> c = types.get(t.schema().javaName());
            String name = t.rosName();
            assertEquals(t.ddsTypeName(), c.get("typename"), name);
            assertEquals(Long.toString(t.layout().size()), c.get("size"), name + " size");
            assertEquals(Long.toString(t.layout().align()), c.get("align"), name + " align");
            int idlcFlags = Integer.parseInt(c.get("flagset")) & ~(1 << 6); // XTYPES_METADATA: Java sends none
            assertEquals(t.layout().fixedSize() ? OpsProgram.TOPIC_FIXED_SIZE : 0, idlcFlags, name + " flagset");
            assertEquals("0", c.get("nkeys"), name);
            int[] idlcOps = Arrays.stream(c.get("ops").split(",")).mapToInt(s -> (int) Long.parseLong(s)).toArray();
            assertEquals(OpsFlattener.flatten(idlcOps), OpsFlattener.flatten(t.ops().words()), name + " ops");
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = line.split(" ");
        out.put(parts[0], parts.length > 1 && !parts[1].contains("=") ? parts[1] : "");
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    @Test
    void everyMessageTypeCrossesBothWaysWithEveryFieldIntact() throws Exception {
        int seq = 4;
        try (RosNode node = RosNode.create(DdsTestSupport.options("interop"))) {
            Map<String, Subscription<?>> subs = new LinkedHashMap<>();
            for (MessageType<?> t : Messages.ALL) {
                String name = t.schema().javaName();
                subs.put(name, node.subscribe("/c_to_java/" + name, t, QosProfile.LATCHED, null));
                publishFixture(node, t, "/java_to_c/" + name, seq);
            }
            try (NativePeer p = NativePeer.start(peer, "interop", Integer.toString(seq), "20")) {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(20),
                        () -> subs.values().stream().allMatch(s -> s.latest() != null)),
                        () -> "Java did not receive: " + subs.entrySet().stream().filter(e -> e.getValue().latest() == null)
                                .map(Map.Entry::getKey).toList() + "; peer: " + p.output());
                for (MessageType<?> t : Messages.ALL) {
                    Subscription<?> s = subs.get(t.schema().javaName());
                    Fixtures.assertDeepEquals(Fixtures.sample(t, seq), s.latest());
                    assertEquals(0, s.droppedCount(), t.rosName());
                }
                String checks = p.awaitLine("CHECKS ", Duration.ofSeconds(20));
                assertTrue(checks.contains(" failed=0 missing=0"), () -> checks + "\n" + String.join("\n", p.output()));
                int passed = Integer.parseInt(checks.split(" ")[1].substring("passed=".length()));
                // one per leaf (array elements included) of the 27 fixtures; a dropped check changes the count
                assertEquals(879, passed, "fields the C peer checked");
                p.assertExit(0);
            }
        }
    }

    private static <T> void publishFixture(RosNode node, MessageType<T> type, String topic, int seq) {
        node.publisher(topic, type, QosProfile.LATCHED).publish(type.javaClass().cast(Fixtures.sample(type, seq)));
    }

}
