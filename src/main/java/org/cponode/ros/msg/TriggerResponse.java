package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code std_srvs/srv/Trigger_Response} (DDS {@code std_srvs::srv::dds_::Trigger_Response_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param success ROS field {@code success}
 * @param message ROS field {@code message}
 */
public record TriggerResponse(boolean success, String message) {

    /** Transport description of this type. */
    public static final MessageType<TriggerResponse> TYPE =
            new MessageType<>("std_srvs/srv/Trigger_Response", TriggerResponse.class, 16L, TriggerResponse::decode, TriggerResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public TriggerResponse {
        Objects.requireNonNull(message, "message");
    }

    static TriggerResponse decode(SampleReader in, long at) {
        return new TriggerResponse(
                in.bool(at + 0L),
                in.string(at + 8L));
    }

    static void encode(TriggerResponse m, SampleWriter out, long at) {
        out.bool(at + 0L, m.success);
        out.string(at + 8L, m.message);
    }
}
