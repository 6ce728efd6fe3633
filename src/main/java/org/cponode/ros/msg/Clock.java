package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rosgraph_msgs/msg/Clock} (DDS {@code rosgraph_msgs::msg::dds_::Clock_}), 8 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param clock ROS field {@code clock}
 */
public record Clock(Time clock) {

    /** Transport description of this type. */
    public static final MessageType<Clock> TYPE =
            new MessageType<>("rosgraph_msgs/msg/Clock", Clock.class, 8L, Clock::decode, Clock::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Clock {
        Objects.requireNonNull(clock, "clock");
    }

    static Clock decode(SampleReader in, long at) {
        return new Clock(
                Time.decode(in, at + 0L));
    }

    static void encode(Clock m, SampleWriter out, long at) {
        Time.encode(m.clock, out, at + 0L);
    }
}
