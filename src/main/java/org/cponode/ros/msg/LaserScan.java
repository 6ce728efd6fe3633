package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code sensor_msgs/msg/LaserScan} (DDS {@code sensor_msgs::msg::dds_::LaserScan_}), 96 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param header ROS field {@code header}
 * @param angleMin ROS field {@code angle_min}
 * @param angleMax ROS field {@code angle_max}
 * @param angleIncrement ROS field {@code angle_increment}
 * @param timeIncrement ROS field {@code time_increment}
 * @param scanTime ROS field {@code scan_time}
 * @param rangeMin ROS field {@code range_min}
 * @param rangeMax ROS field {@code range_max}
 * @param ranges ROS field {@code ranges}
 * @param intensities ROS field {@code intensities}
 */
public record LaserScan(Header header, float angleMin, float angleMax, float angleIncrement, float timeIncrement, float scanTime, float rangeMin, float rangeMax, float[] ranges, float[] intensities) {

    /** Transport description of this type. */
    public static final MessageType<LaserScan> TYPE =
            new MessageType<>("sensor_msgs/msg/LaserScan", LaserScan.class, 96L, LaserScan::decode, LaserScan::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public LaserScan {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(ranges, "ranges");
        Objects.requireNonNull(intensities, "intensities");
    }

    static LaserScan decode(SampleReader in, long at) {
        return new LaserScan(
                Header.decode(in, at + 0L),
                in.f32(at + 16L),
                in.f32(at + 20L),
                in.f32(at + 24L),
                in.f32(at + 28L),
                in.f32(at + 32L),
                in.f32(at + 36L),
                in.f32(at + 40L),
                in.f32Array(in.sequenceBuffer(at + 48L), in.sequenceLength(at + 48L, 0)),
                in.f32Array(in.sequenceBuffer(at + 72L), in.sequenceLength(at + 72L, 0)));
    }

    static void encode(LaserScan m, SampleWriter out, long at) {
        Header.encode(m.header, out, at + 0L);
        out.f32(at + 16L, m.angleMin);
        out.f32(at + 20L, m.angleMax);
        out.f32(at + 24L, m.angleIncrement);
        out.f32(at + 28L, m.timeIncrement);
        out.f32(at + 32L, m.scanTime);
        out.f32(at + 36L, m.rangeMin);
        out.f32(at + 40L, m.rangeMax);
        out.f32Sequence(at + 48L, m.ranges, 0);
        out.f32Sequence(at + 72L, m.intensities, 0);
    }
}
