package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/ParameterValue} (DDS {@code rcl_interfaces::msg::dds_::ParameterValue_}), 152 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param type ROS field {@code type}
 * @param boolValue ROS field {@code bool_value}
 * @param integerValue ROS field {@code integer_value}
 * @param doubleValue ROS field {@code double_value}
 * @param stringValue ROS field {@code string_value}
 * @param byteArrayValue ROS field {@code byte_array_value}
 * @param boolArrayValue ROS field {@code bool_array_value}
 * @param integerArrayValue ROS field {@code integer_array_value}
 * @param doubleArrayValue ROS field {@code double_array_value}
 * @param stringArrayValue ROS field {@code string_array_value}
 */
public record ParameterValue(byte type, boolean boolValue, long integerValue, double doubleValue, String stringValue, byte[] byteArrayValue, boolean[] boolArrayValue, long[] integerArrayValue, double[] doubleArrayValue, List<String> stringArrayValue) {

    /** Transport description of this type. */
    public static final MessageType<ParameterValue> TYPE =
            new MessageType<>("rcl_interfaces/msg/ParameterValue", ParameterValue.class, 152L, ParameterValue::decode, ParameterValue::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ParameterValue {
        Objects.requireNonNull(stringValue, "string_value");
        Objects.requireNonNull(byteArrayValue, "byte_array_value");
        Objects.requireNonNull(boolArrayValue, "bool_array_value");
        Objects.requireNonNull(integerArrayValue, "integer_array_value");
        Objects.requireNonNull(doubleArrayValue, "double_array_value");
        Objects.requireNonNull(stringArrayValue, "string_array_value");
    }

    static ParameterValue decode(SampleReader in, long at) {
        return new ParameterValue(
                in.i8(at + 0L),
                in.bool(at + 1L),
                in.i64(at + 8L),
                in.f64(at + 16L),
                in.string(at + 24L),
                in.i8Array(in.sequenceBuffer(at + 32L), in.sequenceLength(at + 32L, 0)),
                in.boolArray(in.sequenceBuffer(at + 56L), in.sequenceLength(at + 56L, 0)),
                in.i64Array(in.sequenceBuffer(at + 80L), in.sequenceLength(at + 80L, 0)),
                in.f64Array(in.sequenceBuffer(at + 104L), in.sequenceLength(at + 104L, 0)),
                in.strings(at + 128L, 0));
    }

    static void encode(ParameterValue m, SampleWriter out, long at) {
        out.i8(at + 0L, m.type);
        out.bool(at + 1L, m.boolValue);
        out.i64(at + 8L, m.integerValue);
        out.f64(at + 16L, m.doubleValue);
        out.string(at + 24L, m.stringValue);
        out.i8Sequence(at + 32L, m.byteArrayValue, 0);
        out.boolSequence(at + 56L, m.boolArrayValue, 0);
        out.i64Sequence(at + 80L, m.integerArrayValue, 0);
        out.f64Sequence(at + 104L, m.doubleArrayValue, 0);
        out.strings(at + 128L, m.stringArrayValue, 0);
    }
}
