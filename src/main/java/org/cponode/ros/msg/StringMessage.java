package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code std_msgs/msg/String} (DDS {@code std_msgs::msg::dds_::String_}), 8 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param data ROS field {@code data}
 */
public record StringMessage(String data) {

    /** Transport description of this type. */
    public static final MessageType<StringMessage> TYPE =
            new MessageType<>("std_msgs/msg/String", StringMessage.class, 8L, StringMessage::decode, StringMessage::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public StringMessage {
        Objects.requireNonNull(data, "data");
    }

    static StringMessage decode(SampleReader in, long at) {
        return new StringMessage(
                in.string(at + 0L));
    }

    static void encode(StringMessage m, SampleWriter out, long at) {
        out.string(at + 0L, m.data);
    }
}
