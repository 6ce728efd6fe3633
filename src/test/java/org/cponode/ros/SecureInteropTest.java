package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.cponode.ros.msg.DiagnosticArray;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Messages;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.Vector3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SROS 2 on the wire, with Cyclone's real security plugins and a keystore made with openssl at test time: the Java
 * transport and the independent C peer, each with its own enclave, exchange every message type field-exact while a
 * capture of the loopback shows none of the values; a peer without credentials sees nothing of a secured node;
 * files Cyclone refuses stop an enforcing node with the file named, and leave a permissive one unsecured.
 */
class SecureInteropTest {

    @TempDir
    static Path tmp;
    static Path peer;
    static TestKeystore keystore;

    @BeforeAll
    static void setUp() throws Exception {
        peer = TestKeystore.securedPeer();
        keystore = TestKeystore.create(tmp.resolve("keystore"), DdsTestSupport.DOMAIN, "/java_node", "/c_peer");
    }

    @Test
    @Timeout(120)
    void everyTypeCrossesSecuredWithEveryFieldIntactAndNoneOfItInClearText() throws Exception {
        int seq = ThreadLocalRandom.current().nextInt(1000, 10_000);
        byte[] pcap = exchangeUnderCapture(keystore.enforced("/java_node"), keystore.enclaveDirectory("/c_peer"), seq,
                "secured.pcap");
        assertTrue(pcap.length > 20_000, "the capture saw the exchange: " + pcap.length + " bytes");
        for (String value : fixtureStrings(seq)) {
            assertFalse(PacketCapture.contains(pcap, value), "clear text on the wire: " + value);
        }
    }

    /** The control: without security the same capture shows the values, so their absence above means something. */
    @Test
    @Timeout(120)
    void aPlainExchangeShowsItsValuesInTheSameCapture() throws Exception {
        int seq = ThreadLocalRandom.current().nextInt(1000, 10_000);
        byte[] pcap = exchangeUnderCapture(RosSecurity.OFF, null, seq, "plain.pcap");
        for (String value : fixtureStrings(seq)) {
            assertTrue(PacketCapture.contains(pcap, value), "not in the plain capture of " + pcap.length + " bytes: "
                    + value);
        }
    }

    /** Strings of the fixtures both sides send (the C peer's fill_* mirror Fixtures). */
    private static List<String> fixtureStrings(int seq) {
        return List.of("frame_\u00fc_" + seq, "base_link_" + seq, "hello_\u2713_" + seq, "v\u00e4lue_" + seq);
    }

    /**
     * {@link CPeerInteropTest}'s exchange of every type, both ways, every field checked on both sides, with both
     * participants secured when {@code peerEnclave} is set; returns the loopback capture of it.
     */
    private static byte[] exchangeUnderCapture(RosSecurity security, Path peerEnclave, int seq, String file)
            throws Exception {
        try (PacketCapture capture = PacketCapture.start(tmp.resolve(file), DdsTestSupport.DOMAIN)) {
            try (RosNode node = RosNode.create(DdsTestSupport.options("secure_interop").withSecurity(security))) {
                Map<String, Subscription<?>> subs = new LinkedHashMap<>();
                for (MessageType<?> t : Messages.ALL) {
                    String name = t.schema().javaName();
                    subs.put(name, node.subscribe("/c_to_java/" + name, t, QosProfile.LATCHED, null));
                    publishFixture(node, t, "/java_to_c/" + name, seq);
                }
                try (NativePeer p = NativePeer.startSecured(peer, peerEnclave, "interop", Integer.toString(seq),
                        "30")) {
                    assertTrue(DdsTestSupport.await(Duration.ofSeconds(30),
                            () -> subs.values().stream().allMatch(s -> s.latest() != null)),
                            () -> "Java did not receive: " + subs.entrySet().stream()
                                    .filter(e -> e.getValue().latest() == null).map(Map.Entry::getKey).toList()
                                    + "; peer: " + p.output());
                    for (MessageType<?> t : Messages.ALL) {
                        Fixtures.assertDeepEquals(Fixtures.sample(t, seq), subs.get(t.schema().javaName()).latest());
                    }
                    String checks = p.awaitLine("CHECKS ", Duration.ofSeconds(30));
                    assertEquals("CHECKS passed=879 failed=0 missing=0", checks, () -> String.join("\n", p.output()));
                    p.assertExit(0);
                }
            }
            return capture.stop();
        }
    }

    private static <T> void publishFixture(RosNode node, MessageType<T> type, String topic, int seq) {
        node.publisher(topic, type, QosProfile.LATCHED).publish(type.javaClass().cast(Fixtures.sample(type, seq)));
    }

