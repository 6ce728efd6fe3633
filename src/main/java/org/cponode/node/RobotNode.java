package org.cponode.node;

import org.cponode.io.AtomicFiles;

import org.cponode.control.ControlCore;
import org.cponode.control.ControlLoop;
import org.cponode.control.Fault;
import org.cponode.control.Mode;
import org.cponode.control.NodeClock;
import org.cponode.control.NodeStatus;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorInputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Learner;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.parallel.WorkerPool;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;

/**
 * The running node: policy set-up (a checkpoint from {@code train --task diffdrive-circle} or from online
 * learning, or a fresh seeded policy), the optional {@link OnlineLearner}, the {@link ControlCore} on its
 * {@link ControlLoop}, diagnostics at {@code diagnostics_rate}, and the {@link NodeControl} operations.
 * {@link #close} stops the loop and publishes zero velocity before releasing the transport; the {@code node}
 * command calls it from a shutdown hook, so SIGINT/SIGTERM stop the robot.
 */
public final class RobotNode implements NodeControl, AutoCloseable {

    /** File in {@code checkpoint_dir} that records a latched fleet e-stop across restarts. */
    public static final String FLEET_ESTOP_FILE = "fleet-estop";

    private static final System.Logger LOG = System.getLogger("org.cponode.node");
    /** What a policy file must be made for: the hand-off check before any policy drives. */
    private static final PolicyCompatibility.Requirements POLICY_REQUIREMENTS =
            PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE);

    private final NodeConfiguration configuration;
    private final NodeParameters params;
    private final RobotTransport transport;
    private final NodeClock clock;
    private final SensorInputs inputs;
    private final AtomicReference<TrainedPolicy> active = new AtomicReference<>();
    private final AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
    private final WorkerPool pool;
    private final OnlineLearner learner;
    private final ControlCore core;
    private final ControlLoop loop;
    private final Thread diagnostics;
    private volatile boolean closed;
    private volatile String lastLearnerEvent = "";
    /** Odometry messages per second between the last two diagnostics reports (diagnostics thread). */
    private volatile double odometryRate = Double.NaN;

    private RobotNode(NodeConfiguration configuration, RobotTransport transport) {
        this.configuration = configuration;
        this.params = configuration.parameters();
        this.transport = transport;
        this.clock = params.useSimTime() ? new NodeClock.Simulated() : new NodeClock.Wall();
        this.inputs = new SensorInputs(clock);
        this.pool = new WorkerPool(1);
        Path policyFile = policyFile(params.policyPath());
        Checkpoint ck = policyFile == null ? null : PolicyCompatibility.load(policyFile, POLICY_REQUIREMENTS);
        if (params.learning()) {
            requireCheckpointDirectory(params.checkpointPath());
            TaskSpec task = Tasks.spec(Tasks.DIFFDRIVE_CIRCLE);
            Learner l;
            long version = 0;
            if (ck == null) {
                l = new Learner(OnlineLearner.freshConfig(task, params.seed(), params.costLimit(),
                        params.windowSteps() * params.batchWindows()).withTimeHorizon(params.windowSteps()),
                        DiffDriveObservation.SIZE, 2, pool);
            } else {
                OnlineLearner.Resumed resumed = OnlineLearner.resumeLearner(ck, DiffDriveObservation.LAYOUT,
                        params.costLimit(), params.explorationStd(), pool);
                l = resumed.learner();
                version = resumed.version();
            }
            OnlineLearner.Settings settings = new OnlineLearner.Settings(params.batchWindows(), params.costLimit(),
                    params.checkpointPath(), task.name(), DiffDriveObservation.LAYOUT, params.seed(),
                    params.explorationStd());
            // The ring holds two windows of steps: the learner drains it every 10 ms, even while updating it
            // only falls behind by the update's duration.
            int capacity = Math.max(1024, 2 * params.windowSteps());
            this.learner = new OnlineLearner(l, version, settings, active, lastSafe, capacity, pool, new Events());
        } else {
            this.learner = null;
            if (ck == null) {
                Learner fresh = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE),
                        params.seed(), params.costLimit(), 1), DiffDriveObservation.SIZE, 2, pool);
                active.set(TrainedPolicy.of(Tasks.DIFFDRIVE_CIRCLE, DiffDriveObservation.LAYOUT, 0, Double.NaN,
                        fresh.policy(), fresh.params(), fresh.normalizer()));
            } else {
                active.set(TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT));
            }
        }
        if (ck != null) {
            TrainedPolicy loaded = TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT);
            if (loaded.measuredCost() <= params.costLimit()) {
                lastSafe.set(loaded);
            }
        }
        this.core = new ControlCore(params.controlSettings(), clock, inputs, transport, active, lastSafe, learner);
        if (Files.exists(fleetEstopFile())) {
            core.setFleetEstop(true);
            LOG.log(System.Logger.Level.WARNING, "the fleet e-stop latched before this start is still in force ({0});"
                    + " release_estop from the fleet releases it", fleetEstopFile());
        }
        this.loop = new ControlLoop(core, clock);
        this.diagnostics = Thread.ofPlatform().daemon().name("cpo-diagnostics").unstarted(this::runDiagnostics);
    }

    /**
     * Builds and starts the node on {@code transport}.
     *
     * @throws IllegalArgumentException if the policy checkpoint cannot be used (missing, damaged, another layout)
     */
    public static RobotNode start(NodeConfiguration configuration, RobotTransport transport) {
        RobotNode node = new RobotNode(configuration, transport);
        transport.start(node.inputs);
        if (node.learner != null) {
            node.learner.start();
        }
        node.loop.start();
        node.diagnostics.start();
        LOG.log(System.Logger.Level.INFO, "{0} running at {1} Hz, policy v{2}, learning {3}",
                configuration.fullyQualifiedName(), node.params.controlRate(), node.active.get().version(),
                node.learner == null ? "off" : "on");
        return node;
    }

    private final class Events implements OnlineLearner.Listener {
        @Override
        public void updated(OnlineLearner.Update update) {
            lastLearnerEvent = update.describe();
            LOG.log(System.Logger.Level.INFO, lastLearnerEvent);
        }

        @Override
        public void failed(String message) {
            lastLearnerEvent = message;
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    private void runDiagnostics() {
        long periodNanos = Math.round(1e9 / params.diagnosticsRate());
        long next = System.nanoTime();
        SensorInputs.Odometry odom = new SensorInputs.Odometry();
        long previousCount = 0;
        long previousWall = next;
        while (!closed) {
            next += periodNanos;
            for (long left = next - System.nanoTime(); left > 0 && !closed; left = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            inputs.readOdometry(odom);
            long wall = System.nanoTime();
            odometryRate = (odom.count - previousCount) / ((wall - previousWall) * 1e-9);
            previousCount = odom.count;
            previousWall = wall;
            if (!closed) {
                try {
                    transport.publishDiagnostics(status());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "diagnostics not published: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public NodeStatus status() {
        Mode mode = core.mode();
        Map<String, String> v = new LinkedHashMap<>();
        ControlLoop.Timing t = loop.timing();
        v.put("mode", mode.name().toLowerCase(Locale.ROOT));
        v.put("faults", Fault.describe(core.faults()));
        v.put("control_rate_hz", fmt(t.rate()));
        v.put("control_rate_target_hz", fmt(params.controlRate()));
        v.put("jitter_p99_ms", fmt(t.jitterP99()));
        v.put("step_compute_p99_ms", fmt(t.computeP99()));
        v.put("odom_age_s", fmt(core.odomAge()));
        v.put("odom_rate_hz", fmt(odometryRate));
        if (params.useScan()) {
            v.put("scan_age_s", fmt(clock.now() - inputs.scanArrival()));
        }
        if (params.useImu()) {
            v.put("imu_age_s", fmt(clock.now() - inputs.imuArrival()));
        }
        v.put("estop", inputs.estopLatched() ? "topic" : core.fleetEstop() ? "fleet" : "released");
        v.put("window_cost", fmt(core.windowCost()));
        v.put("cost_limit", fmt(core.costLimit()));
        v.put("last_window_cost", fmt(core.lastWindowCost()));
        v.put("last_window_reward", fmt(core.lastWindowReward()));
        v.put("fallback", params.fallback().id());
        v.put("fallback_windows", Long.toString(core.fallbackWindows()));
        v.put("policy_version", Long.toString(active.get().version()));
        v.put("acting_version", Long.toString(core.actingVersion()));
        TrainedPolicy safe = lastSafe.get();
        v.put("last_safe_version", safe == null ? "none" : Long.toString(safe.version()));
        v.put("learner", learner == null ? "off" : learner.state().name().toLowerCase(Locale.ROOT));
        if (learner != null) {
            v.put("updates", Long.toString(learner.updates()));
            v.put("dropped_steps", Long.toString(learner.ring().dropped()));
            v.put("learner_event", lastLearnerEvent);
        }
        v.put("cmd_linear", fmt(core.lastLinear()));
        v.put("cmd_angular", fmt(core.lastAngular()));
        byte level = switch (mode) {
            case RUNNING -> NodeStatus.OK;
            case FALLBACK_LAST_SAFE, FALLBACK_STOP, FALLBACK_RETURN -> NodeStatus.WARN;
            case FAULT, ESTOP, STOPPED -> NodeStatus.ERROR;
        };
        String message = switch (mode) {
            case RUNNING -> "policy v" + core.actingVersion() + " driving";
            case FALLBACK_STOP -> "cost budget spent (or back in the safe area): stopped for the rest of the window";
            case FALLBACK_RETURN -> "cost budget nearly spent: driving back into the safe area";
            case FALLBACK_LAST_SAFE -> "cost budget spent: last safe policy v" + core.actingVersion() + " driving";
            case FAULT -> "stopped: " + Fault.describe(core.faults());
            case ESTOP -> "e-stop latched";
            case STOPPED -> "shut down";
        };
        return new NodeStatus(configuration.name() + ": control", configuration.fullyQualifiedName(), level, message, v);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4g", d);
    }

    @Override
    public void pauseLearning() {
        if (learner != null) {
            learner.setPaused(true);
        }
    }

    @Override
    public void resumeLearning() {
        if (learner != null) {
            learner.setPaused(false);
        }
    }

    /**
     * Latches the fleet e-stop, then records it in {@code checkpoint_dir} so that a node restarted (by a crash or
     * its supervisor) comes back stopped instead of driving with nobody having released it.
     */
    @Override
    public void estop() {
        core.setFleetEstop(true);
        try {
            AtomicFiles.write(fleetEstopFile(), ("fleet e-stop latched at " + java.time.Instant.now()
                    + "; released only by the fleet's release_estop\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "fleet e-stop latched, but not recorded in " + fleetEstopFile()
                    + ": a restart would forget it", e);
        }
    }

    /**
     * Releases the fleet e-stop and its record.
     *
     * @throws IllegalStateException if the record cannot be removed: the node then stays stopped (released in
     *     memory only, it would come back latched after a restart), and the fleet is told why
     */
    @Override
    public void releaseEstop() {
        try {
            Files.deleteIfExists(fleetEstopFile());
        } catch (IOException e) {
            throw new IllegalStateException("fleet e-stop not released: cannot remove " + fleetEstopFile() + ": " + e);
        }
        core.setFleetEstop(false);
    }

    private Path fleetEstopFile() {
        return params.checkpointPath().resolve(FLEET_ESTOP_FILE);
    }

    @Override
    public void setCostLimit(double limit) {
        core.setCostLimit(limit);
        if (learner != null) {
            learner.setCostLimit(limit);
        }
    }

    @Override
    public void loadPolicyVersion(long version) {
        Path file = params.checkpointPath().resolve(String.format(Locale.ROOT, "policy-v%06d.bin", version));
        Checkpoint ck = PolicyCompatibility.load(file, POLICY_REQUIREMENTS);
        if (learner != null) {
            learner.load(ck);
        } else {
            active.set(TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT));
        }
    }

    /**
     * The checkpoint the {@code policy} parameter names: a file, or a {@code train} run directory with its
     * {@code checkpoint.bin} (as {@code eval} and {@code transfer} accept) or a transfer trial's with its
     * {@code policy.bin}.
     */
    static Path policyFile(Path policy) {
        if (policy == null || !Files.isDirectory(policy)) {
            return policy;
        }
        for (String name : new String[] {Trainer.CHECKPOINT, "policy.bin"}) {
            if (Files.isRegularFile(policy.resolve(name))) {
                return policy.resolve(name);
            }
        }
        throw new IllegalArgumentException("parameter 'policy' " + policy + " is a directory without checkpoint.bin"
                + " (a train run) or policy.bin (a transfer trial)");
    }

    /**
     * Creates {@code checkpoint_dir} if needed and refuses to start learning when it is not a writable directory:
     * otherwise every policy learned on the robot would fail to save, one logged error per update, and be lost
     * at the next restart.
     */
    static void requireCheckpointDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("parameter 'checkpoint_dir' " + dir + " is a file, not a directory", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("parameter 'checkpoint_dir' " + dir + " cannot be created: "
                    + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("parameter 'checkpoint_dir' " + dir + " is not writable: learned"
                    + " policies could not be saved");
        }
    }

    /** The control step logic (for tests and the benchmark). */
    public ControlCore core() {
        return core;
    }

    /** The loop (timing statistics). */
    public ControlLoop loop() {
        return loop;
    }

    /** The online learner, or null when learning is off. */
    public OnlineLearner learner() {
        return learner;
    }

    /** The acting policy. */
    public TrainedPolicy activePolicy() {
        return active.get();
    }

    /** Sensor inputs (the transport's sink). */
    public SensorInputs inputs() {
        return inputs;
    }

    /** Stops the loop, publishes zero velocity, stops learning and diagnostics, closes the transport. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        int sent = loop.stopWithZeros();
        if (learner != null) {
            learner.close();
        }
        diagnostics.interrupt();
        transport.close();
        pool.close();
        LOG.log(System.Logger.Level.INFO, "{0} stopped; zero velocity sent {1} of {2} times",
                configuration.fullyQualifiedName(), sent, ControlLoop.STOP_ZEROS);
    }
}
