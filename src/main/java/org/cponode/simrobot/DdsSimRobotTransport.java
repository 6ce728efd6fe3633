package org.cponode.simrobot;

import java.util.List;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.TopicNames;
import org.cponode.ros.msg.Clock;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Twist;
import org.cponode.ros.msg.TwistStamped;

/**
 * {@link SimRobotTransport} over ROS 2 topics, as a base driver does it: {@code cmd_vel} (Twist or TwistStamped)
 * in with a best-effort reader (matches any publisher), {@code odom} (frame {@code odom}, child
 * {@code base_footprint}) and {@code /clock} out, reliable; both written in place without allocation.
 */
public final class DdsSimRobotTransport implements SimRobotTransport {

    private final RosNode node;
    private final boolean stamped;
    private final String cmdVelTopic;
    private final Publisher<Odometry> odom;
    private final Publisher<Clock> clock;
    private final MessageType.FieldRef sec = Odometry.TYPE.field("header.stamp.sec");
    private final MessageType.FieldRef nanosec = Odometry.TYPE.field("header.stamp.nanosec");
    private final MessageType.FieldRef x = Odometry.TYPE.field("pose.pose.position.x");
    private final MessageType.FieldRef y = Odometry.TYPE.field("pose.pose.position.y");
    private final MessageType.FieldRef qz = Odometry.TYPE.field("pose.pose.orientation.z");
    private final MessageType.FieldRef qw = Odometry.TYPE.field("pose.pose.orientation.w");
    private final MessageType.FieldRef linear = Odometry.TYPE.field("twist.twist.linear.x");
    private final MessageType.FieldRef angular = Odometry.TYPE.field("twist.twist.angular.z");
    private final MessageType.FieldRef clockSec = Clock.TYPE.field("clock.sec");
    private final MessageType.FieldRef clockNanosec = Clock.TYPE.field("clock.nanosec");

    /**
     * @param name node name
     * @param namespace absolute namespace ({@code /} for none)
     * @param remaps topic remaps
     * @param cmdVelTopic command topic
     * @param odomTopic odometry topic
     * @param stamped expect TwistStamped on cmd_vel
     * @param domainId ROS_DOMAIN_ID
     * @param cycloneXml Cyclone configuration, or null for libddsc's own
     * @param security SROS 2 settings of the robot's participant
     * @throws IllegalArgumentException on an invalid node name, namespace, remap or topic name
     * @throws org.cponode.ros.RosSecurityException if SROS 2 is enforced and the participant cannot be secured
     */
    public DdsSimRobotTransport(String name, String namespace, List<TopicNames.Remap> remaps, String cmdVelTopic,
            String odomTopic, boolean stamped, int domainId, String cycloneXml, RosSecurity security) {
        RosNode.Options options = new RosNode.Options(name, namespace, remaps, domainId, cycloneXml, security);
        // a bad name is refused before any DDS call (libddsc crashes on some)
        options.names().resolve(cmdVelTopic);
        options.names().resolve(odomTopic);
        this.node = RosNode.create(options);
        this.stamped = stamped;
        this.cmdVelTopic = cmdVelTopic;
        try {
            odom = node.publisher(odomTopic, Odometry.TYPE, QosProfile.DEFAULT);
            odom.setString(Odometry.TYPE.field("header.frame_id"), "odom");
            odom.setString(Odometry.TYPE.field("child_frame_id"), "base_footprint");
            clock = node.publisher("/clock", Clock.TYPE, new QosProfile(true, false, 1));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The underlying ROS node. */
    public RosNode rosNode() {
        return node;
    }

    @Override
    public void start(CommandSink sink) {
        if (stamped) {
            node.subscribe(cmdVelTopic, TwistStamped.TYPE, QosProfile.SENSOR_DATA,
                    m -> sink.command(m.twist().linear().x(), m.twist().angular().z()));
        } else {
            node.subscribe(cmdVelTopic, Twist.TYPE, QosProfile.SENSOR_DATA,
                    m -> sink.command(m.linear().x(), m.angular().z()));
        }
    }

    @Override
    public void publishOdometry(double stamp, double px, double py, double yaw, double v, double w) {
        odom.setTime(sec, nanosec, stamp);
        odom.set(x, px);
        odom.set(y, py);
        odom.set(qz, Math.sin(yaw / 2));
        odom.set(qw, Math.cos(yaw / 2));
        odom.set(linear, v);
        odom.set(angular, w);
        odom.publishSample();
    }

    @Override
    public void publishClock(double time) {
        clock.setTime(clockSec, clockNanosec, time);
        clock.publishSample();
    }

    @Override
    public void close() {
        node.close();
    }
}
