package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/DescribeParameters_Request} (DDS {@code rcl_interfaces::srv::dds_::DescribeParameters_Request_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param names ROS field {@code names}
 */
public record DescribeParametersRequest(List<String> names) {

    /** Transport description of this type. */
    public static final MessageType<DescribeParametersRequest> TYPE =
            new MessageType<>("rcl_interfaces/srv/DescribeParameters_Request", DescribeParametersRequest.class, 24L, DescribeParametersRequest::decode, DescribeParametersRequest::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public DescribeParametersRequest {
        Objects.requireNonNull(names, "names");
    }

    static DescribeParametersRequest decode(SampleReader in, long at) {
        return new DescribeParametersRequest(
                in.strings(at + 0L, 0));
    }

    static void encode(DescribeParametersRequest m, SampleWriter out, long at) {
        out.strings(at + 0L, m.names, 0);
    }
}
