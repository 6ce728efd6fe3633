package org.cponode.cli;

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
import org.cponode.control.NodeStatus;

/**
 * Connects a running robot node to the MQTT fleet link: operators' commands become {@link NodeControl} calls,
 * and the node's diagnostics become the retained status (on change) and telemetry (at the configured rate).
 * The link and the robot only meet here, so neither package depends on the other, and nothing on this path
 * touches the control thread: commands only set flags the control loop reads at its next step, and telemetry
 * is built from {@link NodeControl#status()} on this bridge's own thread.
 */
final class FleetBridge implements AutoCloseable {

    private final FleetLink link;
    private final NodeControl node;
    private final ScheduledExecutorService publisher;
    private final double episodeWindowSeconds;
    private FleetStatus lastStatus;
    private String lastUpdates = "";

    private FleetBridge(FleetConfig config, NodeControl node, double episodeWindowSeconds) {
        this.node = node;
        this.episodeWindowSeconds = episodeWindowSeconds;
        this.lastStatus = statusOf(node.status());
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
    static FleetBridge start(FleetConfig config, NodeControl node, double episodeWindowSeconds) {
        return new FleetBridge(config, node, episodeWindowSeconds);
    }

    /** The link, for its counters. */
    FleetLink link() {
        return link;
    }

    private void publish() {
        try {
            NodeStatus s = node.status();
            FleetStatus status = statusOf(s);
            if (!status.equals(lastStatus)) {
                link.publishStatus(status);
                lastStatus = status;
            }
            Map<String, String> v = s.values();
            double windowCost = number(v, "window_cost");
            double limit = number(v, "cost_limit");
            link.publishTelemetry(new CostRate(windowCost, limit, windowCost / Math.max(limit, 1e-9), episodeWindowSeconds));
            double rate = number(v, "control_rate_hz");
            double target = number(v, "control_rate_target_hz");
            double jitterP99 = number(v, "jitter_p99_ms") * 1e-3;
            link.publishTelemetry(new LoopHealth(1 / target, 1 / rate, 1 / target + jitterP99, 0,
                    number(v, "step_compute_p99_ms") * 1e-3, number(v, "odom_age_s")));
            String updates = v.getOrDefault("updates", "");
            if (!updates.isEmpty() && !updates.equals(lastUpdates)) {
                lastUpdates = updates;
                link.publishTelemetry(new LearningStats(Long.parseLong(updates), status.policyVersion(),
                        number(v, "last_window_reward"), number(v, "last_window_cost"), limit, Double.NaN, -1, true));
            }
        } catch (RuntimeException e) {
            // Telemetry is best effort; the next tick tries again. The link counts what it drops.
            System.getLogger(FleetBridge.class.getName()).log(System.Logger.Level.WARNING,
                    "fleet telemetry skipped: " + e.getMessage());
        }
    }

    private static FleetStatus statusOf(NodeStatus s) {
        Map<String, String> v = s.values();
        LearnerState learner = switch (v.getOrDefault("learner", "off")) {
            case "collecting", "updating" -> LearnerState.LEARNING;
            case "paused" -> LearnerState.PAUSED;
            case "stopped" -> LearnerState.FAULT;
            default -> LearnerState.IDLE;
        };
        int version = (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(v.getOrDefault("policy_version", "0"))));
        double limit = number(v, "cost_limit");
        return new FleetStatus(learner, version, !"released".equals(v.getOrDefault("estop", "released")),
                Double.isFinite(limit) ? limit : 0);
    }

    private static double number(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.getOrDefault(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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
        public CommandOutcome setCostLimit(double limit) {
            return run(() -> node.setCostLimit(limit));
        }

        @Override
        public CommandOutcome loadPolicy(int version) {
            return run(() -> node.loadPolicyVersion(version));
        }

        private static CommandOutcome run(Runnable action) {
            try {
                action.run();
                return CommandOutcome.accept();
            } catch (IllegalArgumentException | IllegalStateException e) {
                return CommandOutcome.reject(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }
}
