package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/ParameterDescriptor} (DDS {@code rcl_interfaces::msg::dds_::ParameterDescriptor_}), 88 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param name ROS field {@code name}
 * @param type ROS field {@code type}
 * @param description ROS field {@code description}
 * @param additionalConstraints ROS field {@code additional_constraints}
 * @param readOnly ROS field {@code read_only}
 * @param dynamicTyping ROS field {@code dynamic_typing}
 * @param floatingPointRange ROS field {@code floating_point_range}
 * @param integerRange ROS field {@code integer_range}
 */
public record ParameterDescriptor(String name, byte type, String description, String additionalConstraints, boolean readOnly, boolean dynamicTyping, List<FloatingPointRange> floatingPointRange, List<IntegerRange> integerRange) {

    /** Transport description of this type. */
    public static final MessageType<ParameterDescriptor> TYPE =
            new MessageType<>("rcl_interfaces/msg/ParameterDescriptor", ParameterDescriptor.class, 88L, ParameterDescriptor::decode, ParameterDescriptor::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(additionalConstraints, "additional_constraints");
        Objects.requireNonNull(floatingPointRange, "floating_point_range");
        Objects.requireNonNull(integerRange, "integer_range");
    }

    static ParameterDescriptor decode(SampleReader in, long at) {
        return new ParameterDescriptor(
                in.string(at + 0L),
                in.i8(at + 8L),
                in.string(at + 16L),
                in.string(at + 24L),
                in.bool(at + 32L),
                in.bool(at + 33L),
                in.messages(at + 40L, 1, 24L, FloatingPointRange::decode),
                in.messages(at + 64L, 1, 24L, IntegerRange::decode));
    }

    static void encode(ParameterDescriptor m, SampleWriter out, long at) {
        out.string(at + 0L, m.name);
        out.i8(at + 8L, m.type);
        out.string(at + 16L, m.description);
        out.string(at + 24L, m.additionalConstraints);
        out.bool(at + 32L, m.readOnly);
        out.bool(at + 33L, m.dynamicTyping);
        out.messages(at + 40L, m.floatingPointRange, 1, 24L, FloatingPointRange::encode);
        out.messages(at + 64L, m.integerRange, 1, 24L, IntegerRange::encode);
    }
}
