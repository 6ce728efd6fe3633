package org.cponode.node;

import org.cponode.control.NodeStatus;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorSink;

import java.util.ArrayList;
import java.util.List;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.msg.Bool;
import org.cponode.ros.msg.Clock;
import org.cponode.ros.msg.DiagnosticArray;
import org.cponode.ros.msg.DiagnosticStatus;
import org.cponode.ros.msg.Header;
import org.cponode.ros.msg.Imu;
import org.cponode.ros.msg.KeyValue;
import org.cponode.ros.msg.LaserScan;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Time;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistStamped;

/**
 * {@link RobotTransport} over ROS 2 topics (ros-conventions §4): odometry, scan and IMU with sensor-data QoS
 * (best effort, so they match any publisher), {@code /clock} with ClockQoS when {@code use_sim_time}, the e-stop
 * as std_msgs/Bool (reliable, so it matches the usual reliable publishers, latched or not), {@code cmd_vel} as
 * Twist or TwistStamped (reliable, keep last 10) written in place without allocation, {@code /diagnostics}.
 * Names are relative unless given absolute, so {@code __ns} and remaps apply.
 */
public final class DdsRobotTransport implements RobotTransport {

    private final RosNode node;
    private final NodeParameters params;
    private final Publisher<?> cmdVel;
    private final MessageType.FieldRef linearX;
    private final MessageType.FieldRef angularZ;
    private final MessageType.FieldRef stampSec;
    private final MessageType.FieldRef stampNanosec;
    private final Publisher<DiagnosticArray> diagnostics;

    /**
     * Creates the ROS node (participant, publishers); subscriptions start with {@link #start}.
     *
     * @param domainId ROS_DOMAIN_ID
     * @param cycloneXml Cyclone configuration, or null for libddsc's own ({@code CYCLONEDDS_URI})
     * @param security SROS 2 settings of the node's participant
     * @throws org.cponode.ros.dds.DdsUnavailableException if libddsc cannot be loaded
     * @throws org.cponode.ros.RosSecurityException if SROS 2 is enforced and the participant cannot be secured
     */
    public DdsRobotTransport(NodeConfiguration configuration, int domainId, String cycloneXml, RosSecurity security) {
        this.params = configuration.parameters();
        this.node = RosNode.create(new RosNode.Options(configuration.name(), configuration.namespace(),
                configuration.topicRemaps(), domainId, cycloneXml, security));
        try {
            if (params.twistStamped()) {
                Publisher<TwistStamped> p = node.publisher(params.cmdVelTopic(), TwistStamped.TYPE, QosProfile.DEFAULT);
                linearX = TwistStamped.TYPE.field("twist.linear.x");
                angularZ = TwistStamped.TYPE.field("twist.angular.z");
                stampSec = TwistStamped.TYPE.field("header.stamp.sec");
                stampNanosec = TwistStamped.TYPE.field("header.stamp.nanosec");
                p.setString(TwistStamped.TYPE.field("header.frame_id"), "base_link");
                cmdVel = p;
            } else {
                cmdVel = node.publisher(params.cmdVelTopic(), Twist.TYPE, QosProfile.DEFAULT);
                linearX = Twist.TYPE.field("linear.x");
                angularZ = Twist.TYPE.field("angular.z");
                stampSec = null;
                stampNanosec = null;
            }
            diagnostics = node.publisher("/diagnostics", DiagnosticArray.TYPE, QosProfile.DEFAULT);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The underlying ROS node (names, counters). */
    public RosNode rosNode() {
        return node;
    }

    @Override
    public void start(SensorSink sink) {
        node.subscribe(params.odomTopic(), Odometry.TYPE, QosProfile.SENSOR_DATA, m -> {
            var p = m.pose().pose();
            var t = m.twist().twist();
            sink.odometry(seconds(m.header().stamp()), p.position().x(), p.position().y(), p.orientation().x(),
                    p.orientation().y(), p.orientation().z(), p.orientation().w(), t.linear().x(), t.angular().z());
        });
        if (params.useScan()) {
            node.subscribe(params.scanTopic(), LaserScan.TYPE, QosProfile.SENSOR_DATA,
                    m -> sink.scan(seconds(m.header().stamp()), usable(m), m.angleMin(), m.angleIncrement(),
                            m.rangeMin(), m.rangeMax(), m.ranges()));
        }
        if (params.useImu()) {
            node.subscribe(params.imuTopic(), Imu.TYPE, QosProfile.SENSOR_DATA,
                    m -> sink.imu(seconds(m.header().stamp()), usable(m)));
        }
        if (params.useSimTime()) {
            node.subscribe("/clock", Clock.TYPE, QosProfile.CLOCK, m -> sink.clock(seconds(m.clock())));
        }
        // Two readers on the e-stop: a volatile one matches every publisher; a transient-local one matches only
        // latched publishers, but receives the value they hold when it joins, so an e-stop latched before the node
        // (re)started stops it from the first step instead of being missed until the next publish. A volatile
        // publisher reports the second reader as incompatible (DURABILITY) once; that is expected.
        node.subscribe(params.estopTopic(), Bool.TYPE, QosProfile.DEFAULT, m -> sink.estop(m.data()));
        node.subscribe(params.estopTopic(), Bool.TYPE, QosProfile.LATCHED, m -> sink.estop(m.data()));
    }

    static double seconds(Time t) {
        return t.sec() + Integer.toUnsignedLong(t.nanosec()) * 1e-9;
    }

    /** A scan is usable when its geometry is finite and sane and it has ranges (inf ranges mean "no return"). */
    static boolean usable(LaserScan s) {
        if (!Float.isFinite(s.angleMin()) || !Float.isFinite(s.angleMax()) || !Float.isFinite(s.angleIncrement())
                || !Float.isFinite(s.rangeMin()) || !Float.isFinite(s.rangeMax()) || !(s.rangeMin() < s.rangeMax())
                || s.ranges().length == 0) {
            return false;
        }
        for (float r : s.ranges()) {
            if (Float.isNaN(r)) {
                return false;
            }
        }
        return true;
    }

    static boolean usable(Imu m) {
        return Double.isFinite(m.orientation().x()) && Double.isFinite(m.orientation().y())
                && Double.isFinite(m.orientation().z()) && Double.isFinite(m.orientation().w())
                && Double.isFinite(m.angularVelocity().x()) && Double.isFinite(m.angularVelocity().y())
                && Double.isFinite(m.angularVelocity().z()) && Double.isFinite(m.linearAcceleration().x())
                && Double.isFinite(m.linearAcceleration().y()) && Double.isFinite(m.linearAcceleration().z());
    }

    @Override
    public void publishVelocity(double stamp, double linear, double angular) {
        cmdVel.set(linearX, linear);
        cmdVel.set(angularZ, angular);
        if (stampSec != null) {
            cmdVel.setTime(stampSec, stampNanosec, stamp);
        }
        cmdVel.publishSample();
    }

    @Override
    public void publishDiagnostics(NodeStatus status) {
        List<KeyValue> values = new ArrayList<>();
        status.values().forEach((k, v) -> values.add(new KeyValue(k, v)));
        long nanos = System.currentTimeMillis() * 1_000_000L;
        Time now = new Time((int) (nanos / 1_000_000_000L), (int) (nanos % 1_000_000_000L));
        diagnostics.publish(new DiagnosticArray(new Header(now, ""), List.of(new DiagnosticStatus(status.level(),
                status.name(), status.message(), status.hardwareId(), values))));
    }

    @Override
    public void close() {
        node.close();
    }
}
