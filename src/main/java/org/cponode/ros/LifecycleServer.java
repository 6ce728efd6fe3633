package org.cponode.ros;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.cponode.ros.msg.ChangeStateResponse;
import org.cponode.ros.msg.GetAvailableStatesResponse;
import org.cponode.ros.msg.GetAvailableTransitionsResponse;
import org.cponode.ros.msg.GetStateResponse;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.TransitionDescription;
import org.cponode.ros.msg.TransitionEvent;

/**
 * A ROS 2 managed node's state machine and its interface, as rcl_lifecycle and rclcpp_lifecycle give a node: it
 * starts unconfigured, moves only along {@link LifecycleTransition}s, runs the node's {@link Callbacks} in the
 * transition states, and serves
 * <ul>
 *   <li>{@code ~/change_state} (lifecycle_msgs/srv/ChangeState): the transition named by label, or by id when the
 *       label is empty; {@code success} is true when its callback succeeded. A transition the current state does not
 *       have is refused with {@code success: false}, nothing runs and no event goes out, as rclcpp answers it;</li>
 *   <li>{@code ~/get_state} (GetState), {@code ~/get_available_states} (GetAvailableStates: every state),
 *       {@code ~/get_available_transitions} (GetAvailableTransitions: those leaving the current state) and
 *       {@code ~/get_transition_graph} (GetAvailableTransitions: all of them);</li>
 *   <li>{@code ~/transition_event} (lifecycle_msgs/msg/TransitionEvent; reliable, volatile, keep last 10, rcl's
 *       default publisher QoS): one event per state change, so two per requested transition (into the transition
 *       state, then out of it) and two more after an error (out of errorprocessing). rcl fills in only
 *       {@code start_state} and {@code goal_state}; this server also fills in {@code transition} (the one taken) and
 *       {@code timestamp} (wall clock, ns since the epoch).</li>
 * </ul>
 * The services run on their own threads ({@link ServiceServer}); transitions run one at a time: a
 * {@code ~/change_state} arriving while another transition runs is refused (the node is then in a transition state,
 * which no requested transition leaves), a local {@link #trigger} waits for it.
 */
public final class LifecycleServer {

    /**
     * What a managed node does in each transition. A callback that returns succeeded; one that throws
     * {@link IllegalArgumentException} or {@link IllegalStateException} failed, with the exception's message as the
     * reason, and the node takes the transition's failure path (back to where it was, or unconfigured for a failed
     * configure); any other {@link RuntimeException} is an error: the node goes to errorprocessing and
     * {@link #onError} runs.
     */
    public interface Callbacks {
        /** unconfigured to inactive. */
        void onConfigure();

        /** inactive to unconfigured: releases what {@link #onConfigure} took. */
        void onCleanup();

        /** inactive to active. */
        void onActivate();

        /** active to inactive: the inverse of {@link #onActivate}. */
        void onDeactivate();

        /** {@code from} (unconfigured, inactive or active) to finalized. */
        void onShutdown(LifecycleState from);

        /** After an error in a transition that started in {@code from}: success leads to unconfigured, else finalized. */
        void onError(LifecycleState from);
    }

    /**
     * How a transition ended.
     *
     * @param state the primary state the node is in now
     * @param failure what the callback threw, or for a refused transition an {@link IllegalStateException} saying
     *     why; null on success
     */
    public record Outcome(LifecycleState state, RuntimeException failure) {

        /** Whether the requested transition's callback succeeded. */
        public boolean success() {
            return failure == null;
        }

        /** Why it failed or was refused, null on success. */
        public String reason() {
            return failure == null ? null : LifecycleServer.reason(failure);
        }
    }

    private static final System.Logger LOG = System.getLogger("org.cponode.ros");

    private final String node;
    private final Callbacks callbacks;
    private final Publisher<TransitionEvent> events;
    private final ReentrantLock transitioning = new ReentrantLock();
    private volatile LifecycleState state = LifecycleState.UNCONFIGURED;

    private LifecycleServer(RosNode node, Callbacks callbacks) {
        this.node = node.names().fullyQualifiedNode();
        this.callbacks = callbacks;
        // the event publisher first: no transition may run without a way to announce it
        this.events = node.publisher("~/transition_event", TransitionEvent.TYPE, QosProfile.DEFAULT);
        ServiceServer.create(node, "~/change_state", ServiceType.CHANGE_STATE,
                q -> new ChangeStateResponse(change(Byte.toUnsignedInt(q.transition().id()), q.transition().label())
                        .success()));
        ServiceServer.create(node, "~/get_state", ServiceType.GET_STATE, q -> new GetStateResponse(state.message()));
        ServiceServer.create(node, "~/get_available_states", ServiceType.GET_AVAILABLE_STATES,
                q -> new GetAvailableStatesResponse(Arrays.stream(LifecycleState.values())
                        .map(LifecycleState::message).toList()));
        ServiceServer.create(node, "~/get_available_transitions", ServiceType.GET_AVAILABLE_TRANSITIONS,
                q -> new GetAvailableTransitionsResponse(descriptions(LifecycleTransition.from(state))));
        ServiceServer.create(node, "~/get_transition_graph", ServiceType.GET_AVAILABLE_TRANSITIONS,
                q -> new GetAvailableTransitionsResponse(descriptions(List.of(LifecycleTransition.values()))));
    }

