package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code geometry_msgs/msg/Twist} (DDS {@code geometry_msgs::msg::dds_::Twist_}), 48 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param linear ROS field {@code linear}
 * @param angular ROS field {@code angular}
 */
public record Twist(Vector3 linear, Vector3 angular) {

    /** Transport description of this type. */
    public static final MessageType<Twist> TYPE =
            new MessageType<>("geometry_msgs/msg/Twist", Twist.class, 48L, Twist::decode, Twist::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Twist {
        Objects.requireNonNull(linear, "linear");
        Objects.requireNonNull(angular, "angular");
    }

    static Twist decode(SampleReader in, long at) {
        return new Twist(
                Vector3.decode(in, at + 0L),
                Vector3.decode(in, at + 24L));
    }

    static void encode(Twist m, SampleWriter out, long at) {
        Vector3.encode(m.linear, out, at + 0L);
        Vector3.encode(m.angular, out, at + 24L);
    }
}
