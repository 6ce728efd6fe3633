package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/srv/GetState_Response} (DDS {@code lifecycle_msgs::srv::dds_::GetState_Response_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param currentState ROS field {@code current_state}
 */
public record GetStateResponse(State currentState) {

    /** Transport description of this type. */
    public static final MessageType<GetStateResponse> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetState_Response", GetStateResponse.class, 16L, GetStateResponse::decode, GetStateResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetStateResponse {
        Objects.requireNonNull(currentState, "current_state");
    }

    static GetStateResponse decode(SampleReader in, long at) {
        return new GetStateResponse(
                State.decode(in, at + 0L));
    }

    static void encode(GetStateResponse m, SampleWriter out, long at) {
        State.encode(m.currentState, out, at + 0L);
    }
}
