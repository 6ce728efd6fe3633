package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/msg/State} (DDS {@code lifecycle_msgs::msg::dds_::State_}), 16 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param id ROS field {@code id}
 * @param label ROS field {@code label}
 */
public record State(byte id, String label) {

    /** Transport description of this type. */
    public static final MessageType<State> TYPE =
            new MessageType<>("lifecycle_msgs/msg/State", State.class, 16L, State::decode, State::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public State {
        Objects.requireNonNull(label, "label");
    }

    static State decode(SampleReader in, long at) {
        return new State(
                in.i8(at + 0L),
                in.string(at + 8L));
    }

    static void encode(State m, SampleWriter out, long at) {
        out.i8(at + 0L, m.id);
        out.string(at + 8L, m.label);
    }
}
