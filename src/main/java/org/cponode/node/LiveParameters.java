package org.cponode.node;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cponode.control.ControlCore;
import org.cponode.control.LiveLimits;
import org.cponode.learn.OnlineLearner;
import org.cponode.param.ParameterDeclaration;

/**
 * The node's parameters while it runs, changed the way nav2 changes them: a set is first validated as a whole —
 * every name declared and live, every value by its declaration, then the combination by {@link NodeParameters}'
 * rules and the robot's maxima — and only then applied, all of it or nothing. Applying hands the control core one
 * new {@link LiveLimits} (cost budgets, velocity limits), which it adopts at its next step boundary, the online
 * learner its cost limits, pause or resume and exploration floor, and the diagnostics thread its rate (it reads
 * {@link #current()} every period). The fleet's cost limit and learning switch and the node's {@code ~/set_learning}
 * come through here too ({@link RobotNode}), so a parameter always reads what the node runs with.
 */
public final class LiveParameters {

    /** Hears of every applied set; called on the setting thread, after the node runs with it, and must not block. */
    public interface Listener {
        /**
         * @param names the parameters the set named, in its order
         * @param now every parameter after the set
         */
        void changed(List<String> names, NodeParameters now);
    }

    private final NodeParameters started;
    private final ControlCore core;
    private final OnlineLearner learner;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile NodeParameters current;

    /**
     * @param started the parameters the node started with: the velocity limits never go above theirs
     * @param learner the online learner, or null when the node started without learning
     */
    LiveParameters(NodeParameters started, ControlCore core, OnlineLearner learner) {
        this.started = started;
        this.core = core;
        this.learner = learner;
        this.current = started;
    }

    /** Every parameter as the node runs with it now. */
    public NodeParameters current() {
        return current;
    }

    /** Adds a listener of applied sets. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Validates {@code changes} (name to YAML-typed value) as a whole, then applies them.
     *
     * @throws IllegalArgumentException with the reason the set is refused (rclcpp's for a name not declared or
     *     read-only); nothing has changed then
     */
    public synchronized void set(Map<String, ?> changes) {
        NodeParameters before = current;
        NodeParameters now = validated(before, changes);
        apply(before, now);
        current = now;
        List<String> names = List.copyOf(changes.keySet());
        for (Listener l : listeners) {
            l.changed(names, now); // under the lock: listeners hear of sets in the order they applied
        }
    }

    private NodeParameters validated(NodeParameters before, Map<String, ?> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(before.asMap());
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            String name = e.getKey();
            if (!merged.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' cannot be set because it was not declared");
            }
            ParameterDeclaration d = NodeParameters.declaration(name);
            if (!d.live()) {
                throw new IllegalArgumentException("parameter '" + name + "' cannot be set because it is read-only");
            }
            merged.put(name, d.accept(e.getValue()));
        }
        NodeParameters next = NodeParameters.from(merged);
        requireAtMostStarted("max_linear_velocity", next.maxLinearVelocity(), started.maxLinearVelocity(), "m/s");
        requireAtMostStarted("max_angular_velocity", next.maxAngularVelocity(), started.maxAngularVelocity(), "rad/s");
        if (next.learning() && learner == null) {
            throw new IllegalArgumentException("parameter 'learning' cannot turn learning on: the node started"
                    + " without it (restart it with learning:=true)");
        }
        return next;
    }

    /** What the actuator was set up to allow at start is the robot's maximum: a live limit only lowers it again. */
    private static void requireAtMostStarted(String name, double value, double startedWith, String unit) {
        if (value > startedWith) {
            throw new IllegalArgumentException("parameter '" + name + "' (" + value + " " + unit + ") must not exceed "
                    + startedWith + " " + unit + ", the robot's maximum the node started with");
        }
    }

    private void apply(NodeParameters before, NodeParameters now) {
        boolean limitsChanged = !Arrays.equals(before.costLimits(), now.costLimits());
        if (limitsChanged || before.maxLinearVelocity() != now.maxLinearVelocity()
                || before.maxAngularVelocity() != now.maxAngularVelocity()) {
            core.requestLimits(new LiveLimits(now.costLimits(), now.maxLinearVelocity(), now.maxAngularVelocity()));
        }
        if (learner == null) {
            return;
        }
        if (limitsChanged) {
            learner.setCostLimits(now.costLimits());
        }
        if (before.learning() != now.learning()) {
            learner.setPaused(!now.learning());
        }
        if (before.explorationStd() != now.explorationStd()) {
            learner.raiseExploration(now.explorationStd());
        }
    }
}
