package org.cponode.cli;

import org.cponode.control.InterventionCharge;

import org.cponode.task.DiffDriveTask;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Function;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.learn.PolicyEvaluation;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.parallel.WorkerPool;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.task.CircleGeometry;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.TaskSpec;
import org.cponode.control.SafeAreaReturn;
import org.cponode.sim.Tasks;
import org.cponode.transfer.DynamicsFile;
import org.cponode.transfer.RosTargetRobot;
import org.cponode.transfer.SimTargetRobot;
import org.cponode.transfer.TargetRobot;
import org.cponode.transfer.TransferReport;
import org.cponode.transfer.TransferTrial;
import org.cponode.transfer.TrialProgressFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code transfer}: a sim-to-real trial of a simulation-trained policy on a target robot, with a report. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Hand a simulation-trained diffdrive-circle policy to a target robot: a baseline of episode",
            "windows with the unchanged policy, then online CPO fine-tuning under a start-safe cost budget.",
            "Writes windows.csv, updates.csv, return.png, cost.png, summary.md and policy.bin into --out."})
public final class TransferCommand implements Callable<Integer> {

    /** Folder of the report directory where the online learner keeps every measured policy version. */
    static final String CHECKPOINTS = "checkpoints";
    /**
     * The control core's logger: a trial in process runs thousands of windows in minutes, and its window lines
     * already say where the supervisor took over, so the core's per-window lines are kept to errors there.
     * Held here because java.util.logging keeps only weak references to loggers it has not been told about.
     */
    private static final Logger CONTROL_LOG = Logger.getLogger("org.cponode.control");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = {"A diffdrive-circle or diffdrive-circle-2c"
        + " checkpoint, or a run directory holding checkpoint.bin; the trial runs its task, with every constraint."})
    Path source;

    @Option(names = "--target", description = {"The robot: sim-robot (the embedded simulator with --robot's"
        + " dynamics, in process) or ros (a robot on ROS 2 topics: odometry in, cmd_vel out, e.g. 'cpo-node"
        + " sim-robot --dynamics FILE' or the physical robot) (default: ${DEFAULT-VALUE})."},
            defaultValue = "sim-robot")
    String target;

    @Option(names = "--robot", paramLabel = "FILE",
            description = "sim-robot: target-robot dynamics (YAML, one value per key), e.g. config/perturbed_robot.yaml.")
    Path robotFile;

    @Option(names = "--window-steps", description = "ros: control steps (odometry messages) per episode window"
            + " (default: 400, 20 s at 20 Hz as in training; sim-robot windows are always the task's episodes).")
    Integer windowSteps;

    @Option(names = "--odom-topic", description = "ros: odometry topic (default: ${DEFAULT-VALUE}).", defaultValue = "odom")
    String odomTopic;

    @Option(names = "--cmd-vel-topic", description = "ros: command topic (default: ${DEFAULT-VALUE}).", defaultValue = "cmd_vel")
    String cmdVelTopic;

    @Option(names = "--odometry-timeout", description = "ros: seconds without odometry before the supervisor stops the robot; a window without any aborts the trial"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double odometryTimeout;

    @Option(names = "--domain-id", description = "ros: DDS domain (default: ROS_DOMAIN_ID, else 0).")
    Integer domainId;

    @Option(names = "--localhost-only", description = "ros: keep DDS on loopback (default: on when ROS_LOCALHOST_ONLY=1).")
    Boolean localhostOnly;

    @Option(names = "--out", required = true, description = "Report directory (must not hold a report yet).")
    Path out;

    @Option(names = "--windows", description = "Episode windows in total (default: ${DEFAULT-VALUE}).", defaultValue = "60")
    int windows;

    @Option(names = "--baseline", description = "Windows with the unchanged policy first (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int baseline;

    @Option(names = "--batch", description = "Windows per fine-tuning update (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int batch;

    @Option(names = "--cost-limit", paramLabel = "[NAME=]VALUE", description = {
        "Real cost limit of a constraint per window (default: the checkpoint's); repeatable, NAME=VALUE for",
        "a task's named constraint (diffdrive-circle-2c: outside, speed), a bare VALUE for its first."})
    List<String> costLimits;

    @Option(names = "--start-fraction", description = "First fine-tuning budget as a fraction of the limit"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "0.5")
    double startFraction;

    @Option(names = "--widen-step", description = "Budget widening after a batch within budget, as a fraction of"
            + " the limit (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double widenStep;

    @Option(names = "--fallback", defaultValue = "return", description = {"What the supervisor does when a window's",
            "budget runs out: return (drive back into the corridor, starting when the way back would spend the rest",
            "of the budget, even before the robot leaves, then stop; the node's fallback \"return\") or stop (stop",
            "where it is) (default: ${DEFAULT-VALUE})."})
    String fallback;

    @Option(names = "--return-margin-steps", defaultValue = "" + SafeAreaReturn.DEFAULT_MARGIN_STEPS,
            description = {"Fallback return: reaction steps (braking,",
            "delay), added to the estimated way back and looked ahead to predict where a robot heading out will be",
            "(default: ${DEFAULT-VALUE})."})
    int returnMarginSteps;

    @Option(names = "--return-inset", defaultValue = "0.2", description = {"Fallback return: how far inside the",
            "corridor the robot stops, m (default: ${DEFAULT-VALUE})."})
    double returnInset;

    @Option(names = "--charge-interventions", defaultValue = "bound", description = {"The cost CPO learns from for a",
            "window the supervisor took over: bound (the cost up to the take-over plus one per remaining step, an",
            "upper bound of the policy's own cost, so fine-tuning lowers the policy's need for the supervisor) or",
            "measured (the window's measured cost, the supervisor's steps included) (default: ${DEFAULT-VALUE})."})
    String chargeInterventions;

    @Option(names = "--exploration-std", defaultValue = "1.0", description = {"Fine-tuning: raise the policy's",
            "standard deviation of each action component to at least this (a fraction of the speed limits) before",
            "the first fine-tuning window, so that its updates see informative costs; 0 keeps the policy's own",
            "(default: ${DEFAULT-VALUE})."})
    double explorationStd;

    @Option(names = "--seed", description = "Seed of start poses, noise and action sampling (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--threads", description = "Worker threads for the updates (default: all cores).")
    Integer threads;

    @Option(names = "--evaluate", paramLabel = "EPISODES", description = {"sim-robot: after the trial, run the"
        + " policy before and after fine-tuning alone, without supervisor, for this many episodes each (the same",
        "episodes for both, from --seed) and report its own cost; 0 skips it (default: 100; refused with --target"
            + " ros, where it would drive the robot unsupervised)."})
    Integer evaluate;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (!"sim-robot".equals(target) && !"ros".equals(target)) {
            throw new ParameterException(spec.commandLine(), "--target must be sim-robot or ros (got '" + target + "')");
        }
        if ("sim-robot".equals(target) == (robotFile == null)) {
            throw new ParameterException(spec.commandLine(), "sim-robot".equals(target)
                    ? "--target sim-robot needs --robot FILE (e.g. config/perturbed_robot.yaml)"
                    : "--robot is for --target sim-robot; a ros robot brings its own dynamics");
        }
        if (robotFile != null && windowSteps != null) {
            throw new ParameterException(spec.commandLine(), "--window-steps is for --target ros; sim-robot windows"
                    + " are the task's " + DiffDriveTask.HORIZON + "-step episodes");
        }
        if (!"return".equals(fallback) && !"stop".equals(fallback)) {
            throw new ParameterException(spec.commandLine(), "--fallback must be return or stop (got '" + fallback + "')");
        }
        InterventionCharge charge = switch (chargeInterventions) {
            case "bound" -> InterventionCharge.BOUND;
            case "measured" -> InterventionCharge.MEASURED;
            default -> throw new ParameterException(spec.commandLine(),
                    "--charge-interventions must be bound or measured (got '" + chargeInterventions + "')");
        };
        if (returnMarginSteps < 0) {
            throw new ParameterException(spec.commandLine(), "--return-margin-steps must be >= 0");
        }
        if (!(returnInset >= 0 && returnInset < CircleGeometry.ROOM.xLimit())) {
            throw new ParameterException(spec.commandLine(), "--return-inset must lie in [0, "
                    + CircleGeometry.ROOM.xLimit() + ") m, the corridor's half-width");
        }
        boolean simulated = robotFile != null;
        if (evaluate != null && (evaluate < 0 || (!simulated && evaluate > 0))) {
            throw new ParameterException(spec.commandLine(), evaluate < 0 ? "--evaluate must be >= 0 episodes"
                    : "--evaluate is for --target sim-robot: on a real robot it would drive without supervisor");
        }
        int evaluationEpisodes = evaluate != null ? evaluate : simulated ? 100 : 0;
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1");
        }
        if (Files.exists(out.resolve(TransferReport.SUMMARY_MD))) {
            throw new ParameterException(spec.commandLine(), out + " already holds a report; choose another --out");
        }
        if (Files.exists(out.resolve(TransferReport.WINDOWS_CSV))) {
            throw new ParameterException(spec.commandLine(), out + " holds a trial that stopped part-way (its windows"
                    + " and last policy are kept there); choose another --out");
        }
        Path file = Files.isDirectory(source) ? source.resolve(Trainer.CHECKPOINT) : source;
        DiffDriveDynamics dynamics = null;
        TransferTrial.Settings settings;
        Checkpoint ck;
        String task;
        try {
            if (robotFile != null) {
                dynamics = DynamicsFile.readRobot(robotFile);
            }
            ck = Checkpoint.read(file);
            task = TransferTrial.task(ck, file.toString());
            PolicyCompatibility.check(ck, PolicyCompatibility.Requirements.forTask(task), file.toString());
            settings = new TransferTrial.Settings(windows, baseline, batch, constraints(Tasks.spec(task), ck),
                    startFraction, widenStep, seed, "return".equals(fallback) ? returnMarginSteps : -1, returnInset,
                    charge, explorationStd);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<TaskSpec.Constraint> constraints = settings.constraints();
        boolean one = constraints.size() == 1;
        PrintWriter o = spec.commandLine().getOut();
        if (simulated) {
            CONTROL_LOG.setLevel(Level.SEVERE);
        }
        TransferReport.Summary s;
        TaskSpec.Constraint first = constraints.getFirst();
        try (WorkerPool pool = new WorkerPool(threadCount); TargetRobot robot = robot(task, dynamics)) {
            o.printf(Locale.ROOT, "transfer %s (version %s) to %s: %d windows, baseline %d, batch %d, %s%n", file,
                    ck.require("policy_version"), robot.description(), windows, baseline, batch,
                    limits(constraints, startFraction));
            o.flush();
            TransferTrial.Result result = TransferTrial.run(ck, file.toString(), robot, settings, pool,
                    out.resolve(CHECKPOINTS), new TrialProgressFiles(out, settings.constraintNames(),
                            quiet ? null : (w, u) -> {
                                o.println(line(constraints, w, u));
                                o.flush();
                            }));
            TransferReport.OwnCost ownCost = null;
            if (evaluationEpisodes > 0) {
                ownCost = ownCost(task, ck, result.finalPolicy(), dynamics, evaluationEpisodes,
                        constraints.stream().mapToDouble(TaskSpec.Constraint::limit).toArray());
                o.printf(Locale.ROOT, "the policy alone, %d episodes without supervisor: cost %s%.2f before, %.2f"
                        + " after fine-tuning (limit %.4g)%n", evaluationEpisodes, one ? "" : first.name() + " ",
                        ownCost.before().meanCost(), ownCost.after().meanCost(), first.limit());
            }
            s = TransferReport.write(result, ownCost, out);
        }
        StringBuilder baselineCosts = new StringBuilder();
        StringBuilder lastCosts = new StringBuilder();
        StringBuilder violations = new StringBuilder();
        for (TransferReport.ConstraintSummary c : s.constraints()) {
            String name = one ? "" : " " + c.name();
            String gap = baselineCosts.isEmpty() ? "" : ", ";
            baselineCosts.append(String.format(Locale.ROOT, "%scost%s %.2f ± %.2f, %d/%d windows over the limit", gap,
                    name, c.baselineCost(), c.baselineCostStd(), c.baselineViolations(), s.baselineWindows()));
            lastCosts.append(String.format(Locale.ROOT, "%scost%s %.2f", gap, name, c.lastBatchCost()));
            violations.append(String.format(Locale.ROOT, ", %d violations%s", c.fineTuneViolations(), name));
        }
        o.printf(Locale.ROOT, "baseline: return %.3f, %s; fine-tuning: %d updates, last %d windows return %.3f %s, %d"
                + " interventions%s; report %s%n", s.baselineReturn(), baselineCosts, s.updates(),
                Math.min(batch, s.fineTuneWindows()), s.lastBatchReturn(), lastCosts, s.fineTuneInterventions(),
                violations, out);
        return 0;
    }

    /**
     * The trial's constraints: every one of {@code task}'s, each limited to the checkpoint's limit unless
     * {@code --cost-limit} gives another (as {@code train --cost-limit} does).
     */
    private List<TaskSpec.Constraint> constraints(TaskSpec task, Checkpoint ck) {
        double[] limits = TrainCommand.costLimits(task, Trainer.savedConfig(ck).costLimits(),
                costLimits == null ? List.of() : costLimits);
        List<TaskSpec.Constraint> constraints = new ArrayList<>();
        for (int k = 0; k < limits.length; k++) {
            constraints.add(new TaskSpec.Constraint(task.constraintNames().get(k), limits[k]));
        }
        return constraints;
    }

    /** The start line's limits and first budgets: one number, or each by its constraint's name. */
    private static String limits(List<TaskSpec.Constraint> constraints, double startFraction) {
        if (constraints.size() == 1) {
            double d = constraints.getFirst().limit();
            return String.format(Locale.ROOT, "limit %.4g, start budget %.4g", d, startFraction * d);
        }
        StringJoiner each = new StringJoiner(", ", "limits ", "");
        for (TaskSpec.Constraint c : constraints) {
            each.add(String.format(Locale.ROOT, "%s %.4g (start budget %.4g)", c.name(), c.limit(),
                    startFraction * c.limit()));
        }
        return each.toString();
    }

    /** Both policies alone on the trial's simulated robot, for the same episodes. */
    private TransferReport.OwnCost ownCost(String task, Checkpoint before, Checkpoint after, DiffDriveDynamics dynamics,
            int episodes, double[] limits) {
        String layout = Tasks.spec(task).observationLayout();
        Function<Checkpoint, PolicyEvaluation.Result> alone = ck -> PolicyEvaluation.run(
                TrainedPolicy.fromCheckpoint(ck, layout), DiffDriveCircle.forTask(task, rng -> dynamics), episodes,
                seed, false, limits);
        return new TransferReport.OwnCost(seed, alone.apply(before), alone.apply(after));
    }

    private TargetRobot robot(String task, DiffDriveDynamics dynamics) {
        if (dynamics != null) {
            return new SimTargetRobot(task, dynamics, "sim-robot with " + robotFile, seed);
        }
        Map<String, String> env = System.getenv();
        boolean loopback = localhostOnly != null ? localhostOnly
                : "1".equals(env.get("ROS_LOCALHOST_ONLY")) && env.get("CYCLONEDDS_URI") == null;
        try {
            int domain = domainId != null ? domainId : RosNode.domainIdFromEnvironment(env);
            return new RosTargetRobot(task, "cpo_transfer", odomTopic, cmdVelTopic,
                    windowSteps == null ? DiffDriveTask.HORIZON : windowSteps, odometryTimeout, domain,
                    loopback ? CycloneConfig.loopbackOnly("any") : null, RosSecurity.fromEnvironment(env, null));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A window's progress line, and its update's when one finished with it; each constraint named when several. */
    static String line(List<TaskSpec.Constraint> constraints, TransferTrial.Window w, TransferTrial.Update u) {
        boolean one = constraints.size() == 1;
        StringBuilder costs = new StringBuilder();
        StringBuilder over = new StringBuilder();
        for (int k = 0; k < constraints.size(); k++) {
            TransferTrial.WindowCost c = w.costs().get(k);
            String name = constraints.get(k).name();
            costs.append(one ? String.format(Locale.ROOT, "%6.1f/%-5.3g", c.cost(), c.budget())
                    : String.format(Locale.ROOT, "%s%s %.1f/%.3g", k == 0 ? "" : ", ", name, c.cost(), c.budget()));
            if (c.violation()) {
                over.append(over.isEmpty() ? " | over the limit" + (one ? "" : " of ") : ", ").append(one ? "" : name);
            }
        }
        String line = String.format(Locale.ROOT, "window %4d %-9s v%-4d | return %8.3f | cost %s | %s%s",
                w.window(), w.phase().id(), w.policyVersion(), w.episodeReturn(), costs,
                w.intervention() ? "stopped after " + w.policySteps() + " steps" : "", over);
        if (u != null) {
            String batchCosts;
            String budgets;
            if (one) {
                batchCosts = String.format(Locale.ROOT, "%.2f, limit %.3g", u.batchCost(), u.costLimit());
                budgets = String.format(Locale.ROOT, "%.3g", u.budgetAfter());
            } else {
                StringBuilder b = new StringBuilder();
                StringBuilder after = new StringBuilder();
                for (int k = 0; k < constraints.size(); k++) {
                    TransferTrial.UpdateCost c = u.costs().get(k);
                    String gap = k == 0 ? "" : ", ";
                    b.append(String.format(Locale.ROOT, "%s%s %.2f (limit %.3g)", gap, constraints.get(k).name(),
                            c.batchCost(), c.costLimit()));
                    after.append(String.format(Locale.ROOT, "%s%s %.3g", gap, constraints.get(k).name(),
                            c.budgetAfter()));
                }
                batchCosts = b.toString();
                budgets = after.toString();
            }
            line += String.format(Locale.ROOT, "%n  update -> v%d: batch cost %s, %s, case %d, budget now %s",
                    u.version(), batchCosts, u.accepted() ? "accepted" : "rejected", u.cpoCase(), budgets);
        }
        return line;
    }
}
