package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/msg/TransitionDescription} (DDS {@code lifecycle_msgs::msg::dds_::TransitionDescription_}), 48 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param transition ROS field {@code transition}
 * @param startState ROS field {@code start_state}
 * @param goalState ROS field {@code goal_state}
 */
public record TransitionDescription(Transition transition, State startState, State goalState) {

    /** Transport description of this type. */
    public static final MessageType<TransitionDescription> TYPE =
            new MessageType<>("lifecycle_msgs/msg/TransitionDescription", TransitionDescription.class, 48L, TransitionDescription::decode, TransitionDescription::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public TransitionDescription {
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(startState, "start_state");
        Objects.requireNonNull(goalState, "goal_state");
    }

    static TransitionDescription decode(SampleReader in, long at) {
        return new TransitionDescription(
                Transition.decode(in, at + 0L),
                State.decode(in, at + 16L),
                State.decode(in, at + 32L));
    }

    static void encode(TransitionDescription m, SampleWriter out, long at) {
        Transition.encode(m.transition, out, at + 0L);
        State.encode(m.startState, out, at + 16L);
        State.encode(m.goalState, out, at + 32L);
    }
}
