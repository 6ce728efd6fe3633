package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/srv/GetAvailableTransitions_Response} (DDS {@code lifecycle_msgs::srv::dds_::GetAvailableTransitions_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param availableTransitions ROS field {@code available_transitions}
 */
public record GetAvailableTransitionsResponse(List<TransitionDescription> availableTransitions) {

    /** Transport description of this type. */
    public static final MessageType<GetAvailableTransitionsResponse> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetAvailableTransitions_Response", GetAvailableTransitionsResponse.class, 24L, GetAvailableTransitionsResponse::decode, GetAvailableTransitionsResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public GetAvailableTransitionsResponse {
        Objects.requireNonNull(availableTransitions, "available_transitions");
    }

    static GetAvailableTransitionsResponse decode(SampleReader in, long at) {
        return new GetAvailableTransitionsResponse(
                in.messages(at + 0L, 0, 48L, TransitionDescription::decode));
    }

    static void encode(GetAvailableTransitionsResponse m, SampleWriter out, long at) {
        out.messages(at + 0L, m.availableTransitions, 0, 48L, TransitionDescription::encode);
    }
}
