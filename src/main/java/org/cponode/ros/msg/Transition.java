package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/msg/Transition} (DDS {@code lifecycle_msgs::msg::dds_::Transition_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param id ROS field {@code id}
 * @param label ROS field {@code label}
 */
public record Transition(byte id, String label) {

    /** Transport description of this type. */
    public static final MessageType<Transition> TYPE =
            new MessageType<>("lifecycle_msgs/msg/Transition", Transition.class, 16L, Transition::decode, Transition::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public Transition {
        Objects.requireNonNull(label, "label");
    }

    static Transition decode(SampleReader in, long at) {
        return new Transition(
                in.i8(at + 0L),
                in.string(at + 8L));
    }

    static void encode(Transition m, SampleWriter out, long at) {
        out.i8(at + 0L, m.id);
        out.string(at + 8L, m.label);
    }
}
