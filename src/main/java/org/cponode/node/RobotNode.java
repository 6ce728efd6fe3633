package org.cponode.node;

import org.cponode.io.AtomicFiles;

import org.cponode.control.ControlCore;
import org.cponode.control.ControlLoop;
import org.cponode.control.NodeClock;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorInputs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Learner;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.parallel.WorkerPool;
import org.cponode.ros.DropCount;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;

/**
 * The node, in the phases of a ROS 2 managed node (nav2's lifecycle): {@link #configure} reads the parameters,
 * picks the policy source (a checkpoint from {@code train --task diffdrive-circle}, from online learning or a
 * transfer trial, or a fresh seeded policy), prepares the checkpoint directory and reads the fleet e-stop record,
 * and fails with the reason before anything is published; {@link #activate} starts the transport's inputs, the
 * {@link OnlineLearner}, the {@link ControlCore} on its {@link ControlLoop} and diagnostics at
 * {@code diagnostics_rate}; {@link #deactivate} is its exact inverse and leaves zero velocity on the wire;
 * {@link #close} deactivates and releases the transport. {@link ManagedNode} runs these phases as a ROS 2 managed
 * node's transitions.
 */
public final class RobotNode implements NodeControl, AutoCloseable {

    /** File in {@code checkpoint_dir} that records a latched fleet e-stop across restarts. */
    public static final String FLEET_ESTOP_FILE = "fleet-estop";

    private static final System.Logger LOG = System.getLogger("org.cponode.node");

    private final NodeConfiguration configuration;
    private final NodeParameters params;
    /** What a policy file must be made for: the hand-off check before any policy drives. */
    private final PolicyCompatibility.Requirements policyRequirements;
    private final RobotTransport transport;
    private final NodeClock clock;
    private final SensorInputs inputs;
    private final AtomicReference<TrainedPolicy> active = new AtomicReference<>();
    private final AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
    private final WorkerPool pool;
    private final OnlineLearner learner;
    private final ControlCore core;
    private final LiveParameters parameters;
    private ControlLoop loop;
    private Thread diagnostics;
    private boolean inputsStarted;
    private volatile boolean running;
    private boolean closed;
    private volatile String lastLearnerEvent = "";
    private volatile OnlineLearner.Update lastUpdate;
    /** Odometry messages per second between the last two diagnostics reports (diagnostics thread). */
    private volatile double odometryRate = Double.NaN;

