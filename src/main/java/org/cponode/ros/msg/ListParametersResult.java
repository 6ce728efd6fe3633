package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/ListParametersResult} (DDS {@code rcl_interfaces::msg::dds_::ListParametersResult_}), 48 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param names ROS field {@code names}
 * @param prefixes ROS field {@code prefixes}
 */
public record ListParametersResult(List<String> names, List<String> prefixes) {

    /** Transport description of this type. */
    public static final MessageType<ListParametersResult> TYPE =
            new MessageType<>("rcl_interfaces/msg/ListParametersResult", ListParametersResult.class, 48L, ListParametersResult::decode, ListParametersResult::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ListParametersResult {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(prefixes, "prefixes");
    }

    static ListParametersResult decode(SampleReader in, long at) {
        return new ListParametersResult(
                in.strings(at + 0L, 0),
                in.strings(at + 24L, 0));
    }

    static void encode(ListParametersResult m, SampleWriter out, long at) {
        out.strings(at + 0L, m.names, 0);
        out.strings(at + 24L, m.prefixes, 0);
    }
}
