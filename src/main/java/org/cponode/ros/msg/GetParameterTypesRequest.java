package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/GetParameterTypes_Request} (DDS {@code rcl_interfaces::srv::dds_::GetParameterTypes_Request_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param names ROS field {@code names}
 */
public record GetParameterTypesRequest(List<String> names) {

    /** Transport description of this type. */
    public static final MessageType<GetParameterTypesRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/GetParameterTypes_Request", GetParameterTypesRequest.class, 24L, GetParameterTypesRequest::decode, GetParameterTypesRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetParameterTypesRequest {
        Objects.requireNonNull(names, "names");
    }

    static GetParameterTypesRequest decode(SampleReader in, long at) {
        return new GetParameterTypesRequest(
                in.strings(at + 0L, 0));
    }

    static void encode(GetParameterTypesRequest m, SampleWriter out, long at) {
        out.strings(at + 0L, m.names, 0);
    }
}
