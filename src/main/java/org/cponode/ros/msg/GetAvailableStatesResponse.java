package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/srv/GetAvailableStates_Response} (DDS {@code lifecycle_msgs::srv::dds_::GetAvailableStates_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param availableStates ROS field {@code available_states}
 */
public record GetAvailableStatesResponse(List<State> availableStates) {

    /** Transport description of this type. */
    public static final MessageType<GetAvailableStatesResponse> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetAvailableStates_Response", GetAvailableStatesResponse.class, 24L, GetAvailableStatesResponse::decode, GetAvailableStatesResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetAvailableStatesResponse {
        Objects.requireNonNull(availableStates, "available_states");
    }

    static GetAvailableStatesResponse decode(SampleReader in, long at) {
        return new GetAvailableStatesResponse(
                in.messages(at + 0L, 0, 16L, State::decode));
    }

    static void encode(GetAvailableStatesResponse m, SampleWriter out, long at) {
        out.messages(at + 0L, m.availableStates, 0, 16L, State::encode);
    }
}
