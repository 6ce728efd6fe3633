package org.cponode.node;

import java.util.List;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.msg.Bool;
import org.cponode.ros.msg.DiagnosticArray;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Point;
import org.cponode.ros.msg.Pose;
import org.cponode.ros.msg.PoseWithCovariance;
import org.cponode.ros.msg.Quaternion;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistWithCovariance;
import org.cponode.ros.msg.Vector3;

/**
 * An independent ROS node that plays a robot on the wire: odometry and e-stop out, {@code cmd_vel} and
 * {@code /diagnostics} in. It counts what arrives after {@link #watchZero}: the first zero command and the
 * non-zero ones before it, so a test can tell how many steps a fault took to reach the wire without timing it.
 */
public final class WireRobot implements AutoCloseable {

    public final RosNode node;
    public final Publisher<Odometry> odom;
    public final Publisher<Bool> estop;
    public volatile double linear = Double.NaN;
    public volatile double angular = Double.NaN;
    public volatile long commands;
    /** Commands with a non-zero velocity, since the start. */
    public volatile long movingCommands;
    /** Arrival time of the first zero command after {@link #watchZero} was armed, 0 before. */
    public volatile long zeroAt;
    /** Non-zero commands that arrived after {@link #watchZero} and before the first zero. */
    public volatile int movingBeforeZero;
    private volatile boolean watching;
    private volatile DiagnosticArray diagnostics;

    /** A robot on {@code domain} with Cyclone configuration {@code cycloneXml}. */
    public WireRobot(int domain, String cycloneXml) {
        this(domain, cycloneXml, RosSecurity.OFF);
    }

    /** A robot on {@code domain} with Cyclone configuration {@code cycloneXml}, secured as {@code security} says. */
    public WireRobot(int domain, String cycloneXml, RosSecurity security) {
        node = RosNode.create(new RosNode.Options("test_robot", "/", List.of(), domain, cycloneXml, security));
        odom = node.publisher("odom", Odometry.TYPE, QosProfile.DEFAULT);
        estop = node.publisher("estop", Bool.TYPE, QosProfile.DEFAULT);
        node.subscribe("cmd_vel", Twist.TYPE, QosProfile.DEFAULT, m -> {
            long now = System.nanoTime();
            linear = m.linear().x();
            angular = m.angular().z();
            commands++;
            if (linear != 0.0 || angular != 0.0) {
                movingCommands++;
            }
            if (watching && zeroAt == 0) {
                if (linear == 0.0 && angular == 0.0) {
                    zeroAt = now;
                } else {
                    movingBeforeZero++;
                }
            }
        });
        node.subscribe("/diagnostics", DiagnosticArray.TYPE, QosProfile.DEFAULT, m -> diagnostics = m);
    }

    /** Arms the watch for the next zero command. */
    public void watchZero() {
        zeroAt = 0;
        movingBeforeZero = 0;
        watching = true;
    }

    /** Odometry at (x, 0.1) facing +x, at rest, stamped now. */
    public void sendOdom(double x) {
        sendOdom(x, System.currentTimeMillis() * 1_000_000L);
    }

    /** Odometry at (x, 0.1) facing +x, at rest, with stamp {@code stampNanos} (epoch ns). */
    public void sendOdom(double x, long stampNanos) {
        odom.publish(new Odometry(new Header(new Time((int) (stampNanos / 1_000_000_000L),
                (int) (stampNanos % 1_000_000_000L)), "odom"), "base_footprint", new PoseWithCovariance(new Pose(
                new Point(x, 0.1, 0), new Quaternion(0, 0, 0, 1)), new double[36]), new TwistWithCovariance(
                new Twist(new Vector3(0, 0, 0), new Vector3(0, 0, 0)), new double[36])));
    }

    /** A value of the node's last diagnostics report, or null. */
    public String diagnostic(String key) {
        DiagnosticArray d = diagnostics;
        if (d == null || d.status().isEmpty()) {
            return null;
        }
        return d.status().get(0).values().stream().filter(kv -> kv.key().equals(key)).map(kv -> kv.value())
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        node.close();
    }
}
