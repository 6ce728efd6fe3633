package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/SetParameters_Request} (DDS {@code rcl_interfaces::srv::dds_::SetParameters_Request_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param parameters ROS field {@code parameters}
 */
public record SetParametersRequest(List<Parameter> parameters) {

    /** Transport description of this type. */
    public static final MessageType<SetParametersRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/SetParameters_Request", SetParametersRequest.class, 24L, SetParametersRequest::decode, SetParametersRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetParametersRequest {
        Objects.requireNonNull(parameters, "parameters");
    }

    static SetParametersRequest decode(SampleReader in, long at) {
        return new SetParametersRequest(
                in.messages(at + 0L, 0, 160L, Parameter::decode));
    }

    static void encode(SetParametersRequest m, SampleWriter out, long at) {
        out.messages(at + 0L, m.parameters, 0, 160L, Parameter::encode);
    }
}
