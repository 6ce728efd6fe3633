package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/SetParametersAtomically_Request} (DDS {@code rcl_interfaces::srv::dds_::SetParametersAtomically_Request_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param parameters ROS field {@code parameters}
 */
public record SetParametersAtomicallyRequest(List<Parameter> parameters) {

    /** Transport description of this type. */
    public static final MessageType<SetParametersAtomicallyRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/SetParametersAtomically_Request", SetParametersAtomicallyRequest.class, 24L, SetParametersAtomicallyRequest::decode, SetParametersAtomicallyRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetParametersAtomicallyRequest {
        Objects.requireNonNull(parameters, "parameters");
    }

    static SetParametersAtomicallyRequest decode(SampleReader in, long at) {
        return new SetParametersAtomicallyRequest(
                in.messages(at + 0L, 0, 160L, Parameter::decode));
    }

    static void encode(SetParametersAtomicallyRequest m, SampleWriter out, long at) {
        out.messages(at + 0L, m.parameters, 0, 160L, Parameter::encode);
    }
}
