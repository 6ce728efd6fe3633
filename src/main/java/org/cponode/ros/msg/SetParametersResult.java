package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/SetParametersResult} (DDS {@code rcl_interfaces::msg::dds_::SetParametersResult_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param successful ROS field {@code successful}
 * @param reason ROS field {@code reason}
 */
public record SetParametersResult(boolean successful, String reason) {

    /** Transport description of this type. */
    public static final MessageType<SetParametersResult> TYPE =
            new MessageType<>("rcl_interfaces/msg/SetParametersResult", SetParametersResult.class, 16L, SetParametersResult::decode, SetParametersResult::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public SetParametersResult {
        Objects.requireNonNull(reason, "reason");
    }

    static SetParametersResult decode(SampleReader in, long at) {
        return new SetParametersResult(
                in.bool(at + 0L),
                in.string(at + 8L));
    }

    static void encode(SetParametersResult m, SampleWriter out, long at) {
        out.bool(at + 0L, m.successful);
        out.string(at + 8L, m.reason);
    }
}
