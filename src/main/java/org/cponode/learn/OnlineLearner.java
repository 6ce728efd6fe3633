package org.cponode.learn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.cponode.parallel.WorkerPool;

/**
 * Online CPO for a robot, the one online-learning driver of cpo-node: it drains the control core's
 * {@link StepRing}, groups the steps of the current policy version into paths, and once {@code batchWindows}
 * episode windows have passed runs one {@link Learner#learn} update with the batch's mean path cost of each
 * constraint as its {@code Jhat_C} (the steps' costs as the control core charged them, including any charge for
 * a supervisor's take-over) against the cost limits in force when the batch began, then publishes the new policy through an
 * {@link AtomicReference} that the control core reads at its next step boundary. On a robot a background thread
 * does this ({@link #start}) and the control loop never waits for it; a runner that steps the robot itself (the
 * transfer trial in process) calls {@link #poll} between windows instead, so its trials are reproducible.
 *
 * <p>Checkpoints, both written atomically ({@link Checkpoint#write}) in {@code checkpointDir}:
 * {@code policy-v<version>.bin}, written when a version's batch is complete, holds that version with its
 * measured (charged) costs (the record of accepted policies and the source of the "last safe" fallback);
 * {@code latest.bin} holds the newest version and everything needed to resume learning, so a crash loses at
 * most the batch being collected. Both load with {@link TrainedPolicy#fromCheckpoint} and
 * {@link #resumeLearner}.
 */
public final class OnlineLearner implements AutoCloseable {

    /** File of the newest learner state in the checkpoint directory. */
    public static final String LATEST = "latest.bin";
    private static final long IDLE_NANOS = 10_000_000L;

    /**
     * @param batchWindows episode windows per update
     * @param costLimits CPO's limit d_i on each constraint's cost per window, in the task's order
     * @param checkpointDir where checkpoints go
     * @param task task name stored in checkpoints
     * @param observationLayout layout id stored in checkpoints
     * @param seed seed of the update's random streams
     * @param explorationStd the smallest standard deviation of each action component of a policy from
     *     {@code train}, in its action units; 0 keeps the policy's own. A policy trained to convergence explores
     *     too little for online updates to see more than noise in its cost (docs/SIM_TO_REAL.md); a checkpoint
     *     made on a robot (this class's own, or a transfer trial's) continues as it was
     */
    public record Settings(int batchWindows, double[] costLimits, Path checkpointDir, String task,
            String observationLayout, long seed, double explorationStd) {
        public Settings {
            if (batchWindows < 1) {
                throw new IllegalArgumentException("batch windows must be >= 1, got " + batchWindows);
            }
            costLimits = validLimits(costLimits);
            if (!(explorationStd >= 0) || !Double.isFinite(explorationStd)) {
                throw new IllegalArgumentException("exploration std must be finite and >= 0, got " + explorationStd);
            }
        }
    }

    /**
     * One finished update.
     *
     * @param measuredVersion the version that collected the batch
     * @param newVersion the version now published
     * @param paths paths (uninterrupted runs of one window) in the batch
     * @param samples steps in the batch
     * @param measuredReturn mean path return of the batch
     * @param measuredCosts mean path cost of each constraint over the batch: {@code measuredVersion}'s measured
     *     costs
     * @param costLimits the limits they were measured against
     * @param result what the update did
     * @param seconds wall time of the update
     */
    public record Update(long measuredVersion, long newVersion, int paths, int samples, double measuredReturn,
            double[] measuredCosts, double[] costLimits, Learner.Result result, double seconds) {

        /** The measured cost of the first constraint (a one-constraint task's only one). */
        public double measuredCost() {
            return measuredCosts[0];
        }

        /** One log line. */
        public String describe() {
            UpdateResult u = result.update();
            StringBuilder costs = new StringBuilder();
            for (int i = 0; i < measuredCosts.length; i++) {
                costs.append(String.format(Locale.ROOT, "%s%.3f (limit %.3g)", i == 0 ? "" : ", ", measuredCosts[i],
                        costLimits[i]));
            }
            return String.format(Locale.ROOT, "policy v%d measured over %d paths (%d steps): return %.3f, cost %s"
                    + " -> v%d, CPO case %d, KL %.4f, %s, %.2f s", measuredVersion, paths, samples,
                    measuredReturn, costs, newVersion, u.cpoCase(), u.kl(),
                    u.accepted() ? "step accepted" : u.note(), seconds);
        }
    }