    @Test
    @Timeout(120)
    void aReaderWithoutCredentialsSeesNothingOfASecuredNode() throws Exception {
        RosNode.Options options = DdsTestSupport.options("secured_talker")
                .withSecurity(keystore.enforced("/java_node"));
        try (RosNode node = RosNode.create(options)) {
            Publisher<Twist> cmd = node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            Publisher<DiagnosticArray> diagnostics = node.publisher("/diagnostics", DiagnosticArray.TYPE,
                    QosProfile.DEFAULT);
            Thread talker = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    cmd.publish(new Twist(new Vector3(0.1, 0, 0), new Vector3(0, 0, 0.2)));
                    diagnostics.publish(new DiagnosticArray(new Header(new Time(1, 2), "secret"), List.of()));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (NativePeer plain = NativePeer.startSecured(peer, null, "listen", "5");
                    NativePeer secured = NativePeer.startSecured(peer, keystore.enclaveDirectory("/c_peer"), "listen",
                            "5")) {
                String heard = secured.awaitLine("LISTEN ", Duration.ofSeconds(20));
                String nothing = plain.awaitLine("LISTEN ", Duration.ofSeconds(20));
                assertTrue(!heard.startsWith("LISTEN samples=0 ") && heard.contains("rt/cmd_vel")
                        && heard.contains("rt/diagnostics"), "the peer with credentials hears the node: " + heard);
                assertTrue(secured.output().contains("PARTICIPANT enclave=/java_node;"),
                        () -> "USER_DATA names the enclave: " + secured.output());
                assertTrue(nothing.startsWith("LISTEN samples=0 "), nothing);
                for (String topic : List.of("rt/cmd_vel", "rt/diagnostics", "ros_discovery_info")) {
                    assertFalse(nothing.contains(topic), "discovered without credentials: " + topic + ": " + nothing);
                }
            } finally {
                talker.interrupt();
                talker.join();
            }
        }
    }

    @Test
    void anEndpointThePermissionsDoNotAllowIsRefusedNamingTheFile() throws Exception {
        Path narrow = keystore.enclave("/narrow", new TestKeystore.Permissions(
                List.of("rt/allowed", "ros_discovery_info"), List.of("rt/allowed")));
        try (RosNode node = RosNode.create(DdsTestSupport.options("narrow")
                .withSecurity(keystore.enforced("/narrow")))) {
            node.publisher("allowed", Twist.TYPE, QosProfile.DEFAULT);
            node.subscribe("allowed", Twist.TYPE, QosProfile.DEFAULT, null);
            RosSecurityException pub = assertThrows(RosSecurityException.class,
                    () -> node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT));
            assertTrue(pub.getMessage().startsWith("/narrow: " + narrow.resolve("permissions.p7s")
                    + " does not allow publishing rt/cmd_vel ("), pub.getMessage());
            RosSecurityException sub = assertThrows(RosSecurityException.class,
                    () -> node.subscribe("odom", Twist.TYPE, QosProfile.DEFAULT, null));
            assertTrue(sub.getMessage().startsWith("/narrow: " + narrow.resolve("permissions.p7s")
                    + " does not allow subscribing to rt/odom ("), sub.getMessage());
        }
    }

    @Test
    void filesCycloneRefusesStopAnEnforcingNodeAndLeaveAPermissiveOneOpen() throws Exception {
        Path ks = tmp.resolve("altered");
        Path enclave = Files.createDirectories(ks.resolve("enclaves/node"));
        Path original = keystore.root().resolve("enclaves/java_node");
        for (String f : org.cponode.ros.dds.DdsSecurity.FILES) {
            Files.copy(original.resolve(f), enclave.resolve(f));
        }
        Path p7s = enclave.resolve("permissions.p7s");
        Files.writeString(p7s, Files.readString(p7s, StandardCharsets.ISO_8859_1).replace("<topic>rt/*</topic>",
                "<topic>*</topic>"), StandardCharsets.ISO_8859_1);
        // the files name /java_node: the enclave is only where they are found
        RosSecurity enforce = new RosSecurity("/node", true, true, ks.toString(), null);
        RosSecurityException e = assertThrows(RosSecurityException.class,
                () -> RosNode.create(DdsTestSupport.options("refused").withSecurity(enforce)).close());
        assertEquals("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave /node): Cyclone DDS refused " + p7s
                + ": its content does not match its signature (changed after signing?); not starting unsecured",
                e.getMessage());

        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger("org.cponode.ros");
        log.addHandler(handler);
        try (RosNode node = RosNode.create(DdsTestSupport.options("permissive")
                .withSecurity(new RosSecurity("/node", true, false, ks.toString(), null)))) {
            assertTrue(warnings.stream().anyMatch(w -> w.equals("/permissive: SROS 2 (ROS_SECURITY_STRATEGY=Permissive,"
                    + " enclave /node): Cyclone DDS refused " + p7s + ": its content does not match its signature"
                    + " (changed after signing?); running unsecured, DDS domain " + DdsTestSupport.DOMAIN
                    + " is open")),
                    warnings::toString);
        } finally {
            log.removeHandler(handler);
        }
    }
}
