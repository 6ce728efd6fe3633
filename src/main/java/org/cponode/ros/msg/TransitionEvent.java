package org.cponode.ros.msg;

import java.util.Objects;

/**
 * ROS {@code lifecycle_msgs/msg/TransitionEvent} (DDS {@code lifecycle_msgs::msg::dds_::TransitionEvent_}), 56 bytes in C. Generated from messages.schema by
 * MessageGenerator; do not edit. Arrays are shared, not copied: do not modify them after construction.
 *
 * @param timestamp ROS field {@code timestamp} (unsigned; the raw bits)
 * @param transition ROS field {@code transition}
 * @param startState ROS field {@code start_state}
 * @param goalState ROS field {@code goal_state}
 */
public record TransitionEvent(long timestamp, Transition transition, State startState, State goalState) {

    /** Transport description of this type. */
    public static final MessageType<TransitionEvent> TYPE =
            new MessageType<>("lifecycle_msgs/msg/TransitionEvent", TransitionEvent.class, 56L, TransitionEvent::decode, TransitionEvent::encode);

    /** Checks that references are set and fixed arrays have their length. */
    public TransitionEvent {
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(startState, "start_state");
        Objects.requireNonNull(goalState, "goal_state");
    }

    static TransitionEvent decode(SampleReader in, long at) {
        return new TransitionEvent(
                in.i64(at + 0L),
                Transition.decode(in, at + 8L),
                State.decode(in, at + 24L),
                State.decode(in, at + 40L));
    }

    static void encode(TransitionEvent m, SampleWriter out, long at) {
        out.i64(at + 0L, m.timestamp);
        Transition.encode(m.transition, out, at + 8L);
        State.encode(m.startState, out, at + 24L);
        State.encode(m.goalState, out, at + 40L);
    }
}
