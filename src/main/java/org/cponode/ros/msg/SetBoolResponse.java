package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code std_srvs/srv/SetBool_Response} (DDS {@code std_srvs::srv::dds_::SetBool_Response_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param success ROS field {@code success}
 * @param message ROS field {@code message}
 */
public record SetBoolResponse(boolean success, String message) {

    /** Transport description of this type. */
    public static final MessageType<SetBoolResponse> TYPE =
            new MessageType<>("std_srvs/srv/SetBool_Response", SetBoolResponse.class, 16L, SetBoolResponse::decode, SetBoolResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetBoolResponse {
        Objects.requireNonNull(message, "message");
    }

    static SetBoolResponse decode(SampleReader in, long at) {
        return new SetBoolResponse(
                in.bool(at + 0L),
                in.string(at + 8L));
    }

    static void encode(SetBoolResponse m, SampleWriter out, long at) {
        out.bool(at + 0L, m.success);
        out.string(at + 8L, m.message);
    }
}