    /** A copy of {@code limits} after checking each: at least one, every one finite and >= 0. */
    static double[] validLimits(double[] limits) {
        if (limits == null || limits.length < 1) {
            throw new IllegalArgumentException("need a cost limit per constraint, got none");
        }
        for (double d : limits) {
            if (!(d >= 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("cost limit must be finite and >= 0, got " + d);
            }
        }
        return limits.clone();
    }

    /** Notified on the learner thread. */
    public interface Listener {
        /** An update finished and its policy was published. */
        void updated(Update update);

        /** Something failed; the current policy stays. */
        void failed(String message);
    }

    /** What the learner thread is doing. */
    public enum State {
        COLLECTING, UPDATING, PAUSED, STOPPED,
        /**
         * The learner thread died of an Error (out of memory, a failed class): no more updates until a restart;
         * the control core stops exploring and the published policy drives its mean action.
         */
        FAILED
    }

    private final StepRing ring;
    private final AtomicReference<TrainedPolicy> active;
    private final AtomicReference<TrainedPolicy> lastSafe;
    private final Listener listener;
    private final WorkerPool pool;
    private volatile Thread thread;
    private final Settings settings;
    private volatile Learner learner;
    private volatile long version;
    private volatile boolean paused;
    private volatile boolean failed;
    private volatile String failure;
    private volatile boolean closed;
    /** The limits in force (replaced whole, never written in place). */
    private volatile double[] costLimits;
    /** The limits in force when the batch being collected began: the ones its update is measured against. */
    private double[] batchLimits;
    private volatile boolean updatesHeld;
    private volatile State state = State.COLLECTING;
    private final AtomicReference<Checkpoint> loadRequest = new AtomicReference<>();
    /** {@link #beginLearning} was called with this exploration std, not yet applied; NaN when not. */
    private volatile double learningRequest = Double.NaN;
    /** The smallest exploration std a train checkpoint's policy gets: the settings', then {@link #raiseExploration}'s. */
    private volatile double explorationStd;
    /** {@link #raiseExploration} was called with this std, not yet applied; NaN when not. */
    private volatile double explorationRequest = Double.NaN;
    private volatile long updates;
    private long totalSamples;

    // Learner-thread state: the path being assembled and the batch.
    private final Batch batch;
    private final StepRing.Step step;
    private double[] raw = new double[0];
    private double[] normalized = new double[0];
    private double[] actions = new double[0];
    private double[] logProbs = new double[0];
    private double[] rewards = new double[0];
    /** The path's costs, {@code pathLength x constraints}. */
    private double[] costs = new double[0];
    private int pathLength;
    private int pathFirstStep;
    private long pathId = Long.MIN_VALUE;
    private long firstWindow = -1;

    /**
     * @param learner the learner whose current parameters the published policy holds; owned from now on
     * @param startVersion version number of the learner's current parameters
     * @param active where the acting policy is published (set here to the learner's current policy)
     * @param lastSafe where the newest version measured within every cost limit is published
     * @param ringCapacity steps the ring holds (several seconds of control steps)
     * @param pool the pool {@code learner} was built with (used again when the cost limit changes); not closed here
     */
    public OnlineLearner(Learner learner, long startVersion, Settings settings, AtomicReference<TrainedPolicy> active,
            AtomicReference<TrainedPolicy> lastSafe, int ringCapacity, WorkerPool pool, Listener listener) {
        this.learner = learner;
        this.pool = pool;
        this.version = startVersion;
        this.settings = settings;
        this.costLimits = settings.costLimits();
        this.batchLimits = costLimits;
        this.explorationStd = settings.explorationStd();
        this.active = active;
        this.lastSafe = lastSafe;
        this.listener = listener;
        int o = learner.policy().observationSize();
        int a = learner.policy().actionSize();
        int m = costLimits.length;
        if (learner.config().constraints() != m) {
            throw new IllegalArgumentException("the learner has " + learner.config().constraints()
                    + " constraints, the settings " + m + " cost limits");
        }
        this.ring = new StepRing(o, a, m, ringCapacity);
        this.batch = new Batch(o, a, m);
        this.step = new StepRing.Step(o, a, m);
        active.set(snapshot(startVersion, unknownCosts()));
    }

    /** Starts the learner thread (again after {@link #close}); a no-op while it runs. */
    public synchronized void start() {
        if (failed || (thread != null && thread.isAlive())) {
            return; // a failed learner stays failed: what killed it (memory) is still short
        }
        closed = false;
        thread = Thread.ofPlatform().daemon().name("cpo-online-learner").unstarted(this::run);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** The control loop's side. */
    public StepRing ring() {
        return ring;
    }

    /** Version of the newest published policy. */
    public long version() {
        return version;
    }

    /** Updates finished since start. */
    public long updates() {
        return updates;
    }

    /** What the learner thread is doing now. */
    public State state() {
        return state;
    }

    /** Pauses or resumes learning; a pause discards the batch being collected (it would mix stale steps). */
    public void setPaused(boolean pause) {
        paused = pause;
        LockSupport.unpark(thread);
    }

    /** Whether learning is paused. */
    public boolean paused() {
        return paused;
    }

    /** Whether steps are to be recorded: learning is neither paused nor failed. */
    public boolean collecting() {
        return !paused && !failed;
    }

    /**
     * Changes CPO's limit on every constraint at once (in the task's order), from the next batch on (a batch is
     * measured against the limits it began with).
     */
    public synchronized void setCostLimits(double[] limits) {
        if (limits.length != costLimits.length) {
            throw new IllegalArgumentException("need " + costLimits.length + " cost limits, got " + limits.length);
        }
        costLimits = validLimits(limits);
    }

    /**
     * Raises the acting policy's standard deviation of each action component to at least {@code std} (its action
     * units) as a new version, published like an update's, and makes {@code std} the floor of checkpoints loaded
     * later ({@link #load}); the batch being collected is discarded. 0 raises nothing. Applied by the learner
     * between updates.
     *
     * @throws IllegalArgumentException if {@code std} is negative or not finite
     */
    public void raiseExploration(double std) {
        if (!(std >= 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("exploration std must be finite and >= 0, got " + std);
        }
        explorationStd = std;
        explorationRequest = std;
        LockSupport.unpark(thread);
    }

    /**
     * Holds updates until {@link #beginLearning}: batches are still collected (the policy's actions sampled),
     * then discarded instead of learnt from, so the policy stays as it is (a transfer trial's baseline).
     */
    public void holdUpdates() {
        updatesHeld = true;
    }

    /**
     * Starts learning from a fresh batch: the one being collected is discarded, updates are no longer held, and
     * with {@code explorationStd} > 0 the policy's standard deviation of each action component is first raised
     * to at least that (its action units) as a new version, published like an update's. Applied by the learner
     * between updates.
     */
    public void beginLearning(double explorationStd) {
        if (!(explorationStd >= 0) || !Double.isFinite(explorationStd)) {
            throw new IllegalArgumentException("exploration std must be finite and >= 0, got " + explorationStd);
        }
        learningRequest = explorationStd;
        LockSupport.unpark(thread);
    }

    /** CPO's current limit of each constraint, in the task's order (a copy). */
    public double[] costLimits() {
        return costLimits.clone();
    }

    /**
     * Replaces the learner by a checkpoint's state (e.g. a policy version chosen by the fleet) between updates;
     * the batch being collected is discarded and the checkpoint's policy is published.
     *
     * @throws IllegalArgumentException at once if the checkpoint is for another observation layout
     */
    public void load(Checkpoint ck) {
        resumeLearner(ck, settings.observationLayout(), costLimits, 0.0, pool); // validates before queueing
        loadRequest.set(ck);
        LockSupport.unpark(thread);
    }

    /** Stops the learner thread, waiting up to 2 s for an update in progress (its checkpoint write is atomic). */
    @Override
    public synchronized void close() {
        closed = true;
        Thread t = thread;
        if (t == null) {
            state = State.STOPPED;
            return;
        }
        LockSupport.unpark(t);
        if (t.isAlive() && Thread.currentThread() != t) {
            try {
                t.join(2_000); // at SIGTERM launch escalates after 5 s; checkpoints are atomic anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failed) {
            state = State.STOPPED;
        }
    }

    /**
     * Stops the learner thread, then runs on the caller's thread the update that is due, if any (a trial's last
     * batch, complete only once its window has ended). Skips it if an update in progress outlived the wait.
     */
    public void closeAfterDueUpdate() {
        close();
        Thread t = thread;
        if (t == null || !t.isAlive()) {
            poll();
        }
    }

    private void run() {
        try {
            while (!closed) {
                if (!poll()) {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        } catch (Error e) {
            // The JVM may be short of memory: no stack trace, one line, and a state that everyone reading the
            // learner sees at once (diagnostics, the fleet, the control core's exploration).
            failure = e.toString();
            state = State.FAILED;
            failed = true;
            listener.failed("online learner stopped: " + failure + "; the policy's mean action drives, no more"
                    + " updates until a restart");
        }
    }

    /** Whether the learner thread died of an Error ({@link State#FAILED}). */
    public boolean failed() {
        return failed;
    }

    /**
     * Does the learner's work that is due now, on the caller's thread: a requested load or exploration raise,
     * moving the ring's steps into the batch and, once the batch's windows have passed, the update. For runners
     * without the learner thread (never call both).
     *
     * @return true if a batch was completed (more may be due at once)
     */
    public boolean poll() {
        Checkpoint ck = loadRequest.getAndSet(null);
        if (ck != null) {
            applyLoad(ck);
        }
        double std = learningRequest;
        if (!Double.isNaN(std)) {
            learningRequest = Double.NaN;
            applyBeginLearning(std);
        }
        double floor = explorationRequest;
        if (!Double.isNaN(floor)) {
            explorationRequest = Double.NaN;
            applyRaiseExploration(floor);
        }
        if (paused) {
            state = State.PAUSED;
            while (ring.poll(step)) {
                // steps collected before the pause are stale once learning resumes
            }
            resetBatch();
            return false;
        }
        state = State.COLLECTING;
        boolean complete = drain();
        if (!complete && firstWindow >= 0 && ring.currentWindow() >= firstWindow + settings.batchWindows()) {
            complete = true;
        }
        if (!complete) {
            return false;
        }
        closePath();
        if (batch.paths() > 0 && !updatesHeld) {
            update();
        }
        resetBatch();
        return true;
    }

    /** Moves ring steps of the current version into paths; true when a step beyond the batch's windows shows up. */
    private boolean drain() {
        while (ring.poll(step)) {
            if (step.policyVersion != version) {
                continue; // collected by a policy that has been replaced
            }
            if (firstWindow < 0) {
                firstWindow = step.windowIndex;
                batchLimits = costLimits;
            }
            if (step.windowIndex >= firstWindow + settings.batchWindows()) {
                return true; // the next batch's data, from a version about to be replaced
            }
            if (step.pathId != pathId) {
                closePath();
                pathId = step.pathId;
                pathFirstStep = step.stepInWindow;
            }
            append();
        }
        return false;
    }

    private void append() {
        int o = step.rawObservation.length;
        int a = step.action.length;
        int m = step.costs.length;
        if (rewards.length == pathLength) {
            int cap = Math.max(64, pathLength * 2);
            raw = Arrays.copyOf(raw, cap * o);
            normalized = Arrays.copyOf(normalized, cap * o);
            actions = Arrays.copyOf(actions, cap * a);
            logProbs = Arrays.copyOf(logProbs, cap);
            rewards = Arrays.copyOf(rewards, cap);
            costs = Arrays.copyOf(costs, cap * m);
        }
        System.arraycopy(step.rawObservation, 0, raw, pathLength * o, o);
        System.arraycopy(step.normalizedObservation, 0, normalized, pathLength * o, o);
        System.arraycopy(step.action, 0, actions, pathLength * a, a);
        logProbs[pathLength] = step.logProb;
        rewards[pathLength] = step.reward;
        System.arraycopy(step.costs, 0, costs, pathLength * m, m);
        pathLength++;
    }

    private void closePath() {
        if (pathLength > 0) {
            batch.appendPath(normalized, raw, actions, logProbs, rewards, costs, pathLength, pathFirstStep);
        }
        pathLength = 0;
        pathId = Long.MIN_VALUE;
    }

    private void resetBatch() {
        batch.clear();
        pathLength = 0;
        pathId = Long.MIN_VALUE;
        firstWindow = -1;
    }

    private void update() {
        state = State.UPDATING;
        long t0 = System.nanoTime();
        long measured = version;
        double[] limits = batchLimits;
        double[] cost = new double[limits.length];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = batch.meanEpisodeCost(i);
        }
        double ret = batch.meanEpisodeReturn();
        try {
            saveQuietly(checkpointFile(measured), measured, ret, cost);
            TrainedPolicy measuredPolicy = snapshot(measured, cost);
            if (measuredPolicy.withinLimits(limits)) {
                lastSafe.set(measuredPolicy);
            }
            SplittableRandom rng = new SplittableRandom(settings.seed() * 1_000_003L + measured);
            Learner.Result result = learner.learn(batch, limits, rng);
            totalSamples += batch.size();
            long next = measured + 1;
            TrainedPolicy published = snapshot(next, unknownCosts());
            version = next;
            saveQuietly(settings.checkpointDir().resolve(LATEST), next, Double.NaN, unknownCosts());
            active.set(published);
            updates++;
            listener.updated(new Update(measured, next, batch.paths(), batch.size(), ret, cost, limits, result,
                    (System.nanoTime() - t0) * 1e-9));
        } catch (RuntimeException e) {
            listener.failed("online update of policy v" + measured + " failed, keeping it: " + e.getMessage());
        }
    }

    private void applyBeginLearning(double explorationStd) {
        while (ring.poll(step)) {
            // collected while updates were held
        }
        resetBatch();
        updatesHeld = false;
        Learner l = learner;
        if (explorationStd > 0 && l.policy().raiseStd(l.params(), explorationStd)) {
            version++;
            active.set(snapshot(version, unknownCosts()));
        }
    }

    private void applyRaiseExploration(double std) {
        Learner l = learner;
        if (std > 0 && l.policy().raiseStd(l.params(), std)) {
            resetBatch();
            version++;
            active.set(snapshot(version, unknownCosts()));
        }
    }

    private void applyLoad(Checkpoint ck) {
        try {
            Resumed resumed = resumeLearner(ck, settings.observationLayout(), costLimits, explorationStd, pool);
            learner = resumed.learner();
            long v = resumed.version();
            double[] cost = TrainedPolicy.measuredCosts(ck);
            resetBatch();
            version = v;
            active.set(snapshot(v, cost));
        } catch (RuntimeException e) {
            listener.failed("cannot load the requested checkpoint: " + e.getMessage());
        }
    }

    /**
     * Settings of a fresh online learner: CPO with the task's discounts and the training command's network and
     * trust-region defaults (64,32 networks, delta 0.01, 10 CG iterations, damping 1e-5, Fisher subsample 0.2),
     * with baselines that see the time in the cost window over the task's episode length and CPO's learned
     * margin ({@link CostMarginConfig#DEFAULT}).
     */
    public static TrainConfig freshConfig(org.cponode.sim.TaskSpec task, long seed, double[] costLimits,
            int batchSize) {
        return TrainConfig.defaults(task).withSeed(seed).withIterations(0).withBatchSize(Math.max(1, batchSize))
                .withCostLimits(costLimits).withSlots(1);
    }

    /** File of version {@code v}'s checkpoint with its measured costs. */
    public Path checkpointFile(long v) {
        return settings.checkpointDir().resolve(String.format(Locale.ROOT, "policy-v%06d.bin", v));
    }

    private void saveQuietly(Path file, long v, double measuredReturn, double[] measuredCosts) {
        try {
            checkpoint(v, measuredReturn, measuredCosts).write(file);
        } catch (IOException e) {
            listener.failed("cannot write checkpoint " + file + ": " + e.getMessage());
        }
    }

    private TrainedPolicy snapshot(long v, double[] measuredCosts) {
        Learner l = learner;
        return TrainedPolicy.of(settings.task(), settings.observationLayout(), v, measuredCosts, l.policy(),
                l.params(), l.normalizer());
    }

    /** The measured costs of a version not measured yet. */
    private double[] unknownCosts() {
        double[] c = new double[costLimits.length];
        Arrays.fill(c, Double.NaN);
        return c;
    }

    /**
     * The current version's checkpoint with its measured costs (one per constraint), in the form {@code train}
     * writes; call between updates (from the learner's own thread, or with {@link #poll} when there is none).
     */
    public Checkpoint checkpoint(double[] measuredCosts) {
        return checkpoint(version, Double.NaN, measuredCosts);
    }

    /** A checkpoint in the form {@code train} writes, so either loads the same way. */
    private Checkpoint checkpoint(long v, double measuredReturn, double[] measuredCosts) {
        Learner l = learner;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("kind", "online");
        meta.put("task", settings.task());
        meta.put("observation_layout", settings.observationLayout());
        meta.put("observation_size", Integer.toString(l.policy().observationSize()));
        meta.put("action_size", Integer.toString(l.policy().actionSize()));
        meta.put("policy_hidden", TrainConfig.widths(l.config().policyHidden()));
        meta.put("iteration", Long.toString(v));
        meta.put("policy_version", Long.toString(v));
        meta.put("total_samples", Long.toString(totalSamples));
        meta.put("measured_return", Double.toString(measuredReturn));
        TrainedPolicy.putMeasuredCosts(meta, measuredCosts);
        if (measuredCosts.length > 1) { // as train writes it: a one-constraint checkpoint is as it always was
            meta.put("constraints", String.join(",", org.cponode.sim.Tasks.spec(settings.task()).constraintNames()));
        }
        // the limits in force now (the fleet may have changed them since the learner was made)
        l.config().withCostLimits(costLimits).toMap().forEach((k, val) -> meta.put(Trainer.CONFIG_PREFIX + k, val));
        Map<String, double[]> arrays = new LinkedHashMap<>();
        l.saveArrays(arrays);
        return new Checkpoint(meta, arrays);
    }

    /**
     * A learner restored from a checkpoint, and the version of the policy it holds.
     *
     * @param version the checkpoint's policy version, one more when its exploration was raised
     */
    public record Resumed(Learner learner, long version) {}

    /**
     * A learner restored from a checkpoint written by {@code train}, a transfer trial or this class, with the
     * node's cost limits.
     *
     * @param costLimits the limit of each of the robot's constraints, in its task's order
     * @param explorationStd for a {@code train} checkpoint, the policy's standard deviations are raised to at least
     *     this ({@link Settings#explorationStd()}), as a new version; 0 keeps them
     * @throws IllegalArgumentException for another observation layout, another number of constraints or a damaged
     *     checkpoint
     */
    public static Resumed resumeLearner(Checkpoint ck, String expectedLayout, double[] costLimits,
            double explorationStd, WorkerPool pool) {
        String layout = ck.require("observation_layout");
        if (!expectedLayout.equals(layout)) {
            throw new IllegalArgumentException("checkpoint was made for observation layout '" + layout + "' (task "
                    + ck.require("task") + "), but this robot produces '" + expectedLayout + "'");
        }
        TrainConfig saved = Trainer.savedConfig(ck);
        if (saved.constraints() != costLimits.length) {
            throw new IllegalArgumentException("checkpoint was made with " + saved.constraints() + " constraint(s) ("
                    + ck.metadata().getOrDefault("constraints", "one") + "), but this robot has " + costLimits.length);
        }
        Learner l = new Learner(saved.withCostLimits(validLimits(costLimits)),
                Integer.parseInt(ck.require("observation_size")),
                Integer.parseInt(ck.require("action_size")), pool);
        l.restore(ck);
        long version = Long.parseLong(ck.require("policy_version"));
        if (!"online".equals(ck.metadata().get("kind"))) {
            l.continueOnAnotherSystem(); // trained elsewhere: its last batch was not this robot's
        }
        if ("training".equals(ck.metadata().get("kind")) && explorationStd > 0
                && l.policy().raiseStd(l.params(), explorationStd)) {
            version++;
        }
        return new Resumed(l, version);
    }
}
