package org.cponode.transfer;

import org.cponode.task.DiffDriveTask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.cponode.learn.Batch;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Learner;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TrainConfig;
import org.cponode.learn.Trainer;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.RunningNormalizer;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveObservation;
import org.cponode.control.SafeAreaReturn;

/**
 * A sim-to-real transfer trial: a simulation-trained policy drives a {@link TargetRobot} for a number of
 * episode windows, first unchanged (the baseline, which shows the transfer gap), then with online CPO
 * fine-tuning: after every batch of windows, {@link Learner#learn} updates the policy from the windows'
 * experience with the batch's mean measured path cost as {@code Jhat_C} and the {@link StartSafeBudget}'s
 * current budget as the limit.
 *
 * <p>A supervisor watches every window: once the window's measured cost reaches its budget (the real limit in
 * the baseline, the start-safe budget while fine-tuning) the robot is stopped for the rest of the window and
 * the window counts as an intervention. Cost keeps being measured while stopped (a robot halted outside the
 * corridor is still outside), so a window's cost is everything it accrued. With the "return" fallback
 * ({@link Settings#returnMarginSteps()} >= 0), as the node's, the supervisor takes over earlier, as soon as the
 * window's cost plus the steps needed to get back would reach the budget (counted from where a robot heading
 * out will be, so possibly before it leaves; {@link SafeAreaReturn#mustReturn}), drives the robot back into the
 * corridor and stops it there. Only the steps the policy drove
 * are experience for learning; the path ends at the intervention, and what the rest of the window is charged
 * ({@link InterventionCharge}: the measured cost, or the most it could have cost without the supervisor) is
 * added to the path's last step: the policy led the robot to where it was taken over, so the cost advantage
 * of the actions that led there must see it, and the batch's {@code Jhat_C} is the mean charged window cost.
 * Actions are sampled from the stochastic policy throughout, as it was trained.
 */
public final class TransferTrial {

    /** The phase a window belongs to. */
    public enum Phase {
        /** The unchanged sim-trained policy. */
        BASELINE,
        /** Online CPO fine-tuning under the start-safe budget. */
        FINE_TUNE;

        /** Lower-case name for files. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What CPO is told a window cost when the supervisor took it over. Both describe the same window; they
     * differ in which policy's cost CPO then keeps under the budget.
     */
    public enum InterventionCharge {
        /**
         * The cost measured, the supervisor's steps included: CPO keeps the cost of policy-plus-supervisor under
         * the budget. The supervisor already does that, so CPO sees a feasible policy however often it needs
         * rescuing, and the policy's own cost barely moves (docs/SIM_TO_REAL.md).
         */
        MEASURED,
        /**
         * The cost measured up to the take-over plus the most the rest of the window could have cost (one per
         * remaining step): an upper bound of what the policy would have cost had nobody stepped in. Keeping this
         * bound under the budget keeps the policy's own cost under it, so CPO has to make the policy need the
         * supervisor less, and stays in recovery until it does. Slow: on the perturbed robot it took one of two
         * policies under the limit in 2,000 windows (docs/SIM_TO_REAL.md).
         */
        BOUND
    }

