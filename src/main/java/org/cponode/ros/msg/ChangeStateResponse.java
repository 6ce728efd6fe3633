package org.cponode.ros.msg;

/**
 * ROS {@code lifecycle_msgs/srv/ChangeState_Response} (DDS {@code lifecycle_msgs::srv::dds_::ChangeState_Response_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param success ROS field {@code success}
 */
public record ChangeStateResponse(boolean success) {

    /** Transport description of this type. */
    public static final MessageType<ChangeStateResponse> TYPE =
            new MessageType<>("lifecycle_msgs/srv/ChangeState_Response", ChangeStateResponse.class, 1L, ChangeStateResponse::decode, ChangeStateResponse::encode);

    static ChangeStateResponse decode(SampleReader in, long at) {
        return new ChangeStateResponse(
                in.bool(at + 0L));
    }

    static void encode(ChangeStateResponse m, SampleWriter out, long at) {
        out.bool(at + 0L, m.success);
    }
}
