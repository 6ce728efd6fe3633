package org.cponode.ros.msg;

/**
 * ROS {@code lifecycle_msgs/srv/GetAvailableStates_Request} (DDS {@code lifecycle_msgs::srv::dds_::GetAvailableStates_Request_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * <p>No fields (C has rosidl's one-byte placeholder member).
 */
public record GetAvailableStatesRequest() {

    /** Transport description of this type. */
    public static final MessageType<GetAvailableStatesRequest> TYPE =
            new MessageType<>("lifecycle_msgs/srv/GetAvailableStates_Request", GetAvailableStatesRequest.class, 1L, GetAvailableStatesRequest::decode, GetAvailableStatesRequest::encode);

    static GetAvailableStatesRequest decode(SampleReader in, long at) {
        return new GetAvailableStatesRequest();
    }

    static void encode(GetAvailableStatesRequest m, SampleWriter out, long at) {
        out.i8(at, (byte) 0);
    }
}
