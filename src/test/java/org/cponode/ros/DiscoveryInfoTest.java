package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cponode.ros.msg.Gid;
import org.cponode.ros.msg.NodeEntitiesInfo;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.ParticipantEntitiesInfo;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/** The node's ros_discovery_info announcements: node name, namespace and endpoint GIDs = DDS GUIDs. */
class DiscoveryInfoTest {

    @Test
    void nodeAnnouncesItselfAndEachEndpoint() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode observer = RosNode.create(DdsTestSupport.options("observer"));
                RosNode node = RosNode.create(DdsTestSupport.options("cpo").withNamespace("/robot7"))) {
            Map<String, ParticipantEntitiesInfo> byGid = new ConcurrentHashMap<>();
            observer.subscribeRaw(RosNode.DISCOVERY_TOPIC, RosNode.DISCOVERY_TOPIC, ParticipantEntitiesInfo.TYPE,
                    QosProfile.LATCHED, Subscription.Limits.DEFAULT, info -> byGid.put(java.util.HexFormat.of().formatHex(info.gid().data()), info));
            Subscription<Odometry> odom = node.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, null);
            Publisher<Twist> cmd = node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            String key = java.util.HexFormat.of().formatHex(node.participant().guid(node.participant().handle()));
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> {
                ParticipantEntitiesInfo i = byGid.get(key);
                return i != null && i.nodeEntitiesInfoSeq().get(0).writerGidSeq().size() == 1;
            }), () -> "announcements: " + byGid.keySet() + ", expected " + key);
            NodeEntitiesInfo info = byGid.get(key).nodeEntitiesInfoSeq().get(0);
            assertEquals("/robot7", info.nodeNamespace());
            assertEquals("cpo", info.nodeName());
            Fixtures.assertDeepEquals(List.of(new Gid(node.participant().guid(odomEntity(odom)))), info.readerGidSeq());
            Fixtures.assertDeepEquals(List.of(new Gid(node.participant().guid(cmd.entity))), info.writerGidSeq());
            try (RosNode late = RosNode.create(DdsTestSupport.options("late_observer"))) {
                Map<String, ParticipantEntitiesInfo> lateView = new ConcurrentHashMap<>();
                late.subscribeRaw(RosNode.DISCOVERY_TOPIC, RosNode.DISCOVERY_TOPIC, ParticipantEntitiesInfo.TYPE,
                        QosProfile.LATCHED, Subscription.Limits.DEFAULT,
                        i -> lateView.put(java.util.HexFormat.of().formatHex(i.gid().data()), i));
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(10), () -> lateView.containsKey(key)),
                        "a participant joining later gets the node's last announcement (transient local)");
                Fixtures.assertDeepEquals(info, lateView.get(key).nodeEntitiesInfoSeq().get(0));
            }
        }
    }

    private static int odomEntity(Subscription<?> s) {
        return s.entity;
    }
}
