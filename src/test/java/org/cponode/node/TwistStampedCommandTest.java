package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.Subscription;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Point;
import org.cponode.ros.msg.Pose;
import org.cponode.ros.msg.PoseWithCovariance;
import org.cponode.ros.msg.Quaternion;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistStamped;
import org.cponode.ros.msg.TwistWithCovariance;
import org.cponode.ros.msg.Vector3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With {@code twist_stamped} the node's commands are TwistStamped, stamped with the node's time in base_link. */
class TwistStampedCommandTest {

    @Test
    @Timeout(60)
    void stampedCommandsCarryTheNodeTimeAndFrame(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.0);
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir, "policy:=" + policy,
                "twist_stamped:=true", "learning:=false");
        try (RosNode robot = RosNode.create(DdsTestSupport.options("stamped_robot"))) {
            Subscription<TwistStamped> commands = robot.subscribe("cmd_vel", TwistStamped.TYPE, QosProfile.DEFAULT, null);
            Publisher<Odometry> odom = robot.publisher("odom", Odometry.TYPE, QosProfile.DEFAULT);
            RobotNode node = RobotNode.start(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                    DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
            try {
                assertTrue(DdsTestSupport.await(Duration.ofSeconds(20), () -> {
                    long now = System.currentTimeMillis() * 1_000_000L;
                    odom.publish(new Odometry(new Header(new Time((int) (now / 1_000_000_000L),
                            (int) (now % 1_000_000_000L)), "odom"), "base_footprint", new PoseWithCovariance(
                            new Pose(new Point(0.0, 0.1, 0), new Quaternion(0, 0, 0, 1)), new double[36]),
                            new TwistWithCovariance(new Twist(new Vector3(0, 0, 0), new Vector3(0, 0, 0)),
                                    new double[36])));
                    TwistStamped last = commands.latest();
                    return last != null && last.twist().linear().x() > 0;
                }), () -> "no forward command; last " + commands.latest() + ", node " + node.snapshot().mode());
                TwistStamped last = commands.latest();
                assertEquals("base_link", last.header().frameId());
                double stamp = last.header().stamp().sec() + Integer.toUnsignedLong(last.header().stamp().nanosec()) * 1e-9;
                double wall = System.currentTimeMillis() / 1e3;
                assertTrue(stamp > wall - 10 && stamp <= wall + 1, () -> "stamp " + stamp + " against wall time " + wall);
                assertTrue(Integer.toUnsignedLong(last.header().stamp().nanosec()) < 1_000_000_000L);
            } finally {
                node.close();
            }
        }
    }
}
