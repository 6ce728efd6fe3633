package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code diagnostic_msgs/msg/KeyValue} (DDS {@code diagnostic_msgs::msg::dds_::KeyValue_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param key ROS field {@code key}
 * @param value ROS field {@code value}
 */
public record KeyValue(String key, String value) {

    /** Transport description of this type. */
    public static final MessageType<KeyValue> TYPE =
            new MessageType<>("diagnostic_msgs/msg/KeyValue", KeyValue.class, 16L, KeyValue::decode, KeyValue::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    static KeyValue decode(SampleReader in, long at) {
        return new KeyValue(
                in.string(at + 0L),
                in.string(at + 8L));
    }

    static void encode(KeyValue m, SampleWriter out, long at) {
        out.string(at + 0L, m.key);
        out.string(at + 8L, m.value);
    }
}
