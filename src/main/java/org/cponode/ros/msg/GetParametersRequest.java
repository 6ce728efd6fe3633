package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/GetParameters_Request} (DDS {@code rcl_interfaces::srv::dds_::GetParameters_Request_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param names ROS field {@code names}
 */
public record GetParametersRequest(List<String> names) {

    /** Transport description of this type. */
    public static final MessageType<GetParametersRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/GetParameters_Request", GetParametersRequest.class, 24L, GetParametersRequest::decode, GetParametersRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetParametersRequest {
        Objects.requireNonNull(names, "names");
    }

    static GetParametersRequest decode(SampleReader in, long at) {
        return new GetParametersRequest(
                in.strings(at + 0L, 0));
    }

    static void encode(GetParametersRequest m, SampleWriter out, long at) {
        out.strings(at + 0L, m.names, 0);
    }
}
