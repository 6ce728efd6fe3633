package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code geometry_msgs/msg/TwistStamped} (DDS {@code geometry_msgs::msg::dds_::TwistStamped_}), 64 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param header ROS field {@code header}
 * @param twist ROS field {@code twist}
 */
public record TwistStamped(Header header, Twist twist) {

    /** Transport description of this type. */
    public static final MessageType<TwistStamped> TYPE =
            new MessageType<>("geometry_msgs/msg/TwistStamped", TwistStamped.class, 64L, TwistStamped::decode, TwistStamped::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public TwistStamped {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(twist, "twist");
    }

    static TwistStamped decode(SampleReader in, long at) {
        return new TwistStamped(
                Header.decode(in, at + 0L),
                Twist.decode(in, at + 16L));
    }

    static void encode(TwistStamped m, SampleWriter out, long at) {
        Header.encode(m.header, out, at + 0L);
        Twist.encode(m.twist, out, at + 16L);
    }
}
