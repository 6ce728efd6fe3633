package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/ListParameters_Response} (DDS {@code rcl_interfaces::srv::dds_::ListParameters_Response_}), 48 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param result ROS field {@code result}
 */
public record ListParametersResponse(ListParametersResult result) {

    /** Transport description of this type. */
    public static final MessageType<ListParametersResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/ListParameters_Response", ListParametersResponse.class, 48L, ListParametersResponse::decode, ListParametersResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ListParametersResponse {
        Objects.requireNonNull(result, "result");
    }

    static ListParametersResponse decode(SampleReader in, long at) {
        return new ListParametersResponse(
                ListParametersResult.decode(in, at + 0L));
    }

    static void encode(ListParametersResponse m, SampleWriter out, long at) {
        ListParametersResult.encode(m.result, out, at + 0L);
    }
}