    /**
     * The trial's settings.
     *
     * @param windows episode windows in total, >= 1
     * @param baselineWindows windows of the baseline phase, 0..windows
     * @param batchWindows windows per fine-tuning update, >= 1
     * @param costLimit the real cost limit d per window, > 0
     * @param startFraction the first fine-tuning budget as a fraction of d, in (0, 1]
     * @param widenFraction each widening of the budget as a fraction of d, in (0, 1]
     * @param seed seed of action sampling and of the updates' subsampling
     * @param returnMarginSteps the supervisor's fallback: -1 stops the robot where the budget is spent; >= 0
     *     drives it back into the safe area ({@link SafeAreaReturn}) with this margin, starting as soon as the
     *     window's cost plus the way back would reach the budget (possibly before the robot leaves), and stops it
     *     inside
     * @param returnInset with the "return" fallback, how far inside the corridor the robot stops, m
     * @param interventionCharge the cost CPO learns from for a window the supervisor took over
     * @param explorationStd the smallest standard deviation of each action component while fine-tuning, in the
     *     policy's action units: a policy trained to convergence explores little, and its cost gradient on a new
     *     robot is then mostly noise (docs/SIM_TO_REAL.md); 0 keeps the policy's own. Raised once, before the
     *     first fine-tuning window, as a new policy version; the baseline runs the policy unchanged
     */
    public record Settings(int windows, int baselineWindows, int batchWindows, double costLimit, double startFraction,
            double widenFraction, long seed, int returnMarginSteps, double returnInset,
            InterventionCharge interventionCharge, double explorationStd) {
        public Settings {
            if (windows < 1 || baselineWindows < 0 || baselineWindows > windows || batchWindows < 1) {
                throw new IllegalArgumentException("need windows >= 1, 0 <= baseline <= windows and batch >= 1, got "
                        + windows + ", " + baselineWindows + ", " + batchWindows);
            }
            if (returnMarginSteps < -1) {
                throw new IllegalArgumentException("return margin must be >= 0 steps (or -1 to stop instead), got "
                        + returnMarginSteps);
            }
            if (!(returnInset >= 0) || !Double.isFinite(returnInset)) {
                throw new IllegalArgumentException("return inset must be finite and >= 0 m, got " + returnInset);
            }
            Objects.requireNonNull(interventionCharge, "interventionCharge");
            if (!(explorationStd >= 0) || !Double.isFinite(explorationStd)) {
                throw new IllegalArgumentException("exploration std must be finite and >= 0 (0 keeps the policy's),"
                        + " got " + explorationStd);
            }
            // Checks the budget arguments with their own messages.
            new StartSafeBudget(costLimit, startFraction, widenFraction);
        }

        /**
         * Settings whose supervisor stops the robot where the budget is spent, CPO charged the measured cost, the
         * policy's own exploration kept.
         */
        public Settings(int windows, int baselineWindows, int batchWindows, double costLimit, double startFraction,
                double widenFraction, long seed) {
            this(windows, baselineWindows, batchWindows, costLimit, startFraction, widenFraction, seed, -1, 0.0,
                    InterventionCharge.MEASURED, 0.0);
        }

        /** Whether the supervisor drives the robot back into the safe area instead of stopping it. */
        public boolean returnsToSafeArea() {
            return returnMarginSteps >= 0;
        }
    }

    /**
     * One finished window.
     *
     * @param window index from 0
     * @param phase baseline or fine-tuning
     * @param policyVersion version of the policy that drove it
     * @param budget the supervisor's budget in force
     * @param episodeReturn sum of rewards over the window
     * @param cost sum of costs over the window, including any steps while stopped
     * @param policySteps steps the policy drove (the rest were stopped by the supervisor)
     * @param intervention the supervisor stopped the robot in this window
     * @param violation the window's cost exceeded the real limit
     */
    public record Window(int window, Phase phase, long policyVersion, double budget, double episodeReturn, double cost,
            int policySteps, boolean intervention, boolean violation) {}

    /**
     * One policy update.
     *
     * @param afterWindow index of the last window of the batch
     * @param version the new policy version
     * @param costLimit the limit CPO used (the budget in force during the batch)
     * @param batchCost {@code Jhat_C}, the batch's mean path cost as charged ({@link InterventionCharge})
     * @param accepted whether the line search accepted a step
     * @param cpoCase CPO's case (-1 when not applicable)
     * @param budgetAfter the budget for the next batch
     */
    public record Update(int afterWindow, long version, double costLimit, double batchCost, boolean accepted,
            int cpoCase, double budgetAfter) {}

