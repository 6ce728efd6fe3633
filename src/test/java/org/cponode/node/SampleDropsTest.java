package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.DropCount;
import org.cponode.ros.DropReason;
import org.cponode.ros.NativePeer;
import org.cponode.ros.RosSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Odometry the node cannot decode is counted by topic and reason, and its diagnostics say so. */
class SampleDropsTest {

    @Test
    @Timeout(120)
    void undecodableOdometryIsCountedInTheSnapshotAndTheDiagnostics(@TempDir Path dir) throws Exception {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir);
        RobotNode node = RobotNode.start(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
        try (NativePeer p = NativePeer.start(peer, "flood-odom", "2000", "60")) {
            p.awaitLine("PUBLISHED", Duration.ofSeconds(60));
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> dropped(node) > 0),
                    "no odometry sample counted as dropped");
            // Best effort, keep last 5: the reader keeps what it can take; count until nothing more arrives.
            long seen = -1;
            for (long now = dropped(node); now != seen; now = dropped(node)) {
                seen = now;
                Thread.sleep(500);
            }
            long n = seen;
            assertEquals(List.of(new DropCount("/odom", DropReason.INVALID_UTF8, n)), node.snapshot().sampleDrops());
            Map<String, String> v = node.snapshot().diagnostics().values();
            assertEquals(Long.toString(n), v.get("dropped_samples"));
            assertEquals(Long.toString(n), v.get("dropped_samples /odom invalid_utf8"));
        } finally {
            node.close();
        }
    }

    private static long dropped(RobotNode node) {
        return node.snapshot().sampleDrops().stream().mapToLong(DropCount::count).sum();
    }
}
