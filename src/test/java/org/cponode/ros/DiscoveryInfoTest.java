package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cponode.ros.msg.Gid;
import org.cponode.ros.msg.NodeEntitiesInfo;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.ParticipantEntitiesInfo;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/**
 * The node's ros_discovery_info announcements: node name, namespace and endpoint GIDs = DDS GUIDs, seen by
 * another Java node and by the C peer (a separate process joining later: transient-local history).
 */
class DiscoveryInfoTest {

    @Test
    void nodeAnnouncesItselfAndEachEndpoint() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode observer = RosNode.create(DdsTestSupport.options("observer"));
                RosNode node = RosNode.create(DdsTestSupport.options("cpo").withNamespace("/robot7"))) {
            Map<String, ParticipantEntitiesInfo> byGid = new ConcurrentHashMap<>();
            observer.subscribeRaw(RosNode.DISCOVERY_TOPIC, RosNode.DISCOVERY_TOPIC, ParticipantEntitiesInfo.TYPE,
                    QosProfile.LATCHED, Subscription.Limits.DEFAULT, info -> byGid.put(HexFormat.of().formatHex(info.gid().data()), info));
            Subscription<Odometry> odom = node.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, null);
            Publisher<Twist> cmd = node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            String key = HexFormat.of().formatHex(node.participant().guid(node.participant().handle()));
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> {
                ParticipantEntitiesInfo i = byGid.get(key);
                return i != null && i.nodeEntitiesInfoSeq().get(0).writerGidSeq().size() == 1;
            }), () -> "announcements: " + byGid.keySet() + ", expected " + key);
            NodeEntitiesInfo info = byGid.get(key).nodeEntitiesInfoSeq().get(0);
            assertEquals("/robot7", info.nodeNamespace());
            assertEquals("cpo", info.nodeName());
            Fixtures.assertDeepEquals(List.of(new Gid(node.participant().guid(odomEntity(odom)))), info.readerGidSeq());
            Fixtures.assertDeepEquals(List.of(new Gid(node.participant().guid(cmd.entity))), info.writerGidSeq());
            // an independent reader in another process, joining later, decodes the last announcement with idlc's types
            Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
            HexFormat hex = HexFormat.of();
            String expected = "GRAPH gid=" + key + " node=/robot7|cpo readers=" + hex.formatHex(info.readerGidSeq().get(0).data())
                    + " writers=" + hex.formatHex(info.writerGidSeq().get(0).data());
            try (NativePeer p = NativePeer.start(peer, "graph", "20")) {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> p.output().contains(expected)),
                        () -> "expected " + expected + " in " + p.output());
                p.assertExit(0);
            }
        }
    }

    private static int odomEntity(Subscription<?> s) {
        return s.entity;
    }
}
