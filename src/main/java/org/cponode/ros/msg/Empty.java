package org.cponode.ros.msg;

/**
 * ROS {@code std_msgs/msg/Empty} (DDS {@code std_msgs::msg::dds_::Empty_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * <p>No fields (C has rosidl's one-byte placeholder member).
 */
public record Empty() {

    /** Transport description of this type. */
    public static final MessageType<Empty> TYPE =
            new MessageType<>("std_msgs/msg/Empty", Empty.class, 1L, Empty::decode, Empty::encode);

    static Empty decode(SampleReader in, long at) {
        return new Empty();
    }

    static void encode(Empty m, SampleWriter out, long at) {
        out.i8(at, (byte) 0);
    }
}
