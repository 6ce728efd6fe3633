package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.cponode.ros.msg.HumbleGraph;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/**
 * Humble's graph layout: a reader built from Humble's 24-byte Gid IDL (src/test/native/humble_peer)
 * decodes the announcement of a node created with {@code humbleGraph}, GIDs as GUID + 8 zero bytes.
 */
class HumbleGraphTest {

    @Test
    void humbleReaderDecodesTheAnnouncement() throws Exception {
        DdsTestSupport.assumeCyclone();
        Path peer = NativePeer.build("humble_peer", "cmake", "cc", "idlc").resolve("humble_peer");
        try (RosNode node = RosNode.create(DdsTestSupport.options("humble_cpo").withNamespace("/robot3").withHumbleGraph(true))) {
            Subscription<Odometry> odom = node.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, null);
            Publisher<Twist> cmd = node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            HexFormat hex = HexFormat.of();
            String pad = "0000000000000000";
            String expected = "GRAPH gid=" + hex.formatHex(node.participant().guid(node.participant().handle())) + pad
                    + " node=/robot3|humble_cpo readers=" + hex.formatHex(node.participant().guid(odom.entity)) + pad
                    + " writers=" + hex.formatHex(node.participant().guid(cmd.entity)) + pad;
            try (NativePeer p = NativePeer.start(peer, "graph", "20")) {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> p.output().contains(expected)),
                        () -> "expected " + expected + " in " + p.output());
                p.assertExit(0);
            }
        }
    }

    @Test
    void rosDistroSelectsTheLayout() {
        assertTrue(HumbleGraph.isHumble(Map.of("ROS_DISTRO", "humble")));
        assertEquals(false, HumbleGraph.isHumble(Map.of("ROS_DISTRO", "jazzy")));
        assertEquals(false, HumbleGraph.isHumble(Map.of()));
        // the 24-byte gid comes first, so the sequence starts at 24 (at 16 in Iron's layout)
        assertEquals(24, HumbleGraph.PARTICIPANT_ENTITIES_INFO.layout().offsetOf("node_entities_info_seq"));
    }
}
