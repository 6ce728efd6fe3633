package org.cponode.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cponode.fleet.CommandOutcome;
import org.cponode.fleet.CostRate;
import org.cponode.fleet.FleetCommandHandler;
import org.cponode.fleet.FleetConfig;
import org.cponode.fleet.FleetLink;
import org.cponode.fleet.FleetStatus;
import org.cponode.fleet.LearnerState;
import org.cponode.fleet.LearningStats;
import org.cponode.fleet.LoopHealth;
import org.cponode.node.NodeControl;
import org.cponode.control.ControlLoop;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.UpdateResult;
import org.cponode.node.NodeSnapshot;
import org.cponode.ros.DropCount;

/**
 * Connects a running robot node to the MQTT fleet link: operators' commands become {@link NodeControl} calls,
 * and the node's state becomes the retained status (on change) and telemetry (at the configured rate).
 * The link and the robot only meet here, so neither package depends on the other, and nothing on this path
 * touches the control thread: commands only set flags the control loop reads at its next step, and telemetry
 * is mapped field by field from {@link NodeControl#snapshot()} on this bridge's own thread.
 */
final class FleetBridge implements AutoCloseable {

    private final FleetLink link;
    private final NodeControl node;
    private final ScheduledExecutorService publisher;
    private FleetStatus lastStatus;
    private long lastUpdates;

    private FleetBridge(FleetConfig config, NodeControl node) {
        this.node = node;
        this.lastStatus = status(node.snapshot());
        this.link = new FleetLink(config, new Commands(node), lastStatus);
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cpo-fleet-telemetry");
            t.setDaemon(true);
            return t;
        });
        long periodMicros = Math.max(1000, Math.round(1e6 / config.telemetryRateHz()));
        publisher.scheduleAtFixedRate(this::publish, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        link.start();
    }

    /**
     * Starts the link; it connects in the background.
     *
     * @param config the link's settings, checked with the node's parameters before the node started
     * @throws IllegalArgumentException if the TLS files cannot be loaded or Paho refuses the broker URI
     */
    static FleetBridge start(FleetConfig config, NodeControl node) {
        return new FleetBridge(config, node);
    }

    /** The link, for its counters. */
    FleetLink link() {
        return link;
    }

    private void publish() {
        try {
            NodeSnapshot snapshot = node.snapshot();
            FleetStatus status = status(snapshot);
            if (!status.equals(lastStatus)) {
                link.publishStatus(status);
                lastStatus = status;
            }
            link.publishTelemetry(cost(snapshot));
            link.publishTelemetry(loop(snapshot));
            LearningStats learning = learning(snapshot);
            if (learning != null && learning.iteration() != lastUpdates) {
                lastUpdates = learning.iteration();
                link.publishTelemetry(learning);
            }
        } catch (RuntimeException e) {
            // Telemetry is best effort; the next tick tries again. The link counts what it drops.
            System.getLogger(FleetBridge.class.getName()).log(System.Logger.Level.WARNING,
                    "fleet telemetry skipped: " + e.getMessage());
        }
    }

    /** The retained status: learner state, policy version, e-stop, each constraint's limit. */
    static FleetStatus status(NodeSnapshot s) {
        LearnerState learner = s.learner() == null ? LearnerState.IDLE : switch (s.learner().state()) {
            case COLLECTING, UPDATING -> LearnerState.LEARNING;
            case PAUSED -> LearnerState.PAUSED;
            case STOPPED, FAILED -> LearnerState.FAULT;
        };
        int version = (int) Math.min(Integer.MAX_VALUE, Math.max(0, s.policyVersion()));
        return new FleetStatus(learner, version, s.estop() != NodeSnapshot.Estop.RELEASED, s.constraints().stream()
                .map(c -> new FleetStatus.Constraint(c.name(), c.limit())).toList());
    }

    /**
     * The {@code cost} stream: each constraint's cost so far in the window against its budget, and how fast it
     * accrues.
     */
    static CostRate cost(NodeSnapshot s) {
        double elapsed = s.windowElapsed();
        return new CostRate(elapsed, s.constraints().stream().map(c -> new CostRate.Constraint(c.name(),
                c.windowCost(), c.limit(), elapsed > 0 ? c.windowCost() / elapsed : Double.NaN)).toList());
    }

    /**
     * The {@code loop} stream: the control loop's measured period, overruns and step compute time, in s, and the input
     * samples dropped per topic and reason.
     */
    static LoopHealth loop(NodeSnapshot s) {
        ControlLoop.Timing t = s.timing();
        double inputAge = Math.max(s.odomAge(), Math.max(orZero(s.scanAge()), orZero(s.imuAge())));
        Map<String, Map<String, Long>> drops = new LinkedHashMap<>();
        for (DropCount d : s.sampleDrops()) {
            drops.computeIfAbsent(d.topic(), topic -> new LinkedHashMap<>()).put(d.reason().id(), d.count());
        }
        return new LoopHealth(1 / s.targetRate(), t.periodMean() * 1e-3, t.periodMax() * 1e-3, t.overruns(),
                t.computeMean() * 1e-3, inputAge, drops);
    }

    /**
     * The {@code learning} stream: the last online update, or null before the first. Its costs and limits are in
     * the task's order, as the snapshot's constraints are.
     */
    static LearningStats learning(NodeSnapshot s) {
        OnlineLearner.Update u = s.learner() == null ? null : s.learner().lastUpdate();
        if (u == null) {
            return null;
        }
        UpdateResult r = u.result().update();
        List<LearningStats.Constraint> constraints = new ArrayList<>();
        for (int i = 0; i < s.constraints().size(); i++) {
            constraints.add(new LearningStats.Constraint(s.constraints().get(i).name(), u.measuredCosts()[i],
                    u.costLimits()[i]));
        }
        return new LearningStats(s.learner().updates(), (int) Math.min(Integer.MAX_VALUE, u.newVersion()),
                u.measuredReturn(), constraints, r.kl(), r.backtracks(), r.accepted());
    }

    private static double orZero(double age) {
        return Double.isNaN(age) ? 0 : age;
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        link.close();
    }

    /** Fleet commands as node operations; a refusal by the node becomes a rejection with its reason. */
    private record Commands(NodeControl node) implements FleetCommandHandler {

        @Override
        public CommandOutcome pauseLearning() {
            return run(node::pauseLearning);
        }

        @Override
        public CommandOutcome resumeLearning() {
            return run(node::resumeLearning);
        }

        @Override
        public CommandOutcome estop(String reason) {
            System.getLogger(FleetBridge.class.getName()).log(System.Logger.Level.WARNING, "fleet e-stop: " + reason);
            return run(node::estop);
        }

        @Override
        public CommandOutcome releaseEstop() {
            return run(node::releaseEstop);
        }

        @Override
        public CommandOutcome setCostLimit(String constraint, double limit) {
            return run(() -> node.setCostLimit(constraint, limit));
        }

        @Override
        public CommandOutcome loadPolicy(int version) {
            return run(() -> node.loadPolicyVersion(version));
        }

        private static CommandOutcome run(Runnable action) {
            String refused = NodeControl.refusal(action);
            return refused == null ? CommandOutcome.accept() : CommandOutcome.reject(refused);
        }
    }
}