    /**
     * Everything the trial measured, plus the fine-tuned policy.
     *
     * @param startStd the policy's standard deviation per action component as handed over
     * @param fineTuneStd the same when fine-tuning began ({@link Settings#explorationStd()}); equal to
     *     {@code startStd} when nothing was raised or nothing was fine-tuned
     */
    public record Result(Settings settings, String robot, String source, long startVersion, double[] startStd,
            double[] fineTuneStd, List<Window> windows, List<Update> updates, Checkpoint finalPolicy) {

        /** The fine-tuned policy's version: the start version, plus one for raised exploration, plus the updates. */
        public long finalVersion() {
            return Long.parseLong(finalPolicy.require("policy_version"));
        }
    }

    /** Receives each window as it finishes, and each fine-tuned policy as it is made (progress output, saving). */
    public interface Listener {
        void windowDone(Window window, Update updateOrNull);

        /** The policy after an update, as the trial's final policy would be if the trial ended here. */
        default void policyUpdated(Checkpoint policy) {}
    }


    private TransferTrial() {}

    /**
     * Runs a trial.
     *
     * @param checkpoint a training checkpoint (policy, normaliser, baselines, settings); checked against the
     *     robot with {@link PolicyCompatibility} first
     * @param source names the checkpoint in the report
     * @throws IllegalArgumentException if the checkpoint does not fit the robot
     */
    public static Result run(Checkpoint checkpoint, String source, TargetRobot robot, Settings settings,
            WorkerPool pool, Listener listener) {
        PolicyCompatibility.Requirements req = robot.requirements();
        PolicyCompatibility.check(checkpoint, req, source);
        TrainConfig config = Trainer.savedConfig(checkpoint);
        Learner learner = new Learner(config, req.observationSize(), req.actionSize(), pool);
        learner.restore(checkpoint);
        learner.continueOnAnotherSystem();
        long startVersion = Long.parseLong(checkpoint.require("policy_version"));
        long version = startVersion;

        StartSafeBudget budget = new StartSafeBudget(settings.costLimit(), settings.startFraction(),
                settings.widenFraction());
        Recorder recorder = new Recorder(learner.policy(), learner.normalizer(), robot.windowSteps(),
                settings.returnsToSafeArea() ? new SafeAreaReturn(DiffDriveTask.MODEL,
                        settings.returnMarginSteps(), settings.returnInset()) : null, settings.interventionCharge());
        Batch batch = new Batch(req.observationSize(), req.actionSize());
        double[] batchCosts = new double[settings.batchWindows()];
        int inBatch = 0;
        SplittableRandom actions = new SplittableRandom(settings.seed());
        List<Window> windows = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        double lastBatchCost = Double.NaN;

        double[] startStd = stds(learner);
        double[] fineTuneStd = startStd;
        for (int w = 0; w < settings.windows(); w++) {
            Phase phase = w < settings.baselineWindows() ? Phase.BASELINE : Phase.FINE_TUNE;
            if (w == settings.baselineWindows() && settings.explorationStd() > 0
                    && learner.policy().raiseStd(learner.params(), settings.explorationStd())) {
                version++;
                fineTuneStd = stds(learner);
            }
            double windowBudget = phase == Phase.BASELINE ? settings.costLimit() : budget.current();
            recorder.start(learner.params(), windowBudget, actions.split());
            robot.runWindow(w, recorder);
            Window done = new Window(w, phase, version, windowBudget, recorder.windowReturn, recorder.windowCost,
                    recorder.steps, recorder.intervened, recorder.windowCost > settings.costLimit());
            windows.add(done);
            Update update = null;
            if (phase == Phase.FINE_TUNE) {
                if (recorder.steps > 0) {
                    recorder.appendTo(batch);
                }
                batchCosts[inBatch++] = recorder.windowCost;
                if (inBatch == settings.batchWindows()) {
                    if (batch.paths() > 0) {
                        lastBatchCost = batch.meanEpisodeCost();
                        Learner.Result r = learner.learn(batch, windowBudget,
                                new SplittableRandom(settings.seed() * 31 + w));
                        version++;
                        budget.afterBatch(batchCosts, inBatch);
                        update = new Update(w, version, windowBudget, lastBatchCost, r.update().accepted(),
                                r.update().cpoCase(), budget.current());
                        updates.add(update);
                        if (listener != null) {
                            listener.policyUpdated(finalPolicy(checkpoint, learner, version, lastBatchCost, robot));
                        }
                    }
                    batch.clear();
                    inBatch = 0;
                }
            }
            if (listener != null) {
                listener.windowDone(done, update);
            }
        }
        return new Result(settings, robot.description(), source, startVersion, startStd, fineTuneStd,
                List.copyOf(windows), List.copyOf(updates), finalPolicy(checkpoint, learner, version, lastBatchCost,
                        robot));
    }

