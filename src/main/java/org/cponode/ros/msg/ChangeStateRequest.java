package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/srv/ChangeState_Request} (DDS {@code lifecycle_msgs::srv::dds_::ChangeState_Request_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param transition ROS field {@code transition}
 */
public record ChangeStateRequest(Transition transition) {

    /** Transport description of this type. */
    public static final MessageType<ChangeStateRequest> TYPE =
            new MessageType<>("lifecycle_msgs/srv/ChangeState_Request", ChangeStateRequest.class, 16L, ChangeStateRequest::decode, ChangeStateRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ChangeStateRequest {
        Objects.requireNonNull(transition, "transition");
    }

    static ChangeStateRequest decode(SampleReader in, long at) {
        return new ChangeStateRequest(
                Transition.decode(in, at + 0L));
    }

    static void encode(ChangeStateRequest m, SampleWriter out, long at) {
        Transition.encode(m.transition, out, at + 0L);
    }
}
