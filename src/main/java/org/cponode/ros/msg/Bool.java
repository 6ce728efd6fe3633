package org.cponode.ros.msg;

/**
 * ROS {@code std_msgs/msg/Bool} (DDS {@code std_msgs::msg::dds_::Bool_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param data ROS field {@code data}
 */
public record Bool(boolean data) {

    /** Transport description of this type. */
    public static final MessageType<Bool> TYPE =
            new MessageType<>("std_msgs/msg/Bool", Bool.class, 1L, Bool::decode, Bool::encode);

    static Bool decode(SampleReader in, long at) {
        return new Bool(
                in.bool(at + 0L));
    }

    static void encode(Bool m, SampleWriter out, long at) {
        out.bool(at + 0L, m.data);
    }
}
