package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code geometry_msgs/msg/Pose} (DDS {@code geometry_msgs::msg::dds_::Pose_}), 56 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param position ROS field {@code position}
 * @param orientation ROS field {@code orientation}
 */
public record Pose(Point position, Quaternion orientation) {

    /** Transport description of this type. */
    public static final MessageType<Pose> TYPE =
            new MessageType<>("geometry_msgs/msg/Pose", Pose.class, 56L, Pose::decode, Pose::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Pose {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(orientation, "orientation");
    }

    static Pose decode(SampleReader in, long at) {
        return new Pose(
                Point.decode(in, at + 0L),
                Quaternion.decode(in, at + 24L));
    }

    static void encode(Pose m, SampleWriter out, long at) {
        Point.encode(m.position, out, at + 0L);
        Quaternion.encode(m.orientation, out, at + 24L);
    }
}
