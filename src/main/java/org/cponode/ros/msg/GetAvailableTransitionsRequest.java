package org.cponode.ros.msg;

/**
 * ROS {@code lifecycle_msgs/srv/GetAvailableTransitions_Request} (DDS {@code lifecycle_msgs::srv::dds_::GetAvailableTransitions_Request_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * <p>No fields (C has rosidl's one-byte placeholder member).
 */
public record GetAvailableTransitionsRequest() {

    /** Transport description of this type. */
    public static final MessageType<GetAvailableTransitionsRequest> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetAvailableTransitions_Request", GetAvailableTransitionsRequest.class, 1L, GetAvailableTransitionsRequest::decode, GetAvailableTransitionsRequest::encode);

    static GetAvailableTransitionsRequest decode(SampleReader in, long at) {
        return new GetAvailableTransitionsRequest();
    }

    static void encode(GetAvailableTransitionsRequest m, SampleWriter out, long at) {
        out.i8(at, (byte) 0);
    }
}
