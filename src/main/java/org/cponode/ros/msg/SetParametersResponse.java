package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/SetParameters_Response} (DDS {@code rcl_interfaces::srv::dds_::SetParameters_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param results ROS field {@code results}
 */
public record SetParametersResponse(List<SetParametersResult> results) {

    /** Transport description of this type. */
    public static final MessageType<SetParametersResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/SetParameters_Response", SetParametersResponse.class, 24L, SetParametersResponse::decode, SetParametersResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetParametersResponse {
        Objects.requireNonNull(results, "results");
    }

    static SetParametersResponse decode(SampleReader in, long at) {
        return new SetParametersResponse(
                in.messages(at + 0L, 0, 16L, SetParametersResult::decode));
    }

    static void encode(SetParametersResponse m, SampleWriter out, long at) {
        out.messages(at + 0L, m.results, 0, 16L, SetParametersResult::encode);
    }
}