    private static double[] stds(Learner learner) {
        double[] std = new double[learner.policy().actionSize()];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.exp(learner.policy().logStd(learner.params(), j));
        }
        return std;
    }

    private static Checkpoint finalPolicy(Checkpoint origin, Learner learner, long version, double measuredCost,
            TargetRobot robot) {
        Map<String, String> meta = new LinkedHashMap<>(origin.metadata());
        meta.put("kind", "transfer");
        meta.put("policy_version", Long.toString(version));
        meta.put("measured_cost", Double.toString(measuredCost));
        meta.put("transfer.robot", robot.description());
        Map<String, double[]> arrays = new LinkedHashMap<>();
        learner.saveArrays(arrays);
        return new Checkpoint(meta, arrays);
    }

    /**
     * The policy and supervisor inside one window: samples actions, accounts reward and cost, takes over from
     * the policy when the budget is spent (stop) or about to be (return), and keeps the policy-driven steps as
     * one path, the rest of the window charged to its last step. Buffers are sized once for a whole window, so
     * a step allocates nothing.
     */
    private static final class Recorder implements TargetRobot.StepDriver {
        private final GaussianPolicy policy;
        private final RunningNormalizer normalizer;
        private final int o;
        private final int a;
        private final double[] rawRows;
        private final double[] obsRows;
        private final double[] actionRows;
        private final double[] logProbRows;
        private final double[] rewardRows;
        private final double[] costRows;
        private final double[] normalized;
        private final double[] mean;
        private final double[] scratch;
        /** The way back into the corridor, or null when the supervisor stops the robot instead. */
        private final SafeAreaReturn returner;
        private final InterventionCharge charge;
        private final int windowSteps;
        private double[] params;
        private double budget;
        private SplittableRandom rng;
        double windowReturn;
        double windowCost;
        int steps;
        /** Robot steps of the window so far, the policy's and the supervisor's. */
        private int windowStep;
        boolean intervened;
        /** Return fallback: back inside the corridor and standing still. */
        private boolean parked;
        /** Return fallback: the direction the way back drives in, 0 before its first command. */
        private int returnDirection;
        /**
         * Return fallback: metres added to the odometry's x, the least drift that explains the cost measured at
         * a pose odometry read as inside (in simulation the cost comes from the true pose); 0 until then.
         */
        private double odometryShift;
        private double lastStepCost;
        private boolean drove;

        Recorder(GaussianPolicy policy, RunningNormalizer normalizer, int windowSteps, SafeAreaReturn returner,
                InterventionCharge charge) {
            this.policy = policy;
            this.returner = returner;
            this.charge = charge;
            this.windowSteps = windowSteps;
            this.normalizer = normalizer;
            this.o = policy.observationSize();
            this.a = policy.actionSize();
            rawRows = new double[windowSteps * o];
            obsRows = new double[windowSteps * o];
            actionRows = new double[windowSteps * a];
            logProbRows = new double[windowSteps];
            rewardRows = new double[windowSteps];
            costRows = new double[windowSteps];
            normalized = new double[o];
            mean = new double[a];
            scratch = new double[policy.scratchSize()];
        }

