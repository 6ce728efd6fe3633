package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.cponode.ros.msg.Log;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.StringMessage;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;

/**
 * The QoS details rmw_cyclonedds puts on every endpoint, as an independent C peer discovers them: the
 * type hash in USER_DATA, on transient-local writers a durability service of the history depth and no
 * autodispose (a volatile writer keeps Cyclone's defaults: depth 1, autodispose), and the lifespan of
 * {@code /rosout}'s profile (others have none).
 */
class EndpointQosTest {

    @Test
    void peersSeeTypeHashesAndTheTransientLocalWriterDetails() throws Exception {
        DdsTestSupport.assumeCyclone();
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        try (RosNode node = RosNode.create(DdsTestSupport.options("qos_check"));
                NativePeer p = NativePeer.start(peer, "endpoints", "20")) {
            p.awaitLine("READY", Duration.ofSeconds(10));
            node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
            node.publisher("state", StringMessage.TYPE, new QosProfile(true, true, 7));
            node.publisher("/rosout", Log.TYPE, QosProfile.ROSOUT);
            node.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, null);
            String twist = "ENDPOINT writer rt/cmd_vel type=geometry_msgs::msg::dds_::Twist_ durability=0 "
                    + "userdata=typehash=" + Twist.TYPE.typeHash() + "; ds_depth=1 autodispose=1 lifespan=-";
            String latched = "ENDPOINT writer rt/state type=std_msgs::msg::dds_::String_ durability=1 "
                    + "userdata=typehash=" + StringMessage.TYPE.typeHash() + "; ds_depth=7 autodispose=0 lifespan=-";
            String rosout = "ENDPOINT writer rt/rosout type=rcl_interfaces::msg::dds_::Log_ durability=1 "
                    + "userdata=typehash=RIHS01_e28ce254ca8abc06abf92773b74602cdbf116ed34fbaf294fb9f81da9f318eac; "
                    + "ds_depth=1000 autodispose=0 lifespan=10000000000";
            String odom = "ENDPOINT reader rt/odom type=nav_msgs::msg::dds_::Odometry_ durability=0 "
                    + "userdata=typehash=RIHS01_3cc97dc7fb7502f8714462c526d369e35b603cfc34d946e3f2eda2766dfec6e0;";
            for (String expected : new String[] {twist, latched, rosout, odom}) {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(10),
                        () -> p.output().stream().anyMatch(l -> l.startsWith(expected))),
                        () -> "expected a line starting with " + expected + " in " + p.output());
            }
            p.assertExit(0);
        }
    }
}
