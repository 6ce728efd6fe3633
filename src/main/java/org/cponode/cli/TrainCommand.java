package org.cponode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.cponode.learn.Algorithm;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.CostShaping;
import org.cponode.learn.TrainConfig;
import org.cponode.learn.Trainer;
import org.cponode.learn.TrustRegionConfig;
import org.cponode.learn.UpdateDetails;
import org.cponode.learn.UpdateResult;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.Environment;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.TaskFileEnvironment;
import org.cponode.sim.Tasks;
import org.cponode.task.TaskDefinition;
import org.cponode.task.TaskFile;
import org.cponode.transfer.DynamicsFile;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: learns a policy on the embedded simulator, checkpointing every iteration. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a policy on the embedded simulator (no ROS, Gazebo or broker needed).",
            "Writes progress.csv and checkpoint.bin (atomically, every iteration) into --out."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "NAME|FILE.yaml", description = {"Simulator task:"
        + " ${COMPLETION-CANDIDATES}, or a task file (docs/TASKS.md,",
        "e.g. config/tasks/diffdrive-goal.yaml), recorded in the checkpoint (default: ${DEFAULT-VALUE})."},
            completionCandidates = TaskNames.class, defaultValue = "point-circle")
    String task;

    @Option(names = "--algo", description = "Update rule: cpo, trpo, pdo or pid (default: ${DEFAULT-VALUE}).", defaultValue = "cpo")
    String algo;

    @Option(names = "--seed", description = "Master seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_SEED)
    long seed;

    @Option(names = "--iterations", description = {"Policy updates to run in all (default: "
        + TrainConfig.DEFAULT_ITERATIONS + "; with --resume, the",
        "run's saved target, which this option replaces)."})
    Integer iterations;

    @Option(names = "--out", required = true, description = "Run directory, e.g. runs/point-circle-cpo-1.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--batch-size", description = "Samples per iteration (default: the task's, 50,000 for the paper's tasks).")
    Integer batchSize;

    @Option(names = "--cost-limit", paramLabel = "[NAME=]VALUE", description = {
        "Limit d on a constraint's expected episode cost (default: the task's); repeatable, NAME=VALUE",
        "for a task's named constraint (diffdrive-circle-2c: outside, speed), a bare VALUE for its first."})
    List<String> costLimits;

    @Option(names = "--max-kl", description = "Trust-region radius delta_KL (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrustRegionConfig.PAPER_MAX_KL)
    double maxKl;

    @Option(names = "--cg-iterations", description = "Conjugate-gradient iterations (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrustRegionConfig.PAPER_CG_ITERATIONS)
    int cgIterations;

    @Option(names = "--damping", description = "Fisher damping (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrustRegionConfig.PAPER_DAMPING)
    double damping;

    @Option(names = "--fisher-subsample", description = "Fraction of samples in Fisher-vector products (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrustRegionConfig.PAPER_FISHER_SUBSAMPLE)
    double fisherSubsample;

    @Option(names = "--policy-hidden", description = "Policy hidden widths (default: ${DEFAULT-VALUE}).",
            defaultValue = TrainConfig.DEFAULT_HIDDEN)
    String policyHidden;

    @Option(names = "--value-hidden", description = "Baseline hidden widths (default: ${DEFAULT-VALUE}).",
            defaultValue = TrainConfig.DEFAULT_HIDDEN)
    String valueHidden;

    @Option(names = "--value-epochs", description = "Baseline epochs per iteration (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_VALUE_EPOCHS)
    int valueEpochs;

    @Option(names = "--pdo-lr", description = "PDO dual step size alpha (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_PDO_LEARNING_RATE)
    double pdoLr;

    @Option(names = "--randomize", paramLabel = "FILE", description = {"Domain randomisation ranges (YAML, see"
        + " config/randomization.yaml), diffdrive-circle only: every episode draws its robot within them.",
        "Recorded in the checkpoint; --resume reuses the recorded ranges."})
    Path randomize;

    @Option(names = "--cost-shaping", description = {"Shape costs with the failure predictor (paper Sec. 6.2):",
        "C+ = C + alpha P(failure within T steps). Task defaults: point-circle T=5 alpha=1,",
        "diffdrive-circle T=20 alpha=1; point-gather and point-goal have none (give both --shaping-* options)."})
    boolean costShaping;

    @Option(names = "--shaping-horizon", description = "Failure-prediction horizon T in steps (default: the task's).")
    Integer shapingHorizon;

    @Option(names = "--shaping-alpha", description = "Predictor coefficient alpha (default: the task's).")
    Double shapingAlpha;

    @Mixin
    LearningOptions learning;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--quiet", description = "Print only the final summary.")
    boolean quiet;

    /** Task names for help text. */
    static final class TaskNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Tasks.names().iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (iterations != null && iterations < 0) {
            throw new ParameterException(spec.commandLine(), "--iterations must be >= 0");
        }
        if (!namesADirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out must name a directory, got '" + out + "'");
        }
        Path checkpoint = out.resolve(Trainer.CHECKPOINT);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1");
        }
        try (WorkerPool pool = new WorkerPool(threadCount)) {
            Trainer trainer;
            if (resume) {
                refuseSettingsOnResume();
                Checkpoint ck = Checkpoint.read(checkpoint);
                String savedTask = ck.require("task");
                String savedFile = ck.metadata().get(TASK_FILE);
                TaskDefinition file = recordedTaskFile(ck, checkpoint);
                DiffDriveDynamics.Ranges ranges = randomize != null ? ranges(savedTask, file)
                        : DynamicsFile.fromMetadata(ck.metadata());
                trainer = Trainer.resume(out, environments(savedTask, file, ranges), spec(savedTask, file)
                        .observationLayout(), metadata(ranges, savedFile), pool, iterations == null ? -1 : iterations);
                o.printf(Locale.ROOT, "resuming %s at iteration %d of %d%n", out, trainer.iteration(),
                        trainer.config().iterations());
            } else {
                if (Files.exists(checkpoint)) {
                    throw new ParameterException(spec.commandLine(), out + " already holds a run; use --resume to"
                            + " continue it or choose another --out");
                }
                TaskDefinition file = taskFile();
                TrainConfig config = config();
                DiffDriveDynamics.Ranges ranges = randomize == null ? null : ranges(config.task(), file);
                Files.createDirectories(out);
                Files.writeString(out.resolve("config.txt"), render(config), StandardCharsets.UTF_8);
                if (ranges != null) {
                    Files.writeString(out.resolve("randomization.yaml"), DynamicsFile.toYaml(ranges), StandardCharsets.UTF_8);
                }
                TaskSpec t = spec(config.task(), file);
                trainer = new Trainer(config, environments(config.task(), file, ranges), t.observationLayout(),
                        metadata(ranges, file == null ? null : taskFileText()), pool);
                o.printf(Locale.ROOT, "training %s with %s, seed %d, %d iterations of %,d samples, %s, %s,"
                        + " %s, %d threads%n",
                        config.task(), config.algorithm().id(), config.seed(), config.iterations(), config.batchSize(),
                        describeLimits(t, config), config.costShaping() == null ? "no cost shaping"
                                : String.format(Locale.ROOT, "cost shaping T=%d alpha=%.3g",
                                        config.costShaping().horizon(), config.costShaping().alpha()),
                        config.costMargin().rate() == 0 ? "no learned margin"
                                : String.format(Locale.ROOT, "learned margin rate %.3g + %.3g sd",
                                        config.costMargin().rate(), config.costMargin().sigmas()),
                        threadCount);
                if (ranges != null) {
                    o.printf(Locale.ROOT, "domain randomisation: every episode draws its robot from %s%n", randomize);
                }
            }
            o.flush();
            run(trainer, o);
        }
        return 0;
    }

    /** The --randomize ranges, refused with a one-line error for a task without randomisation or a bad file. */
    private DiffDriveDynamics.Ranges ranges(String taskName, TaskDefinition file) {
        if (file != null) {
            throw new ParameterException(spec.commandLine(), "--randomize needs the registered --task "
                    + Tasks.DIFFDRIVE_CIRCLE + "; a task file's robot has nominal dynamics");
        }
        if (!Tasks.DIFFDRIVE_CIRCLE.equals(taskName)) {
            throw new ParameterException(spec.commandLine(), "--randomize needs --task " + Tasks.DIFFDRIVE_CIRCLE
                    + " (task " + taskName + " has no randomisable dynamics)");
        }
        try {
            return DynamicsFile.readRanges(randomize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Supplier<Environment> environments(String taskName, TaskDefinition file,
            DiffDriveDynamics.Ranges ranges) {
        if (file != null) {
            return () -> new TaskFileEnvironment(file);
        }
        return ranges == null ? () -> Tasks.create(taskName) : () -> DiffDriveCircle.randomized(ranges);
    }

    /** The task's training defaults: its task file's, or the registered task's. */
    private static TaskSpec spec(String taskName, TaskDefinition file) {
        return file == null ? Tasks.spec(taskName) : Tasks.specOf(file);
    }

    /** The checkpoint's record of the randomisation ranges and of the task file's text, where the run has them. */
    private static Map<String, String> metadata(DiffDriveDynamics.Ranges ranges, String taskFileText) {
        Map<String, String> m = new LinkedHashMap<>(ranges == null ? Map.of()
                : DynamicsFile.toMetadata(ranges));
        if (taskFileText != null) {
            m.put(TASK_FILE, taskFileText);
        }
        return m;
    }

    /**
     * Checkpoint entry holding the text of the task file a run trains on, so that {@code --resume} rebuilds the
     * same task wherever the file has gone since.
     */
    static final String TASK_FILE = "task_file";
    /** Longest task file a checkpoint can record (its metadata values are Java's modified UTF-8, 64 KiB at most). */
    static final int MAX_RECORDED_TASK_FILE = 65_535;

    /** Whether {@code --task} names a task file (it ends in .yaml or .yml) rather than a registered task. */
    static boolean namesTaskFile(String task) {
        return task.endsWith(".yaml") || task.endsWith(".yml");
    }

    /** The task file {@code --task} names, or null for a registered task. */
    private TaskDefinition taskFile() {
        return namesTaskFile(task) ? parseTaskFile(taskFileText(), task) : null;
    }

    private String taskFileText() {
        try {
            String text = YamlLoader.read(Path.of(task));
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_RECORDED_TASK_FILE) {
                throw new ParameterException(spec.commandLine(), task + ": a task file a checkpoint records is at"
                        + " most " + MAX_RECORDED_TASK_FILE + " bytes");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no such task file: " + task);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read task file " + task + ": "
                    + YamlErrors.describe(e));
        }
    }

    /**
     * The task file a checkpoint recorded, or null for a run of a registered task.
     *
     * @param file names the checkpoint in messages
     * @throws IllegalArgumentException if the recorded text is not a valid task file
     */
    static TaskDefinition recordedTaskFile(Checkpoint ck, Path file) {
        String text = ck.metadata().get(TASK_FILE);
        return text == null ? null : TaskFile.parse(text, file + " (" + TASK_FILE + ")");
    }

    private TaskDefinition parseTaskFile(String text, String source) {
        try {
            return TaskFile.parse(text, source);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void run(Trainer trainer, PrintWriter o) throws IOException {
        long start = System.nanoTime();
        int first = trainer.iteration();
        int total = trainer.config().iterations();
        Trainer.Iteration last = null;
        while (trainer.iteration() < total) {
            Trainer.Iteration it = trainer.runIteration();
            trainer.record(out, it);
            last = it;
            if (!quiet) {
                double elapsed = (System.nanoTime() - start) * 1e-9;
                double eta = elapsed / (it.iteration() - first) * (total - it.iteration());
                o.println(line(it, total, eta));
                o.flush();
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (last != null) {
            o.printf(Locale.ROOT, "done: %d iterations in %.1f s; last return %.3f, cost %.3f (limit %.3f); checkpoint %s%n",
                    total - first, seconds, last.averageReturn(), last.averageCost(), last.costLimit(),
                    out.resolve(Trainer.CHECKPOINT));
        } else {
            o.printf(Locale.ROOT, "nothing to do: %s already has %d iterations%n", out, trainer.iteration());
        }
    }

    static String line(Trainer.Iteration it, int total, double etaSeconds) {
        UpdateResult u = it.result().update();
        String kase = switch (u.details()) {
            case UpdateDetails.CpoDetails cpo -> "case " + cpo.kase().number;
            case UpdateDetails.PdoDetails pdo -> String.format(Locale.ROOT, "nu %.3g", pdo.nu());
            case UpdateDetails.PidDetails pid -> String.format(Locale.ROOT, "lambda %.3g", pid.lambda());
            case UpdateDetails.TrpoDetails trpo -> "trpo  ";
        };
        return String.format(Locale.ROOT,
                "it %4d/%d | return %9.3f | cost %7.3f/%.3g | KL %.4f | %s | ls %2d%s | %5.2fs | eta %s",
                it.iteration(), total, it.averageReturn(), it.averageCost(), it.costLimit(), u.kl(), kase,
                u.backtracks(), u.accepted() ? "" : " rejected",
                it.sampleSeconds() + it.result().updateSeconds() + it.result().valueSeconds(), duration(etaSeconds));
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    /**
     * Options a resumed run takes; every other option sets up a new run, and a resumed run keeps the settings its
     * checkpoint recorded (--randomize is checked against the recorded ranges).
     */
    private static final Set<String> RESUME_OPTIONS = Set.of("--out", "--resume", "--iterations", "--threads",
            "--quiet", "--randomize");

    /** Whether {@code --out} can hold runs: a non-empty name that is not an existing file. */
    static boolean namesADirectory(Path out) {
        return !out.toString().isBlank() && (!Files.exists(out) || Files.isDirectory(out));
    }

    /** Refuses settings given with --resume instead of ignoring them: the run continues as it was set up. */
    private void refuseSettingsOnResume() {
        List<String> given = givenOptionsExcept(spec, RESUME_OPTIONS);
        if (!given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues " + out + " with the settings its"
                    + " checkpoint recorded (config.txt); " + String.join(", ", given) + " cannot change them. Start a"
                    + " new run in another --out to train with other settings");
        }
    }

    /** The options given on the command line, by their longest names, other than {@code allowed}. */
    static List<String> givenOptionsExcept(CommandSpec spec, Set<String> allowed) {
        return spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(name -> !allowed.contains(name)).distinct().toList();
    }

    /**
     * The options with which {@code train} sets up a new run of exactly {@code c}: how an experiment cell runs as
     * a Slurm array task. Every setting is spelled out, so the task trains what was submitted even when train's
     * defaults change before it starts. They are parsed back and compared, so settings that train's options
     * cannot express are refused here instead of trained otherwise.
     */
    static List<String> settingOptions(TrainConfig c) {
        TrustRegionConfig tr = c.trustRegion();
        List<String> o = new ArrayList<>(List.of("--task", c.task(), "--algo", c.algorithm().id(),
                "--seed", Long.toString(c.seed()), "--iterations", Integer.toString(c.iterations()),
                "--batch-size", Integer.toString(c.batchSize()),
                "--max-kl", Double.toString(tr.maxKl()), "--cg-iterations", Integer.toString(tr.cgIterations()),
                "--damping", Double.toString(tr.damping()), "--fisher-subsample", Double.toString(tr.fisherSubsample()),
                "--policy-hidden", TrainConfig.widths(c.policyHidden()),
                "--value-hidden", TrainConfig.widths(c.valueHidden()),
                "--value-epochs", Integer.toString(c.valueEpochs()),
                "--pdo-lr", Double.toString(c.pdoLearningRate()), "--gae-lambda", Double.toString(c.lambda()),
                "--cost-gae-lambda", Double.toString(c.costLambda())));
        double[] limits = c.costLimits();
        List<String> constraints = Tasks.spec(c.task()).constraintNames();
        for (int i = 0; i < limits.length; i++) {
            o.addAll(List.of("--cost-limit", (limits.length == 1 ? "" : constraints.get(i) + "=") + limits[i]));
        }
        if (c.algorithm() == Algorithm.CPO) {
            o.addAll(List.of("--cost-margin-rate", Double.toString(c.costMargin().rate()),
                    "--cost-margin-sigmas", Double.toString(c.costMargin().sigmas())));
        }
        if (c.timeHorizon() == 0) {
            o.add("--no-baseline-time");
        }
        if (c.costShaping() != null) {
            o.addAll(List.of("--cost-shaping", "--shaping-horizon", Integer.toString(c.costShaping().horizon()),
                    "--shaping-alpha", Double.toString(c.costShaping().alpha())));
        }
        TrainCommand parsed = new TrainCommand();
        List<String> args = new ArrayList<>(o);
        args.addAll(List.of("--out", "."));
        new CommandLine(parsed).parseArgs(args.toArray(String[]::new));
        List<String> diffs = differences(c.toMap(), parsed.config().toMap());
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("train's options cannot recreate the settings of " + c.task() + "/"
                    + c.algorithm().id() + "/seed-" + c.seed() + " (" + String.join(", ", diffs) + ")");
        }
        return o;
    }

    /** The settings that differ between {@code have} and {@code want}, as {@code key have -> want}. */
    static List<String> differences(Map<String, String> want, Map<String, String> have) {
        List<String> diffs = new ArrayList<>();
        for (String k : want.keySet()) {
            if (!want.get(k).equals(have.get(k))) {
                diffs.add(k + " " + have.get(k) + " -> " + want.get(k));
            }
        }
        have.keySet().stream().filter(k -> !want.containsKey(k))
                .forEach(k -> diffs.add(k + " " + have.get(k) + " -> (none)"));
        return diffs;
    }

    TrainConfig config() {
        TaskDefinition file = taskFile();
        try {
            TaskSpec t = spec(task, file);
            TrustRegionConfig paper = TrustRegionConfig.PAPER;
            TrainConfig c = learning.applyTo(TrainConfig.defaults(t).withAlgorithm(Algorithm.parse(algo)))
                    .withSeed(seed)
                    .withPolicyHidden(TrainConfig.parseWidths(policyHidden))
                    .withValueHidden(TrainConfig.parseWidths(valueHidden))
                    .withValueEpochs(valueEpochs)
                    .withTrustRegion(new TrustRegionConfig(maxKl, cgIterations, paper.cgResidualTolerance(), damping,
                            fisherSubsample, paper.backtrackRatio(), paper.maxBacktracks()))
                    .withPdoLearningRate(pdoLr)
                    .withCostShaping(shaping(t.name(), costShaping, shapingHorizon, shapingAlpha));
            c = iterations == null ? c : c.withIterations(iterations);
            c = batchSize == null ? c : c.withBatchSize(batchSize);
            return costLimits == null ? c : c.withCostLimits(costLimits(t, t.costLimits(), costLimits));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The limits of every constraint of {@code task}: {@code defaults} with the {@code --cost-limit} values given,
     * each {@code NAME=VALUE} or a bare {@code VALUE} for the first constraint.
     *
     * @param defaults one limit per constraint of the task, in its order (the task's own, or a checkpoint's).
     *     Not modified.
     * @throws IllegalArgumentException naming the entry for an unknown constraint, one given twice or a value
     *     that is not a finite number >= 0
     */
    static double[] costLimits(TaskSpec task, double[] defaults, List<String> given) {
        List<String> names = task.constraintNames();
        if (defaults.length != names.size()) {
            throw new IllegalArgumentException("task " + task.name() + " has the constraints " + names + ", but "
                    + defaults.length + " default limit(s) were given");
        }
        double[] limits = defaults.clone();
        boolean[] set = new boolean[limits.length];
        for (String entry : given) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? names.getFirst() : entry.substring(0, eq).trim();
            int k = names.indexOf(name);
            if (k < 0) {
                throw new IllegalArgumentException("--cost-limit " + entry + ": task " + task.name()
                        + " has no constraint '" + name + "'; its constraints: " + String.join(", ", names));
            }
            if (set[k]) {
                throw new IllegalArgumentException("--cost-limit " + entry + ": constraint '" + name
                        + "' is given more than once");
            }
            String value = entry.substring(eq + 1).trim();
            try {
                limits[k] = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                limits[k] = Double.NaN;
            }
            if (!(limits[k] >= 0) || !Double.isFinite(limits[k])) {
                throw new IllegalArgumentException("--cost-limit " + entry + ": the limit must be a finite number"
                        + " >= 0, got '" + value + "'");
            }
            set[k] = true;
        }
        return limits;
    }

    /** The limits as the start line shows them: one number, or each by its constraint's name. */
    static String describeLimits(TaskSpec task, TrainConfig config) {
        double[] limits = config.costLimits();
        if (limits.length == 1) {
            return String.format(Locale.ROOT, "cost limit %.4g", limits[0]);
        }
        StringBuilder sb = new StringBuilder("cost limits");
        for (int k = 0; k < limits.length; k++) {
            sb.append(k == 0 ? " " : ", ").append(task.constraintNames().get(k))
                    .append('=').append(limits[k]);
        }
        return sb.toString();
    }

    /**
     * The cost shaping selected by the options: null when off; else the task's defaults with the given
     * overrides. A task without defaults needs both overrides.
     */
    static CostShaping shaping(String task, boolean on, Integer horizon, Double alpha) {
        if (!on) {
            if (horizon != null || alpha != null) {
                throw new IllegalArgumentException("--shaping-horizon and --shaping-alpha need --cost-shaping");
            }
            return null;
        }
        var defaults = CostShaping.defaultsFor(task);
        if (defaults.isEmpty() && (horizon == null || alpha == null)) {
            throw new IllegalArgumentException("task " + task + " has no cost-shaping defaults (the paper does not"
                    + " shape it); give --shaping-horizon and --shaping-alpha");
        }
        CostShaping base = defaults.orElseGet(() -> CostShaping.of(horizon, alpha));
        return CostShaping.of(horizon == null ? base.horizon() : horizon, alpha == null ? base.alpha() : alpha);
    }

    private static String render(TrainConfig c) {
        StringBuilder sb = new StringBuilder("# cpo-node train settings\n");
        c.toMap().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }
}
