package org.cponode.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.control.ControlCore;
import org.cponode.control.ControlSettings;
import org.cponode.control.Fallback;
import org.cponode.control.InterventionCharge;
import org.cponode.control.RangeZone;
import org.cponode.control.SafeAreaReturn;
import org.cponode.control.WindowSummary;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.OnlineLearner;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.TrainedPolicy;
import org.cponode.node.NodeParameters;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.SafeArea;

/**
 * A sim-to-real transfer trial: a simulation-trained policy drives a {@link TargetRobot} for a number of episode
 * windows, first unchanged (the baseline, which shows the transfer gap), then with online CPO fine-tuning under
 * the {@link StartSafeBudget}'s budget. The trial is the node's online learning plus a trial policy: the robot is
 * driven by the node's {@link ControlCore} (its supervisor, e-stop, window budget and fallback, whatever the
 * robot), the experience and updates are the node's {@link OnlineLearner}'s, and the trial adds the baseline
 * windows (updates held, exploration unchanged), the budget that starts safe and widens, and the report.
 *
 * <p>A trial runs the task of its robot ({@link TargetRobot#requirements()}), the one its checkpoint was trained
 * on, and carries every constraint of it: each has its real limit, its own start-safe budget (widened on its own
 * measured costs), its limit in the learner's updates and its columns in the report.
 *
 * <p>The supervisor watches every window: once a constraint's cost in the window reaches its budget (the real
 * limit in the baseline, the start-safe budget while fine-tuning) it takes the window over, and with the "return" fallback
 * ({@link Settings#returnMarginSteps()} >= 0) it does so as soon as the way back would spend the rest, drives the
 * robot back into the corridor and stops it there. Only the steps the policy drove are experience; what the rest
 * of a window taken over is charged ({@link InterventionCharge}) goes to the path's last step. Actions are
 * sampled from the stochastic policy throughout, as it was trained.
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
     * The trial's settings.
     *
     * @param windows episode windows in total, >= 1
     * @param baselineWindows windows of the baseline phase, 0..windows
     * @param batchWindows windows per fine-tuning update, >= 1
     * @param constraints every constraint of the robot's task in its order, each with its real cost limit d per
     *     window, > 0
     * @param startFraction each constraint's first fine-tuning budget as a fraction of its d, in (0, 1]
     * @param widenFraction each widening of a budget as a fraction of its d, in (0, 1]
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
    public record Settings(int windows, int baselineWindows, int batchWindows, List<TaskSpec.Constraint> constraints,
            double startFraction, double widenFraction, long seed, int returnMarginSteps, double returnInset,
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
            constraints = List.copyOf(constraints);
            if (constraints.isEmpty()) {
                throw new IllegalArgumentException("a trial needs the cost limit of at least one constraint");
            }
            for (TaskSpec.Constraint c : constraints) {
                if (c.limit() == 0) {
                    throw new IllegalArgumentException(c.name() + ": a trial's cost limit must be > 0 (its start-safe"
                            + " budget is a fraction of it), got 0");
                }
                // Checks the budget arguments with their own messages.
                new StartSafeBudget(c.limit(), startFraction, widenFraction);
            }
        }

        /**
         * Settings of a {@code diffdrive-circle} trial (its one constraint, {@code outside}, limited to
         * {@code costLimit}) whose supervisor stops the robot where the budget is spent, CPO charged the measured
         * cost, the policy's own exploration kept.
         */
        public Settings(int windows, int baselineWindows, int batchWindows, double costLimit, double startFraction,
                double widenFraction, long seed) {
            this(windows, baselineWindows, batchWindows, List.of(new TaskSpec.Constraint(DiffDriveCircle.OUTSIDE,
                    costLimit)), startFraction, widenFraction, seed, -1, 0.0, InterventionCharge.MEASURED, 0.0);
        }

        /** Every constraint's real limit, in the task's order (a fresh array). */
        public double[] costLimits() {
            return constraints.stream().mapToDouble(TaskSpec.Constraint::limit).toArray();
        }

        /** The constraints' names, in the task's order. */
        public List<String> constraintNames() {
            return constraints.stream().map(TaskSpec.Constraint::name).toList();
        }

        /** Whether the supervisor drives the robot back into the safe area instead of stopping it. */
        public boolean returnsToSafeArea() {
            return returnMarginSteps >= 0;
        }
    }

    /**
     * One constraint's account of a finished window.
     *
     * @param limit its real limit
     * @param budget the supervisor's budget in force
     * @param cost its cost summed over the window, the supervisor's steps included (from the true pose where the
     *     robot knows it, else {@code measuredCost})
     * @param measuredCost the cost the supervisor measured (the robot's own measurement where it has one, else
     *     from odometry), the one it budgets and CPO learns from
     */
    public record WindowCost(double limit, double budget, double cost, double measuredCost) {

        /** The window's cost exceeded the real limit. */
        public boolean violation() {
            return cost > limit;
        }
    }

    /**
     * One finished window.
     *
     * @param window index from 0
     * @param phase baseline or fine-tuning
     * @param policyVersion version of the policy that drove it
     * @param episodeReturn sum of rewards over the window (from the true pose where the robot knows it)
     * @param costs each constraint's account, in the task's order
     * @param policySteps steps the policy drove (the rest were the supervisor's)
     * @param intervention the supervisor took the window over
     */
    public record Window(int window, Phase phase, long policyVersion, double episodeReturn, List<WindowCost> costs,
            int policySteps, boolean intervention) {
        public Window {
            costs = List.copyOf(costs);
        }

        /** The first constraint's budget (a one-constraint task's only one). */
        public double budget() {
            return costs.getFirst().budget();
        }

        /** The first constraint's cost. */
        public double cost() {
            return costs.getFirst().cost();
        }

        /** The first constraint's measured cost. */
        public double measuredCost() {
            return costs.getFirst().measuredCost();
        }

        /** The first constraint's cost exceeded its limit. */
        public boolean violation() {
            return costs.getFirst().violation();
        }

        /** Some constraint's cost exceeded its limit. */
        public boolean anyViolation() {
            return costs.stream().anyMatch(WindowCost::violation);
        }
    }

    /**
     * One constraint's part of a policy update.
     *
     * @param costLimit the limit CPO used (the budget in force during the batch)
     * @param batchCost {@code Jhat_C}, the batch's mean path cost as charged ({@link InterventionCharge})
     * @param budgetAfter the budget for the next batch
     */
    public record UpdateCost(double costLimit, double batchCost, double budgetAfter) {}

    /**
     * One policy update.
     *
     * @param afterWindow index of the last window of the batch
     * @param version the new policy version
     * @param costs each constraint's part, in the task's order
     * @param accepted whether the line search accepted a step
     * @param cpoCase CPO's case (-1 when not applicable)
     */
    public record Update(int afterWindow, long version, List<UpdateCost> costs, boolean accepted, int cpoCase) {
        public Update {
            costs = List.copyOf(costs);
        }

        /** The first constraint's limit in the update (a one-constraint task's only one). */
        public double costLimit() {
            return costs.getFirst().costLimit();
        }

        /** The first constraint's batch cost. */
        public double batchCost() {
            return costs.getFirst().batchCost();
        }

        /** The first constraint's budget for the next batch. */
        public double budgetAfter() {
            return costs.getFirst().budgetAfter();
        }
    }

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
     * The task a trial of {@code checkpoint} runs and builds its robot for: the one the checkpoint was trained
     * on, which must be one the node runs ({@link NodeParameters#TASKS}).
     *
     * @param source names the checkpoint in the message
     * @throws IllegalArgumentException naming the checkpoint's task and the tasks a trial runs
     */
    public static String task(Checkpoint checkpoint, String source) {
        String task = checkpoint.metadata().get("task");
        if (!NodeParameters.TASKS.contains(task)) {
            throw new IllegalArgumentException(source + (task == null ? " is not a policy checkpoint (no 'task' entry)"
                    : " was trained for task " + task) + "; a transfer trial runs policies of "
                    + String.join(" or ", NodeParameters.TASKS));
        }
        return task;
    }

    /**
     * Runs a trial.
     *
     * @param checkpoint a training checkpoint (policy, normaliser, baselines, settings); checked against the
     *     robot with {@link PolicyCompatibility} first
     * @param settings limits for every constraint of the robot's task
     * @param source names the checkpoint in the report
     * @param checkpointDir where the online learner keeps every measured version ({@code policy-v<N>.bin})
     * @throws IllegalArgumentException if the checkpoint does not fit the robot, or the settings' constraints are
     *     not its task's
     * @throws IllegalStateException if the robot cannot complete a window or an update fails
     */
    public static Result run(Checkpoint checkpoint, String source, TargetRobot robot, Settings settings,
            WorkerPool pool, Path checkpointDir, Listener listener) {
        PolicyCompatibility.check(checkpoint, robot.requirements(), source);
        TaskSpec task = Tasks.spec(robot.requirements().task());
        if (!settings.constraintNames().equals(task.constraintNames())) {
            throw new IllegalArgumentException("the trial has limits for the constraints " + settings.constraintNames()
                    + ", but task " + task.name() + " has " + task.constraintNames());
        }
        String layout = task.observationLayout();
        double[] limits = settings.costLimits();
        int constraints = limits.length;
        OnlineLearner.Resumed resumed = OnlineLearner.resumeLearner(checkpoint, layout, limits, 0.0, pool);
        long startVersion = resumed.version();
        StartSafeBudget[] budgets = new StartSafeBudget[constraints];
        for (int k = 0; k < constraints; k++) {
            budgets[k] = new StartSafeBudget(limits[k], settings.startFraction(), settings.widenFraction());
        }
        AtomicReference<TrainedPolicy> active = new AtomicReference<>();
        AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
        LearnerEvents events = new LearnerEvents();
        OnlineLearner learner = new OnlineLearner(resumed.learner(), startVersion, new OnlineLearner.Settings(
                settings.batchWindows(), limits, checkpointDir, task.name(), layout, settings.seed(), 0.0), active,
                lastSafe, Math.max(1024, 2 * robot.windowSteps()), pool, events);
        events.learner = learner;
        learner.holdUpdates();
        ControlCore core = new ControlCore(controlSettings(settings, robot), robot.clock(), robot.inputs(),
                robot.transport(), active, lastSafe, learner);
        double[] startStd = stds(active.get());
        double[] fineTuneStd = startStd;
        List<Window> windows = new ArrayList<>();
        List<Update> updates = new ArrayList<>();
        // Each constraint's measured cost of every window of the batch so far.
        double[][] batchCosts = new double[constraints][settings.batchWindows()];
        int inBatch = 0;
        robot.start(core);
        if (robot.realTime()) {
            learner.start();
        }
        try {
            for (int w = 0; w < settings.windows(); w++) {
                Phase phase = w < settings.baselineWindows() ? Phase.BASELINE : Phase.FINE_TUNE;
                if (w == settings.baselineWindows()) {
                    learner.beginLearning(settings.explorationStd());
                    if (!robot.realTime()) {
                        learner.poll();
                    }
                    fineTuneStd = raised(startStd, settings.explorationStd());
                }
                double[] windowBudgets = new double[constraints];
                for (int k = 0; k < constraints; k++) {
                    windowBudgets[k] = phase == Phase.BASELINE ? limits[k] : budgets[k].current();
                }
                core.setCostLimits(windowBudgets);
                learner.setCostLimits(windowBudgets);
                TargetRobot.Window run = robot.runWindow(w);
                if (!robot.realTime()) {
                    learner.poll();
                }
                events.rethrow();
                WindowSummary sum = run.summary();
                List<WindowCost> costs = new ArrayList<>(constraints);
                for (int k = 0; k < constraints; k++) {
                    double trueCost = run.trueCosts()[k];
                    costs.add(new WindowCost(limits[k], windowBudgets[k],
                            Double.isNaN(trueCost) ? sum.costs()[k] : trueCost, sum.costs()[k]));
                }
                Window done = new Window(w, phase, sum.policyVersion() >= 0 ? sum.policyVersion() : learner.version(),
                        Double.isNaN(run.trueReturn()) ? sum.reward() : run.trueReturn(), costs, sum.policySteps(),
                        sum.supervised());
                windows.add(done);
                if (phase == Phase.FINE_TUNE) {
                    // What the robot measured is all a real robot knows: each budget widens on that.
                    for (int k = 0; k < constraints; k++) {
                        batchCosts[k][inBatch] = sum.costs()[k];
                    }
                    if (++inBatch == settings.batchWindows()) {
                        for (int k = 0; k < constraints; k++) {
                            budgets[k].afterBatch(batchCosts[k], inBatch);
                        }
                        inBatch = 0;
                    }
                }
                if (w == settings.windows() - 1) {
                    // The last batch's update may still be due: the robot stops first, then it runs here.
                    robot.close();
                    learner.closeAfterDueUpdate();
                }
                Update update = null;
                for (Updated u; (u = events.updates.poll()) != null; ) {
                    List<UpdateCost> parts = new ArrayList<>(constraints);
                    for (int k = 0; k < constraints; k++) {
                        parts.add(new UpdateCost(u.update().costLimits()[k], u.update().measuredCosts()[k],
                                budgets[k].current()));
                    }
                    update = new Update(w, u.update().newVersion(), parts, u.update().result().update().accepted(),
                            u.update().result().update().cpoCase());
                    updates.add(update);
                    if (listener != null) {
                        listener.policyUpdated(asTransfer(u.policy(), robot));
                    }
                }
                if (listener != null) {
                    listener.windowDone(done, update);
                }
            }
        } finally {
            learner.close();
            robot.close();
        }
        double[] lastBatchCosts = new double[constraints];
        Arrays.fill(lastBatchCosts, Double.NaN);
        if (!updates.isEmpty()) {
            List<UpdateCost> last = updates.getLast().costs();
            for (int k = 0; k < constraints; k++) {
                lastBatchCosts[k] = last.get(k).batchCost();
            }
        }
        return new Result(settings, robot.description(), source, startVersion, startStd, fineTuneStd,
                List.copyOf(windows), List.copyOf(updates), asTransfer(learner.checkpoint(lastBatchCosts), robot));
    }

    /**
     * The node's control settings for the trial's robot: the task's robot, corridor and constraints, the trial's
     * fallback.
     */
    private static ControlSettings controlSettings(Settings s, TargetRobot robot) {
        DiffDriveModel m = DiffDriveTask.MODEL;
        return new ControlSettings(robot.controlRate(), robot.windowSteps(), s.constraints(),
                s.returnsToSafeArea() ? Fallback.RETURN : Fallback.STOP, s.interventionCharge(),
                m.maxLinearVelocity(), m.maxAngularVelocity(), m.maxLinearAcceleration(), m.maxAngularAcceleration(),
                robot.sensorTimeout(), robot.startupGrace(), false, false, 0.0, 0.0, DiffDriveTask.GEOMETRY,
                SafeArea.corridor(DiffDriveTask.GEOMETRY), Math.max(0, s.returnMarginSteps()), s.returnInset(),
                s.seed(), RangeZone.OFF);
    }

    private static double[] stds(TrainedPolicy p) {
        double[] std = new double[p.policy().actionSize()];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.exp(p.policy().logStd(p.params(), j));
        }
        return std;
    }

    /** The standard deviations once exploration is raised to at least {@code floor} (0 keeps them). */
    private static double[] raised(double[] std, double floor) {
        double[] out = std.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(out[j], floor);
        }
        return out;
    }

    /** A learner checkpoint labelled as this trial's outcome. */
    private static Checkpoint asTransfer(Checkpoint online, TargetRobot robot) {
        Map<String, String> meta = new LinkedHashMap<>(online.metadata());
        meta.put("kind", "transfer");
        meta.put("transfer.robot", robot.description());
        return new Checkpoint(meta, online.arrays());
    }

    /** An update with the policy it published, checkpointed on the learner's thread before the next update. */
    private record Updated(OnlineLearner.Update update, Checkpoint policy) {}

    /** The learner's reports, handed from its thread (real time) or the trial's (stepped) to the trial. */
    private static final class LearnerEvents implements OnlineLearner.Listener {
        final ConcurrentLinkedQueue<Updated> updates = new ConcurrentLinkedQueue<>();
        volatile OnlineLearner learner;
        private volatile String failure;

        @Override
        public void updated(OnlineLearner.Update update) {
            updates.add(new Updated(update, learner.checkpoint(update.measuredCosts())));
        }

        @Override
        public void failed(String message) {
            failure = message;
        }

        void rethrow() {
            String f = failure;
            if (f != null) {
                throw new IllegalStateException(f);
            }
        }
    }
}
