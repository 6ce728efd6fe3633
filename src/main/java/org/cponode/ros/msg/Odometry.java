package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code nav_msgs/msg/Odometry} (DDS {@code nav_msgs::msg::dds_::Odometry_}), 704 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param header ROS field {@code header}
 * @param childFrameId ROS field {@code child_frame_id}
 * @param pose ROS field {@code pose}
 * @param twist ROS field {@code twist}
 */
public record Odometry(Header header, String childFrameId, PoseWithCovariance pose, TwistWithCovariance twist) {

    /** Transport description of this type. */
    public static final MessageType<Odometry> TYPE =
            new MessageType<>("nav_msgs/msg/Odometry", Odometry.class, 704L, Odometry::decode, Odometry::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Odometry {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(childFrameId, "child_frame_id");
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(twist, "twist");
    }

    static Odometry decode(SampleReader in, long at) {
        return new Odometry(
                Header.decode(in, at + 0L),
                in.string(at + 16L),
                PoseWithCovariance.decode(in, at + 24L),
                TwistWithCovariance.decode(in, at + 368L));
    }

    static void encode(Odometry m, SampleWriter out, long at) {
        Header.encode(m.header, out, at + 0L);
        out.string(at + 16L, m.childFrameId);
        PoseWithCovariance.encode(m.pose, out, at + 24L);
        TwistWithCovariance.encode(m.twist, out, at + 368L);
    }
}
