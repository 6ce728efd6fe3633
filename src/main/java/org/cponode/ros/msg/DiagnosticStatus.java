package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code diagnostic_msgs/msg/DiagnosticStatus} (DDS {@code diagnostic_msgs::msg::dds_::DiagnosticStatus_}), 56 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param level ROS field {@code level}
 * @param name ROS field {@code name}
 * @param message ROS field {@code message}
 * @param hardwareId ROS field {@code hardware_id}
 * @param values ROS field {@code values}
 */
public record DiagnosticStatus(byte level, String name, String message, String hardwareId, List<KeyValue> values) {

    /** Transport description of this type. */
    public static final MessageType<DiagnosticStatus> TYPE =
            new MessageType<>("diagnostic_msgs/msg/DiagnosticStatus", DiagnosticStatus.class, 56L, DiagnosticStatus::decode, DiagnosticStatus::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public DiagnosticStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hardwareId, "hardware_id");
        Objects.requireNonNull(values, "values");
    }

    static DiagnosticStatus decode(SampleReader in, long at) {
        return new DiagnosticStatus(
                in.i8(at + 0L),
                in.string(at + 8L),
                in.string(at + 16L),
                in.string(at + 24L),
                in.messages(at + 32L, 0, 16L, KeyValue::decode));
    }

    static void encode(DiagnosticStatus m, SampleWriter out, long at) {
        out.i8(at + 0L, m.level);
        out.string(at + 8L, m.name);
        out.string(at + 16L, m.message);
        out.string(at + 24L, m.hardwareId);
        out.messages(at + 32L, m.values, 0, 16L, KeyValue::encode);
    }
}
