package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/**
 * The Java node against Fast DDS 2.9 (the default ROS 2 middleware), a C++ peer built at test time with
 * fastddsgen (src/test/native/fastdds_peer): Twist and Odometry both ways, every field checked on both sides.
 */
class FastDdsInteropTest {

    @Test
    void twistAndOdometryCrossBothWaysWithFastDds() throws Exception {
        Path peer = NativePeer.build("fastdds_peer", "cmake", "c++", "fastddsgen").resolve("fastdds_peer");
        int seq = 6;
        try (RosNode node = RosNode.create(DdsTestSupport.options("fast_interop"))) {
            Subscription<Odometry> odom = node.subscribe("/fast_to_java/odom", Odometry.TYPE, QosProfile.LATCHED, null);
            Subscription<Twist> twist = node.subscribe("/fast_to_java/cmd_vel", Twist.TYPE, QosProfile.LATCHED, null);
            node.publisher("/java_to_fast/odom", Odometry.TYPE, QosProfile.LATCHED).publish(Fixtures.odometry(seq));
            node.publisher("/java_to_fast/cmd_vel", Twist.TYPE, QosProfile.LATCHED).publish(Fixtures.twist(seq));
            try (NativePeer p = NativePeer.start(peer, "interop", Integer.toString(seq), "20")) {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(20), () -> odom.latest() != null && twist.latest() != null),
                        () -> "from Fast DDS: odom " + odom.latest() + ", twist " + twist.latest() + "; peer: " + p.output());
                Fixtures.assertDeepEquals(Fixtures.odometry(seq), odom.latest());
                Fixtures.assertDeepEquals(Fixtures.twist(seq), twist.latest());
                String checks = p.awaitLine("CHECKS ", Duration.ofSeconds(20));
                // Odometry: 2 stamp + 2 frame ids + 7 pose + 36 + 6 twist + 36 = 89; Twist: 6
                assertEquals("CHECKS passed=95 failed=0 missing=0", checks, () -> String.join("\n", p.output()));
                p.assertExit(0);
            }
        }
    }
}
