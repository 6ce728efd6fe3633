package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/ParameterEvent} (DDS {@code rcl_interfaces::msg::dds_::ParameterEvent_}), 88 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param stamp ROS field {@code stamp}
 * @param node ROS field {@code node}
 * @param newParameters ROS field {@code new_parameters}
 * @param changedParameters ROS field {@code changed_parameters}
 * @param deletedParameters ROS field {@code deleted_parameters}
 */
public record ParameterEvent(Time stamp, String node, List<Parameter> newParameters, List<Parameter> changedParameters, List<Parameter> deletedParameters) {

    /** Transport description of this type. */
    public static final MessageType<ParameterEvent> TYPE =
            new MessageType<>("rcl_interfaces/msg/ParameterEvent", ParameterEvent.class, 88L, ParameterEvent::decode, ParameterEvent::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ParameterEvent {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(newParameters, "new_parameters");
        Objects.requireNonNull(changedParameters, "changed_parameters");
        Objects.requireNonNull(deletedParameters, "deleted_parameters");
    }

    static ParameterEvent decode(SampleReader in, long at) {
        return new ParameterEvent(
                Time.decode(in, at + 0L),
                in.string(at + 8L),
                in.messages(at + 16L, 0, 160L, Parameter::decode),
                in.messages(at + 40L, 0, 160L, Parameter::decode),
                in.messages(at + 64L, 0, 160L, Parameter::decode));
    }

    static void encode(ParameterEvent m, SampleWriter out, long at) {
        Time.encode(m.stamp, out, at + 0L);
        out.string(at + 8L, m.node);
        out.messages(at + 16L, m.newParameters, 0, 160L, Parameter::encode);
        out.messages(at + 40L, m.changedParameters, 0, 160L, Parameter::encode);
        out.messages(at + 64L, m.deletedParameters, 0, 160L, Parameter::encode);
    }
}
