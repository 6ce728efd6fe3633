package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code rmw_dds_common/msg/Gid} (DDS {@code rmw_dds_common::msg::dds_::Gid_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param data ROS field {@code data}
 */
public record Gid(byte[] data) {

    /** Transport description of this type. */
    public static final MessageType<Gid> TYPE =
            new MessageType<>("rmw_dds_common/msg/Gid", Gid.class, 16L, Gid::decode, Gid::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Gid {
        Objects.requireNonNull(data, "data");
        if (data.length != 16) {
            throw new IllegalArgumentException("data needs 16 elements, got " + data.length);
        }
    }

    static Gid decode(SampleReader in, long at) {
        return new Gid(
                in.i8Array(at + 0L, 16));
    }

    static void encode(Gid m, SampleWriter out, long at) {
        out.i8Array(at + 0L, m.data, 16);
    }
}
