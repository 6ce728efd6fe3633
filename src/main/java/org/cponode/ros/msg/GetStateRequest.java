package org.cponode.ros.msg;

/**
 * ROS {@code lifecycle_msgs/srv/GetState_Request} (DDS {@code lifecycle_msgs::srv::dds_::GetState_Request_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * <p>No fields (C has rosidl's one-byte placeholder member).
 */
public record GetStateRequest() {

    /** Transport description of this type. */
    public static final MessageType<GetStateRequest> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetState_Request", GetStateRequest.class, 1L, GetStateRequest::decode, GetStateRequest::encode);

    static GetStateRequest decode(SampleReader in, long at) {
        return new GetStateRequest();
    }

    static void encode(GetStateRequest m, SampleWriter out, long at) {
        out.i8(at, (byte) 0);
    }
}