    /**
     * Serves the lifecycle of {@code node}, unconfigured, until the node closes.
     *
     * @throws IllegalArgumentException if the node already has these topics with other types
     * @throws RosSecurityException if the node's SROS 2 permissions leave one of them out
     */
    public static LifecycleServer serve(RosNode node, Callbacks callbacks) {
        return new LifecycleServer(node, callbacks);
    }

    /** The current state: a primary state, or the transition state of a transition running now. */
    public LifecycleState state() {
        return state;
    }

    /**
     * Takes the transition labelled {@code label} (configure, cleanup, activate, deactivate, shutdown) from the
     * current state, after any transition running now has ended: how the node brings itself up at start and down on
     * a signal.
     */
    public Outcome trigger(String label) {
        transitioning.lock();
        try {
            return take(0, label);
        } finally {
            transitioning.unlock();
        }
    }

    /** A {@code ~/change_state} request. */
    private Outcome change(int id, String label) {
        if (!transitioning.tryLock()) {
            return refuse(label.isEmpty() ? Integer.toString(id) : label, state);
        }
        try {
            return take(id, label);
        } finally {
            transitioning.unlock();
        }
    }

    private Outcome take(int id, String label) {
        LifecycleState from = state;
        LifecycleTransition requested = LifecycleTransition.requested(from, id, label);
        if (requested == null) {
            return refuse(label.isEmpty() ? Integer.toString(id) : label, from);
        }
        move(requested);
        RuntimeException failure = null;
        LifecycleTransition.Result result;
        try {
            run(requested, from);
            result = LifecycleTransition.Result.SUCCESS;
        } catch (IllegalArgumentException | IllegalStateException e) {
            failure = e;
            result = LifecycleTransition.Result.FAILURE;
        } catch (RuntimeException e) {
            failure = e;
            result = LifecycleTransition.Result.ERROR;
            LOG.log(System.Logger.Level.ERROR, node + ": " + requested.label() + " failed with an error", e);
        }
        move(LifecycleTransition.ending(state, result));
        if (result == LifecycleTransition.Result.ERROR) {
            LifecycleTransition.Result handled;
            try {
                callbacks.onError(from);
                handled = LifecycleTransition.Result.SUCCESS;
            } catch (IllegalArgumentException | IllegalStateException e) {
                handled = LifecycleTransition.Result.FAILURE;
                LOG.log(System.Logger.Level.ERROR, node + ": error processing failed: " + reason(e));
            } catch (RuntimeException e) {
                handled = LifecycleTransition.Result.ERROR;
                LOG.log(System.Logger.Level.ERROR, node + ": error processing failed with an error", e);
            }
            move(LifecycleTransition.ending(state, handled));
        }
        Outcome outcome = new Outcome(state, failure);
        if (outcome.success()) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}: {2} -> {3}", node, requested.label(), from.label(),
                    state.label());
        } else {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} failed: {2}; now {3}", node, requested.label(),
                    outcome.reason(), state.label());
        }
        return outcome;
    }

    private void run(LifecycleTransition requested, LifecycleState from) {
        switch (requested) {
            case CONFIGURE -> callbacks.onConfigure();
            case CLEANUP -> callbacks.onCleanup();
            case ACTIVATE -> callbacks.onActivate();
            case DEACTIVATE -> callbacks.onDeactivate();
            case UNCONFIGURED_SHUTDOWN, INACTIVE_SHUTDOWN, ACTIVE_SHUTDOWN -> callbacks.onShutdown(from);
            default -> throw new IllegalArgumentException(requested + " is not a requested transition");
        }
    }

    private Outcome refuse(String requested, LifecycleState from) {
        String reason = "no transition " + requested + " from state " + from.label();
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}; refused", node, reason);
        return new Outcome(from, new IllegalStateException(reason));
    }

    /** Enters {@code t}'s goal and announces it. */
    private void move(LifecycleTransition t) {
        state = t.goal();
        Instant now = Instant.now();
        try {
            events.publish(new TransitionEvent(now.getEpochSecond() * 1_000_000_000L + now.getNano(), t.message(),
                    t.start().message(), t.goal().message()));
        } catch (RuntimeException e) {
            // the transition itself stands: the state machine must not stick in a transition state
            LOG.log(System.Logger.Level.WARNING, node + ": transition event " + t + " not published: " + e.getMessage());
        }
    }

    private static List<TransitionDescription> descriptions(List<LifecycleTransition> ts) {
        return ts.stream().map(LifecycleTransition::description).toList();
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
