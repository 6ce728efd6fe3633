package org.cponode.ros.msg;

/**
 * ROS {@code std_srvs/srv/SetBool_Request} (DDS {@code std_srvs::srv::dds_::SetBool_Request_}), 1 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param data ROS field {@code data}
 */
public record SetBoolRequest(boolean data) {

    /** Transport description of this type. */
    public static final MessageType<SetBoolRequest> TYPE =
            new MessageType<>("std_srvs/srv/SetBool_Request", SetBoolRequest.class, 1L, SetBoolRequest::decode, SetBoolRequest::encode);

    static SetBoolRequest decode(SampleReader in, long at) {
        return new SetBoolRequest(
                in.bool(at + 0L));
    }

    static void encode(SetBoolRequest m, SampleWriter out, long at) {
        out.bool(at + 0L, m.data);
    }
}
