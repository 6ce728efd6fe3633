package org.cponode.ros;

import static org.cponode.ros.LifecycleState.ACTIVATING;
import static org.cponode.ros.LifecycleState.ACTIVE;
import static org.cponode.ros.LifecycleState.CLEANINGUP;
import static org.cponode.ros.LifecycleState.CONFIGURING;
import static org.cponode.ros.LifecycleState.DEACTIVATING;
import static org.cponode.ros.LifecycleState.ERRORPROCESSING;
import static org.cponode.ros.LifecycleState.FINALIZED;
import static org.cponode.ros.LifecycleState.INACTIVE;
import static org.cponode.ros.LifecycleState.SHUTTINGDOWN;
import static org.cponode.ros.LifecycleState.UNCONFIGURED;

import java.util.Arrays;
import java.util.List;
import org.cponode.ros.msg.Transition;
import org.cponode.ros.msg.TransitionDescription;

/**
 * The transitions of rcl_lifecycle's default state machine, in the order it registers them (what
 * {@code ~/get_transition_graph} lists). A requested transition (configure, cleanup, activate, deactivate, shutdown)
 * leads from a primary state into a transition state; the callback's result then leaves that state by the
 * transition labelled {@code transition_success}, {@code transition_failure} or {@code transition_error}. Ids and
 * labels are {@code lifecycle_msgs/msg/Transition}'s; shutdown has one id per primary state it starts from.
 */
public enum LifecycleTransition {
    CONFIGURE(1, "configure", UNCONFIGURED, CONFIGURING),
    ON_CONFIGURE_SUCCESS(10, Result.SUCCESS.label, CONFIGURING, INACTIVE),
    ON_CONFIGURE_FAILURE(11, Result.FAILURE.label, CONFIGURING, UNCONFIGURED),
    ON_CONFIGURE_ERROR(12, Result.ERROR.label, CONFIGURING, ERRORPROCESSING),
    CLEANUP(2, "cleanup", INACTIVE, CLEANINGUP),
    ON_CLEANUP_SUCCESS(20, Result.SUCCESS.label, CLEANINGUP, UNCONFIGURED),
    ON_CLEANUP_FAILURE(21, Result.FAILURE.label, CLEANINGUP, INACTIVE),
    ON_CLEANUP_ERROR(22, Result.ERROR.label, CLEANINGUP, ERRORPROCESSING),
    ACTIVATE(3, "activate", INACTIVE, ACTIVATING),
    ON_ACTIVATE_SUCCESS(30, Result.SUCCESS.label, ACTIVATING, ACTIVE),
    ON_ACTIVATE_FAILURE(31, Result.FAILURE.label, ACTIVATING, INACTIVE),
    ON_ACTIVATE_ERROR(32, Result.ERROR.label, ACTIVATING, ERRORPROCESSING),
    DEACTIVATE(4, "deactivate", ACTIVE, DEACTIVATING),
    ON_DEACTIVATE_SUCCESS(40, Result.SUCCESS.label, DEACTIVATING, INACTIVE),
    ON_DEACTIVATE_FAILURE(41, Result.FAILURE.label, DEACTIVATING, ACTIVE),
    ON_DEACTIVATE_ERROR(42, Result.ERROR.label, DEACTIVATING, ERRORPROCESSING),
    UNCONFIGURED_SHUTDOWN(5, "shutdown", UNCONFIGURED, SHUTTINGDOWN),
    INACTIVE_SHUTDOWN(6, "shutdown", INACTIVE, SHUTTINGDOWN),
    ACTIVE_SHUTDOWN(7, "shutdown", ACTIVE, SHUTTINGDOWN),
    ON_SHUTDOWN_SUCCESS(50, Result.SUCCESS.label, SHUTTINGDOWN, FINALIZED),
    ON_SHUTDOWN_FAILURE(51, Result.FAILURE.label, SHUTTINGDOWN, FINALIZED),
    ON_SHUTDOWN_ERROR(52, Result.ERROR.label, SHUTTINGDOWN, ERRORPROCESSING),
    ON_ERROR_SUCCESS(60, Result.SUCCESS.label, ERRORPROCESSING, UNCONFIGURED),
    ON_ERROR_FAILURE(61, Result.FAILURE.label, ERRORPROCESSING, FINALIZED),
    ON_ERROR_ERROR(62, Result.ERROR.label, ERRORPROCESSING, FINALIZED);

    /** How a transition's callback ended, and the label of the transition that leaves its transition state. */
    public enum Result {
        SUCCESS("transition_success"),
        FAILURE("transition_failure"),
        ERROR("transition_error");

        private final String label;

        Result(String label) {
            this.label = label;
        }
    }

    private final int id;
    private final String label;
    private final LifecycleState start;
    private final LifecycleState goal;

    LifecycleTransition(int id, String label, LifecycleState start, LifecycleState goal) {
        this.id = id;
        this.label = label;
        this.start = start;
        this.goal = goal;
    }

    /** The {@code lifecycle_msgs/msg/Transition} id. */
    public int id() {
        return id;
    }

    /** The label, e.g. {@code configure} or {@code transition_success}. */
    public String label() {
        return label;
    }

    /** The state it leaves. */
    public LifecycleState start() {
        return start;
    }

    /** The state it enters. */
    public LifecycleState goal() {
        return goal;
    }

    /** As {@code lifecycle_msgs/msg/Transition}. */
    public Transition message() {
        return new Transition((byte) id, label);
    }

    /** As {@code lifecycle_msgs/msg/TransitionDescription}. */
    public TransitionDescription description() {
        return new TransitionDescription(message(), start.message(), goal.message());
    }

    /** The transitions that leave {@code state}, in registration order (what {@code ~/get_available_transitions} lists). */
    public static List<LifecycleTransition> from(LifecycleState state) {
        return Arrays.stream(values()).filter(t -> t.start == state).toList();
    }

    /**
     * The transition a {@code ~/change_state} request names from {@code state}, as rclcpp_lifecycle looks it up: by
     * {@code label} when it is not empty (so that {@code {transition: {label: shutdown}}}, whose id defaults to 0,
     * works), else by {@code id}; null when {@code state} has no such transition.
     */
    public static LifecycleTransition requested(LifecycleState state, int id, String label) {
        for (LifecycleTransition t : from(state)) {
            if (label.isEmpty() ? t.id == id : t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }

    /** The transition that leaves transition state {@code state} when its callback ended with {@code result}. */
    public static LifecycleTransition ending(LifecycleState state, Result result) {
        LifecycleTransition t = requested(state, 0, result.label);
        if (t == null) {
            throw new IllegalArgumentException(state + " is not a transition state");
        }
        return t;
    }

    @Override
    public String toString() {
        return label + " [" + id + "]";
    }
}
