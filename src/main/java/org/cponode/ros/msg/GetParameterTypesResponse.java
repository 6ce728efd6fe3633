package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/GetParameterTypes_Response} (DDS {@code rcl_interfaces::srv::dds_::GetParameterTypes_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param types ROS field {@code types}
 */
public record GetParameterTypesResponse(byte[] types) {

    /** Transport description of this type. */
    public static final MessageType<GetParameterTypesResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/GetParameterTypes_Response", GetParameterTypesResponse.class, 24L, GetParameterTypesResponse::decode, GetParameterTypesResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetParameterTypesResponse {
        Objects.requireNonNull(types, "types");
    }

    static GetParameterTypesResponse decode(SampleReader in, long at) {
        return new GetParameterTypesResponse(
                in.i8Array(in.sequenceBuffer(at + 0L), in.sequenceLength(at + 0L, 0)));
    }

    static void encode(GetParameterTypesResponse m, SampleWriter out, long at) {
        out.i8Sequence(at + 0L, m.types, 0);
    }
}
