package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code diagnostic_msgs/msg/DiagnosticArray} (DDS {@code diagnostic_msgs::msg::dds_::DiagnosticArray_}), 40 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param header ROS field {@code header}
 * @param status ROS field {@code status}
 */
public record DiagnosticArray(Header header, List<DiagnosticStatus> status) {

    /** Transport description of this type. */
    public static final MessageType<DiagnosticArray> TYPE =
            new MessageType<>("diagnostic_msgs/msg/DiagnosticArray", DiagnosticArray.class, 40L, DiagnosticArray::decode, DiagnosticArray::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public DiagnosticArray {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(status, "status");
    }

    static DiagnosticArray decode(SampleReader in, long at) {
        return new DiagnosticArray(
                Header.decode(in, at + 0L),
                in.messages(at + 16L, 0, 56L, DiagnosticStatus::decode));
    }

    static void encode(DiagnosticArray m, SampleWriter out, long at) {
        Header.encode(m.header, out, at + 0L);
        out.messages(at + 16L, m.status, 0, 56L, DiagnosticStatus::encode);
    }
}
