package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/SetParametersAtomically_Response} (DDS {@code rcl_interfaces::srv::dds_::SetParametersAtomically_Response_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param result ROS field {@code result}
 */
public record SetParametersAtomicallyResponse(SetParametersResult result) {

    /** Transport description of this type. */
    public static final MessageType<SetParametersAtomicallyResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/SetParametersAtomically_Response", SetParametersAtomicallyResponse.class, 16L, SetParametersAtomicallyResponse::decode, SetParametersAtomicallyResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetParametersAtomicallyResponse {
        Objects.requireNonNull(result, "result");
    }

    static SetParametersAtomicallyResponse decode(SampleReader in, long at) {
        return new SetParametersAtomicallyResponse(
                SetParametersResult.decode(in, at + 0L));
    }

    static void encode(SetParametersAtomicallyResponse m, SampleWriter out, long at) {
        SetParametersResult.encode(m.result, out, at + 0L);
    }
}