        void start(double[] currentParams, double windowBudget, SplittableRandom windowRng) {
            params = currentParams;
            budget = windowBudget;
            rng = windowRng;
            windowReturn = 0;
            windowCost = 0;
            steps = 0;
            windowStep = 0;
            intervened = false;
            parked = false;
            returnDirection = 0;
            odometryShift = 0;
            lastStepCost = 0;
            drove = false;
        }

        @Override
        public boolean act(double[] observation, double[] action) {
            drove = false;
            if (returner != null) {
                double x = observation[DiffDriveObservation.X_OVER_RADIUS] * DiffDriveTask.GEOMETRY.targetRadius()
                        + odometryShift;
                double xLimit = DiffDriveTask.GEOMETRY.xLimit();
                if (lastStepCost > 0 && Math.abs(x) < xLimit) {
                    // The last step cost something, so it ended outside, whatever odometry says: odometry has
                    // drifted at least this far (towards the nearer edge, the likelier side), for the window.
                    odometryShift += (x < 0 ? -xLimit : xLimit) - x;
                    x = x < 0 ? -xLimit : xLimit;
                }
                double outside = SafeAreaReturn.corridorDistance(DiffDriveTask.GEOMETRY, x);
                double cos = observation[DiffDriveObservation.COS_YAW];
                double sin = observation[DiffDriveObservation.SIN_YAW];
                double ux = SafeAreaReturn.corridorDirection(x);
                double v = observation[DiffDriveObservation.LINEAR_VELOCITY]
                        * DiffDriveTask.MODEL.maxLinearVelocity();
                double omega = observation[DiffDriveObservation.ANGULAR_VELOCITY]
                        * DiffDriveTask.MODEL.maxAngularVelocity();
                if (!intervened && returner.mustReturn(windowCost, budget, outside, cos, sin, ux, 0.0, v, omega)) {
                    takeOver(windowSteps - windowStep);
                }
                if (intervened) {
                    parked = returner.parked(parked, outside);
                    if (parked) {
                        return false;
                    }
                    returnDirection = returner.command(outside, cos, sin, ux, 0.0, omega, returnDirection, action);
                    return true;
                }
            }
            if (intervened || steps >= logProbRows.length) {
                return false;
            }
            normalizer.normalize(observation, 0, normalized, 0);
            double logProb = policy.sample(params, normalized, rng, mean, action, scratch);
            System.arraycopy(observation, 0, rawRows, steps * o, o);
            System.arraycopy(normalized, 0, obsRows, steps * o, o);
            System.arraycopy(action, 0, actionRows, steps * a, a);
            logProbRows[steps] = logProb;
            drove = true;
            return true;
        }

        @Override
        public void outcome(double reward, double cost) {
            windowReturn += reward;
            windowCost += cost;
            lastStepCost = cost;
            windowStep++;
            if (drove) {
                rewardRows[steps] = reward;
                costRows[steps] = cost;
                steps++;
            } else if (steps > 0 && charge == InterventionCharge.MEASURED) {
                costRows[steps - 1] += cost;
            }
            // The same rule as the node's supervisor: a spent budget stops the robot from the next step on.
            if (!intervened && windowCost > 0 && windowCost >= budget) {
                takeOver(windowSteps - windowStep);
            }
        }

        /**
         * The supervisor takes the robot for the window's last {@code stepsLeft} steps; with the bound charge
         * the path's last step is charged the most those steps could cost (the measured charge instead adds
         * their cost as it accrues, in {@link #outcome}).
         */
        private void takeOver(int stepsLeft) {
            intervened = true;
            if (charge == InterventionCharge.BOUND && steps > 0) {
                costRows[steps - 1] += Math.max(0, stepsLeft) * CircleGeometry.MAX_STEP_COST;
            }
        }

        void appendTo(Batch batch) {
            batch.appendPath(obsRows, rawRows, actionRows, logProbRows, rewardRows, costRows, steps, 0);
        }
    }
}
