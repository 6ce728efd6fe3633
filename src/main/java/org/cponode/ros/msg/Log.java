package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rcl_interfaces/msg/Log} (DDS {@code rcl_interfaces::msg::dds_::Log_}), 56 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param stamp ROS field {@code stamp}
 * @param level ROS field {@code level}
 * @param name ROS field {@code name}
 * @param msg ROS field {@code msg}
 * @param file ROS field {@code file}
 * @param function ROS field {@code function}
 * @param line ROS field {@code line} (unsigned; the raw bits)
 */
public record Log(Time stamp, byte level, String name, String msg, String file, String function, int line) {

    /** Transport description of this type. */
    public static final MessageType<Log> TYPE =
            new MessageType<>("rcl_interfaces/msg/Log", Log.class, 56L, Log::decode, Log::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Log {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(function, "function");
    }

    static Log decode(SampleReader in, long at) {
        return new Log(
                Time.decode(in, at + 0L),
                in.i8(at + 8L),
                in.string(at + 16L),
                in.string(at + 24L),
                in.string(at + 32L),
                in.string(at + 40L),
                in.i32(at + 48L));
    }

    static void encode(Log m, SampleWriter out, long at) {
        Time.encode(m.stamp, out, at + 0L);
        out.i8(at + 8L, m.level);
        out.string(at + 16L, m.name);
        out.string(at + 24L, m.msg);
        out.string(at + 32L, m.file);
        out.string(at + 40L, m.function);
        out.i32(at + 48L, m.line);
    }
}
