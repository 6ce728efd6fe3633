package org.cponode.ros;

import org.cponode.ros.msg.State;

/**
 * The states of a ROS 2 managed node as rcl_lifecycle's default state machine registers them, in its order (what
 * {@code ~/get_available_states} lists): the primary states, in which a node waits for a transition, and the
 * transition states it is in while a transition's callback runs. Ids and labels are {@code lifecycle_msgs/msg/State}'s.
 */
public enum LifecycleState {
    UNKNOWN(0, "unknown"),
    UNCONFIGURED(1, "unconfigured"),
    INACTIVE(2, "inactive"),
    ACTIVE(3, "active"),
    FINALIZED(4, "finalized"),
    CONFIGURING(10, "configuring"),
    CLEANINGUP(11, "cleaningup"),
    SHUTTINGDOWN(12, "shuttingdown"),
    ACTIVATING(13, "activating"),
    DEACTIVATING(14, "deactivating"),
    ERRORPROCESSING(15, "errorprocessing");

    private final int id;
    private final String label;

    LifecycleState(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The {@code lifecycle_msgs/msg/State} id. */
    public int id() {
        return id;
    }

    /** The label rcl gives the state, e.g. {@code inactive}. */
    public String label() {
        return label;
    }

    /** Whether a node rests in this state (the transition states, ids 10 and up, last only while a callback runs). */
    public boolean primary() {
        return id < 10;
    }

    /** As {@code lifecycle_msgs/msg/State}. */
    public State message() {
        return new State((byte) id, label);
    }

    @Override
    public String toString() {
        return label + " [" + id + "]";
    }
}
