package org.cponode.ros.msg;

/**
 * ROS {@code rcl_interfaces/msg/IntegerRange} (DDS {@code rcl_interfaces::msg::dds_::IntegerRange_}), 24 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param fromValue ROS field {@code from_value}
 * @param toValue ROS field {@code to_value}
 * @param step ROS field {@code step} (unsigned; the raw bits)
 */
public record IntegerRange(long fromValue, long toValue, long step) {

    /** Transport description of this type. */
    public static final MessageType<IntegerRange> TYPE =
            new MessageType<>("rcl_interfaces/msg/IntegerRange", IntegerRange.class, 24L, IntegerRange::decode, IntegerRange::encode);

    static IntegerRange decode(SampleReader in, long at) {
        return new IntegerRange(
                in.i64(at + 0L),
                in.i64(at + 8L),
                in.i64(at + 16L));
    }

    static void encode(IntegerRange m, SampleWriter out, long at) {
        out.i64(at + 0L, m.fromValue);
        out.i64(at + 8L, m.toValue);
        out.i64(at + 16L, m.step);
    }
}
