package org.cponode.ros.msg;

/**
 * ROS {@code builtin_interfaces/msg/Time} (DDS {@code builtin_interfaces::msg::dds_::Time_}), 8 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param sec ROS field {@code sec}
 * @param nanosec ROS field {@code nanosec} (unsigned; the raw bits)
 */
public record Time(int sec, int nanosec) {

    /** Transport description of this type. */
    public static final MessageType<Time> TYPE =
            new MessageType<>("builtin_interfaces/msg/Time", Time.class, 8L, Time::decode, Time::encode);

    static Time decode(SampleReader in, long at) {
        return new Time(
                in.i32(at + 0L),
                in.i32(at + 4L));
    }

    static void encode(Time m, SampleWriter out, long at) {
        out.i32(at + 0L, m.sec);
        out.i32(at + 4L, m.nanosec);
    }
}
