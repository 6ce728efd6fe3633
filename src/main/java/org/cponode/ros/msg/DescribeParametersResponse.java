package org.cponode.ros.msg;

import java.util.List;
import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/srv/DescribeParameters_Response} (DDS {@code rcl_interfaces::srv::dds_::DescribeParameters_Response_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param descriptors ROS field {@code descriptors}
 */
public record DescribeParametersResponse(List<ParameterDescriptor> descriptors) {

    /** Transport description of this type. */
    public static final MessageType<DescribeParametersResponse> TYPE =
            new MessageType<>("rcl_interfaces/srv/DescribeParameters_Response", DescribeParametersResponse.class, 24L, DescribeParametersResponse::decode, DescribeParametersResponse::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public DescribeParametersResponse {
        Objects.requireNonNull(descriptors, "descriptors");
    }

    static DescribeParametersResponse decode(SampleReader in, long at) {
        return new DescribeParametersResponse(
                in.messages(at + 0L, 0, 88L, ParameterDescriptor::decode));
    }

    static void encode(DescribeParametersResponse m, SampleWriter out, long at) {
        out.messages(at + 0L, m.descriptors, 0, 88L, ParameterDescriptor::encode);
    }
}
