package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Messages;
import org.junit.jupiter.api.Test;

/**
 * The C-peer exchange of every type again, but with Cyclone's default configuration (multicast discovery)
 * inside a private network namespace ({@code unshare -n}, loopback up with multicast and a 224.0.0.0/4
 * route): a child JVM and the C peer share the namespace, so nothing reaches the host's network.
 */
class PrivateNetworkInteropTest {

    private static boolean canUnshare() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyTypeCrossesWithDefaultDiscoveryInAPrivateNamespace() throws Exception {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        assumeTrue(NativePeer.onPath("ip"), "ip (iproute2) not installed");
        assumeTrue(canUnshare(), "unshare -n not permitted here (needs root or user namespaces); the loopback-configured tests cover the exchange");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec \"$0\" "
                + "--enable-native-access=ALL-UNNAMED -cp \"$1\" " + PrivateNetworkInteropTest.class.getName() + " \"$2\"";
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "sh", "-c", script, java, System.getProperty("java.class.path"),
                peer.toString()).redirectErrorStream(true);
        pb.environment().remove("CYCLONEDDS_URI");
        pb.environment().put("ROS_DOMAIN_ID", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("CHECKS passed=879 failed=0 missing=0"), output);
        assertTrue(output.contains("JAVA RECEIVED 27 OK"), output);
    }

    /**
     * Runs inside the namespace: the Java side of {@link CPeerInteropTest}, on domain 0 with libddsc's own
     * default configuration. Prints the peer's CHECKS line and "JAVA RECEIVED n OK"; exits 0 on success.
     */
    public static void main(String[] args) throws Exception {
        int seq = 8;
        int code = 1;
        try (RosNode node = RosNode.create(RosNode.Options.of("netns_interop"))) {
            Map<String, Subscription<?>> subs = new LinkedHashMap<>();
            for (MessageType<?> t : Messages.ALL) {
                String name = t.schema().javaName();
                subs.put(name, node.subscribe("/c_to_java/" + name, t, QosProfile.LATCHED, null));
                publish(node, t, "/java_to_c/" + name, seq);
            }
            try (NativePeer c = NativePeer.startWithInheritedConfig(Path.of(args[0]), "interop", Integer.toString(seq), "20")) {
                boolean all = DdsTestSupport.await(Duration.ofSeconds(20), () -> subs.values().stream().allMatch(s -> s.latest() != null));
                int ok = 0;
                for (MessageType<?> t : Messages.ALL) {
                    Object got = subs.get(t.schema().javaName()).latest();
                    try {
                        Fixtures.assertDeepEquals(Fixtures.sample(t, seq), got);
                        ok++;
                    } catch (AssertionError e) {
                        System.out.println("JAVA MISMATCH " + t.rosName() + ": " + e.getMessage());
                    }
                }
                System.out.println(c.awaitLine("CHECKS ", Duration.ofSeconds(20)));
                System.out.println("JAVA RECEIVED " + ok + (all && ok == Messages.ALL.size() ? " OK" : " INCOMPLETE"));
                code = c.finish() == 0 && all && ok == Messages.ALL.size() ? 0 : 1;
            }
        } catch (Throwable t) {
            t.printStackTrace(System.out);
        }
        System.out.flush();
        System.exit(code);
    }

    private static <T> void publish(RosNode node, MessageType<T> type, String topic, int seq) {
        node.publisher(topic, type, QosProfile.LATCHED).publish(type.javaClass().cast(Fixtures.sample(type, seq)));
    }

}
