package org.cponode.ros.msg;

/**
 * ROS {@code std_srvs/srv/Trigger_Request} (DDS {@code std_srvs::srv::dds_::Trigger_Request_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * <p>No fields (C has rosidl's one-byte placeholder member).
 */
public record TriggerRequest() {

    /** Transport description of this type. */
    public static final MessageType<TriggerRequest> TYPE =
            new MessageType<>("std_srvs/srv/Trigger_Request", TriggerRequest.class, 1L, TriggerRequest::decode, TriggerRequest::encode);

    static TriggerRequest decode(SampleReader in, long at) {
        return new TriggerRequest();
    }

    static void encode(TriggerRequest m, SampleWriter out, long at) {
        out.i8(at, (byte) 0);
    }
}
