package org.cponode.ros.msg;

/**
 * ROS {@code rcl_interfaces/msg/FloatingPointRange} (DDS {@code rcl_interfaces::msg::dds_::FloatingPointRange_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param fromValue ROS field {@code from_value}
 * @param toValue ROS field {@code to_value}
 * @param step ROS field {@code step}
 */
public record FloatingPointRange(double fromValue, double toValue, double step) {

    /** Transport description of this type. */
    public static final MessageType<FloatingPointRange> TYPE =
            new MessageType<>("rcl_interfaces/msg/FloatingPointRange", FloatingPointRange.class, 24L, FloatingPointRange::decode, FloatingPointRange::encode);

    static FloatingPointRange decode(SampleReader in, long at) {
        return new FloatingPointRange(
                in.f64(at + 0L),
                in.f64(at + 8L),
                in.f64(at + 16L));
    }

    static void encode(FloatingPointRange m, SampleWriter out, long at) {
        out.f64(at + 0L, m.fromValue);
        out.f64(at + 8L, m.toValue);
        out.f64(at + 16L, m.step);
    }
}