    private RobotNode(NodeConfiguration configuration, RobotTransport transport) {
        this.configuration = configuration;
        this.params = configuration.parameters();
        this.transport = transport;
        this.clock = params.useSimTime() ? new NodeClock.Simulated() : new NodeClock.Wall();
        this.inputs = new SensorInputs(clock);
        this.pool = new WorkerPool(1);
        this.policyRequirements = PolicyCompatibility.Requirements.forTask(params.task());
        Path policyFile = policyFile(params.policyPath());
        Checkpoint ck = policyFile == null ? null : PolicyCompatibility.load(policyFile, policyRequirements);
        TaskSpec task = Tasks.spec(params.task());
        if (params.learning()) {
            requireCheckpointDirectory(params.checkpointPath());
            Learner l;
            long version = 0;
            if (ck == null) {
                l = new Learner(OnlineLearner.freshConfig(task, params.seed(), params.costLimits(),
                        params.windowSteps() * params.batchWindows()).withTimeHorizon(params.windowSteps()),
                        DiffDriveObservation.SIZE, 2, pool);
            } else {
                OnlineLearner.Resumed resumed = OnlineLearner.resumeLearner(ck, DiffDriveObservation.LAYOUT,
                        params.costLimits(), params.explorationStd(), pool);
                l = resumed.learner();
                version = resumed.version();
            }
            OnlineLearner.Settings settings = new OnlineLearner.Settings(params.batchWindows(), params.costLimits(),
                    params.checkpointPath(), task.name(), DiffDriveObservation.LAYOUT, params.seed(),
                    params.explorationStd());
            // The ring holds two windows of steps: the learner drains it every 10 ms, even while updating it
            // only falls behind by the update's duration.
            int capacity = Math.max(1024, 2 * params.windowSteps());
            this.learner = new OnlineLearner(l, version, settings, active, lastSafe, capacity, pool, new Events());
        } else {
            this.learner = null;
            if (ck == null) {
                Learner fresh = new Learner(OnlineLearner.freshConfig(task, params.seed(), params.costLimits(), 1),
                        DiffDriveObservation.SIZE, 2, pool);
                double[] unmeasured = new double[task.constraints().size()];
                java.util.Arrays.fill(unmeasured, Double.NaN);
                active.set(TrainedPolicy.of(task.name(), DiffDriveObservation.LAYOUT, 0, unmeasured,
                        fresh.policy(), fresh.params(), fresh.normalizer()));
            } else {
                active.set(TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT));
            }
        }
        if (ck != null) {
            TrainedPolicy loaded = TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT);
            if (loaded.withinLimits(params.costLimits())) {
                lastSafe.set(loaded);
            }
        }
        this.core = new ControlCore(params.controlSettings(), clock, inputs, transport, active, lastSafe, learner);
        this.parameters = new LiveParameters(params, core, learner);
        if (Files.exists(fleetEstopFile())) {
            core.setFleetEstop(true);
            LOG.log(System.Logger.Level.WARNING, "the fleet e-stop latched before this start is still in force ({0});"
                    + " release_estop from the fleet or the ~/release_estop service releases it", fleetEstopFile());
        }
    }

    /**
     * Configures the node on {@code transport}: nothing is published and no thread runs until {@link #activate}.
     *
     * @throws IllegalArgumentException with the reason if the policy checkpoint cannot be used (missing,
     *     damaged, another layout) or the checkpoint directory cannot hold learned policies
     */
    public static RobotNode configure(NodeConfiguration configuration, RobotTransport transport) {
        return new RobotNode(configuration, transport);
    }

    /** Configures and activates the node: what {@code node} does at start. */
    public static RobotNode start(NodeConfiguration configuration, RobotTransport transport) {
        RobotNode node = configure(configuration, transport);
        node.activate();
        return node;
    }

    /**
     * Starts driving: the transport's inputs (once), the learner, the control loop and diagnostics. A no-op when
     * active.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public synchronized void activate() {
        if (closed) {
            throw new IllegalStateException(configuration.fullyQualifiedName() + " is closed");
        }
        if (running) {
            return;
        }
        if (!inputsStarted) {
            transport.start(inputs);
            inputsStarted = true;
        }
        if (learner != null) {
            learner.start();
        }
        loop = new ControlLoop(core, clock);
        loop.start();
        running = true;
        diagnostics = Thread.ofPlatform().daemon().name("cpo-diagnostics").unstarted(this::runDiagnostics);
        diagnostics.start();
        LOG.log(System.Logger.Level.INFO, "{0} active at {1} Hz, policy v{2}, learning {3}",
                configuration.fullyQualifiedName(), params.controlRate(), active.get().version(),
                learner == null ? "off" : "on");
    }

    /**
     * Stops driving, the exact inverse of {@link #activate}: the control loop stops and zero velocity goes out,
     * then learning and diagnostics stop. The inputs keep arriving, so a new activation starts from fresh data.
     * A no-op when inactive.
     *
     * @return zero commands that went out (0 when already inactive)
     */
    public synchronized int deactivate() {
        if (!running) {
            return 0;
        }
        running = false;
        int sent = loop.stopWithZeros();
        if (learner != null) {
            learner.close();
        }
        diagnostics.interrupt();
        try {
            diagnostics.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "{0} inactive; zero velocity sent {1} of {2} times",
                configuration.fullyQualifiedName(), sent, ControlLoop.STOP_ZEROS);
        return sent;
    }



    private final class Events implements OnlineLearner.Listener {
        @Override
        public void updated(OnlineLearner.Update update) {
            lastUpdate = update;
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
        long next = System.nanoTime();
        SensorInputs.Odometry odom = new SensorInputs.Odometry();
        long previousCount = 0;
        long previousWall = next;
        while (running) {
            next += Math.round(1e9 / parameters.current().diagnosticsRate()); // a live rate applies from this period
            for (long left = next - System.nanoTime(); left > 0 && running; left = next - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            inputs.readOdometry(odom);
            long wall = System.nanoTime();
            odometryRate = (odom.count - previousCount) / ((wall - previousWall) * 1e-9);
            previousCount = odom.count;
            previousWall = wall;
            if (running) {
                try {
                    transport.publishDiagnostics(snapshot().diagnostics());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "diagnostics not published: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public NodeSnapshot snapshot() {
        TrainedPolicy safe = lastSafe.get();
        ControlLoop l = loop;
        double now = clock.now();
        return new NodeSnapshot(configuration.name(), configuration.fullyQualifiedName(), core.mode(), core.faults(),
                inputs.estopLatched() ? NodeSnapshot.Estop.TOPIC
                        : core.fleetEstop() ? NodeSnapshot.Estop.FLEET : NodeSnapshot.Estop.RELEASED,
                constraints(), core.windowElapsed(), core.lastWindowReward(), params.episodeWindow(), params.fallback(), core.fallbackWindows(), active.get().version(),
                core.actingVersion(), safe == null ? -1 : safe.version(), params.controlRate(),
                l == null ? ControlLoop.Timing.NONE : l.timing(), core.odomAge(), odometryRate,
                params.useScan() ? now - inputs.scanArrival() : Double.NaN,
                params.useImu() ? now - inputs.imuArrival() : Double.NaN,
                learner == null ? null : new NodeSnapshot.Learning(learner.state(), learner.updates(),
                        learner.ring().dropped(), lastLearnerEvent, lastUpdate), core.lastLinear(),
                core.lastAngular(), params.zone().enabled() ? core.lastObstacleDistance() : Double.NaN,
                core.lastZoneFactor(), core.zoneInterventions(),
                sampleDrops());
    }

    /** What the DDS transport's subscriptions dropped, also when this node has it on lease from a managed node. */
    private List<DropCount> sampleDrops() {
        RobotTransport t = transport instanceof SharedTransport.Lease lease ? lease.shared().transport() : transport;
        return t instanceof DdsRobotTransport dds ? dds.rosNode().sampleDrops() : List.of();
    }

    private List<NodeSnapshot.Constraint> constraints() {
        List<String> names = core.constraintNames();
        double[] cost = core.windowCosts();
        double[] limit = core.costLimits();
        double[] last = core.lastWindowCosts();
        List<NodeSnapshot.Constraint> out = new java.util.ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new NodeSnapshot.Constraint(names.get(i), cost[i], limit[i], last[i]));
        }
        return out;
    }

    /** Pauses through the {@code learning} parameter, so that it reads false (a no-op without a learner). */
    @Override
    public void pauseLearning() {
        if (learner != null) {
            parameters.set(java.util.Map.of("learning", false));
        }
    }

    /** Resumes through the {@code learning} parameter, so that it reads true (a no-op without a learner). */
    @Override
    public void resumeLearning() {
        if (learner != null) {
            parameters.set(java.util.Map.of("learning", true));
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
                    + "; released only by the fleet's release_estop or the node's ~/release_estop service\n").getBytes(StandardCharsets.UTF_8));
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

    /** Sets the {@code cost_limits.<constraint>} parameter: the supervisor's budget and CPO's limit together. */
    @Override
    public void setCostLimit(String constraint, double limit) {
        List<String> names = core.constraintNames();
        int i = constraint == null && names.size() == 1 ? 0 : names.indexOf(constraint);
        if (i < 0) {
            throw new IllegalArgumentException((constraint == null ? "name the constraint"
                    : "task " + params.task() + " has no constraint '" + constraint + "'") + "; its constraints: "
                    + String.join(", ", names));
        }
        parameters.set(java.util.Map.of(NodeParameters.COST_LIMITS + names.get(i), limit)); // validates first
    }

    @Override
    public void loadPolicyVersion(long version) {
        Path file = params.checkpointPath().resolve(String.format(Locale.ROOT, "policy-v%06d.bin", version));
        Checkpoint ck = PolicyCompatibility.load(file, policyRequirements);
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

    /** The node's time: the wall clock, or {@code /clock} on sim time. */
    NodeClock clock() {
        return clock;
    }

    /** The parameters as the node runs with them, and the way to change them while it runs. */
    public LiveParameters parameters() {
        return parameters;
    }

    /** The control step logic (for tests and the benchmark). */
    public ControlCore core() {
        return core;
    }

    /** The loop of the current activation (timing statistics), null before the first. */
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

    /** Deactivates (zero velocity on the wire), then closes the transport. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        deactivate();
        closed = true;
        transport.close();
        pool.close();
        LOG.log(System.Logger.Level.INFO, "{0} stopped", configuration.fullyQualifiedName());
    }
}
