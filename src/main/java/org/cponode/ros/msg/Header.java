package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code std_msgs/msg/Header} (DDS {@code std_msgs::msg::dds_::Header_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param stamp ROS field {@code stamp}
 * @param frameId ROS field {@code frame_id}
 */
public record Header(Time stamp, String frameId) {

    /** Transport description of this type. */
    public static final MessageType<Header> TYPE =
            new MessageType<>("std_msgs/msg/Header", Header.class, 16L, Header::decode, Header::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Header {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(frameId, "frame_id");
    }

    static Header decode(SampleReader in, long at) {
        return new Header(
                Time.decode(in, at + 0L),
                in.string(at + 8L));
    }

    static void encode(Header m, SampleWriter out, long at) {
        Time.encode(m.stamp, out, at + 0L);
        out.string(at + 8L, m.frameId);
    }
}
