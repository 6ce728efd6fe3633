package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/GetParameters_Response} (DDS {@code rcl_interfaces::srv::dds_::GetParameters_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param values ROS field {@code values}
 */
public record GetParametersResponse(List<ParameterValue> values) {

    /** Transport description of this type. */
    public static final MessageType<GetParametersResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/GetParameters_Response", GetParametersResponse.class, 24L, GetParametersResponse::decode, GetParametersResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetParametersResponse {
        Objects.requireNonNull(values, "values");
    }

    static GetParametersResponse decode(SampleReader in, long at) {
        return new GetParametersResponse(
                in.messages(at + 0L, 0, 152L, ParameterValue::decode));
    }

    static void encode(GetParametersResponse m, SampleWriter out, long at) {
        out.messages(at + 0L, m.values, 0, 152L, ParameterValue::encode);
    }
}
