package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/ListParameters_Request} (DDS {@code rcl_interfaces::srv::dds_::ListParameters_Request_}), 32 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param prefixes ROS field {@code prefixes}
 * @param depth ROS field {@code depth} (unsigned; the raw bits)
 */
public record ListParametersRequest(List<String> prefixes, long depth) {

    /** Transport description of this type. */
    public static final MessageType<ListParametersRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/ListParameters_Request", ListParametersRequest.class, 32L, ListParametersRequest::decode, ListParametersRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public ListParametersRequest {
        Objects.requireNonNull(prefixes, "prefixes");
    }

    static ListParametersRequest decode(SampleReader in, long at) {
        return new ListParametersRequest(
                in.strings(at + 0L, 0),
                in.i64(at + 24L));
    }

    static void encode(ListParametersRequest m, SampleWriter out, long at) {
        out.strings(at + 0L, m.prefixes, 0);
        out.i64(at + 24L, m.depth);
    }
}
