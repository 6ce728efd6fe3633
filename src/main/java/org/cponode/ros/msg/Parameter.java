package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/Parameter} (DDS {@code rcl_interfaces::msg::dds_::Parameter_}), 160 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param name ROS field {@code name}
 * @param value ROS field {@code value}
 */
public record Parameter(String name, ParameterValue value) {

    /** Transport description of this type. */
    public static final MessageType<Parameter> TYPE =
            new MessageType<>("rcl_interfaces/msg/Parameter", Parameter.class, 160L, Parameter::decode, Parameter::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    static Parameter decode(SampleReader in, long at) {
        return new Parameter(
                in.string(at + 0L),
                ParameterValue.decode(in, at + 8L));
    }

    static void encode(Parameter m, SampleWriter out, long at) {
        out.string(at + 0L, m.name);
        ParameterValue.encode(m.value, out, at + 8L);
    }
}
