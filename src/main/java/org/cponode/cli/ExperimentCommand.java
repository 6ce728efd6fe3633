package org.cponode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cponode.learn.Algorithm;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.CostShaping;
import org.cponode.learn.TrainConfig;
import org.cponode.learn.Trainer;
import org.cponode.learn.TrustRegionConfig;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code experiment}: trains every cell of a grid tasks x algorithms x seeds, a few runs at a time, each in its
 * own run directory {@code OUT/<task>/<algorithm>/seed-<n>}, then writes the summary tables and plots
 * ({@link Report}). Rerunning the same command skips finished runs and resumes partial ones from their
 * checkpoints. A run's results depend only on its settings, never on {@code --parallel} or
 * {@code --threads-per-run}: rollout slots and network chunks are fixed, and every random stream derives from
 * (seed, iteration). With {@code --scheduler slurm} the same cells run as one Slurm job array instead
 * ({@link SlurmGrid}), and {@code --collect OUT} summarises them.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a grid of tasks x algorithms x seeds on the embedded simulator, resumably, then",
            "write OUT/summary.csv, OUT/summary.md and OUT/plots/*.png (see also: plot).",
            "--scheduler slurm submits the cells as one Slurm job array; --collect OUT summarises it."})
public final class ExperimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Experiment directory, e.g. runs/paper (required unless --collect).")
    Path out;

    /** Where the grid's cells train. */
    enum Scheduler { local, slurm }

    @Option(names = "--scheduler", description = "local: train here, --parallel runs at a time; slurm: submit the"
            + " cells as one Slurm job array (sbatch) and return (default: ${DEFAULT-VALUE}).", defaultValue = "local")
    Scheduler scheduler;

    @Option(names = "--collect", paramLabel = "OUT", description = "Print the state of each cell of the grid last"
            + " submitted to Slurm in OUT and summarise the finished ones; takes only --last, --warmup and --quiet.")
    Path collect;

    @Option(names = "--tasks", split = ",", description = "Tasks (default: ${DEFAULT-VALUE}).",
            defaultValue = "point-circle,point-gather")
    List<String> tasks;

    @Option(names = "--algos", split = ",", description = "Algorithms (default: ${DEFAULT-VALUE}).",
            defaultValue = "cpo,pdo,trpo")
    List<String> algos;

    @Option(names = "--seeds", description = "Seeds: a list 1,2,3 or a range 1-5 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1-5")
    String seeds;

    @Option(names = "--iterations", description = "Policy updates per run (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_ITERATIONS)
    int iterations;

    @Option(names = "--batch-size", description = "Samples per iteration (default: each task's, 50,000 for the paper's).")
    Integer batchSize;

    @Option(names = "--cost-shaping", description = {"Shape costs with the failure predictor on the tasks that have",
        "defaults (point-circle T=5 alpha=1, diffdrive-circle T=20 alpha=1); point-gather stays unshaped, as in the",
        "paper, and point-goal too."})
    boolean costShaping;

    @Option(names = "--policy-hidden", description = "Policy hidden widths (default: ${DEFAULT-VALUE}).",
            defaultValue = TrainConfig.DEFAULT_HIDDEN)
    String policyHidden;

    @Option(names = "--value-hidden", description = "Baseline hidden widths (default: ${DEFAULT-VALUE}).",
            defaultValue = TrainConfig.DEFAULT_HIDDEN)
    String valueHidden;

    @Option(names = "--value-epochs", description = "Baseline epochs per iteration (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_VALUE_EPOCHS)
    int valueEpochs;

    @Option(names = "--max-kl", description = "Trust-region radius delta_KL (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrustRegionConfig.PAPER_MAX_KL)
    double maxKl;

    @Option(names = "--pdo-lr", description = "PDO dual step size alpha (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_PDO_LEARNING_RATE)
    double pdoLr;

    @Mixin
    LearningOptions learning;

    @Option(names = "--parallel", description = "Runs trained at the same time (default: ${DEFAULT-VALUE}; on Slurm,"
            + " when given, the array's limit of tasks at once).", defaultValue = "2")
    int parallel;

    @Option(names = "--threads-per-run", description = "Worker threads of each run (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int threadsPerRun;

    @Option(names = "--last", description = "Summary: mean cost over each run's last K iterations (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int last;

    @Option(names = "--warmup", description = "Summary: over-limit fraction ignores the first W iterations (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int warmup;

    @Option(names = "--quiet", description = "Print only run starts, ends and the summary (with --collect, only the"
            + " cells not done).")
    boolean quiet;

    @Mixin
    SlurmGrid slurm;

    /** One cell of the grid: its settings and where it lives. */
    record Cell(TrainConfig config, Path dir) {

        String name() {
            return config.task() + "/" + config.algorithm().id() + "/seed-" + config.seed();
        }
    }

    /** Iterations the checkpoint in a cell's directory holds, 0 when it has none yet. */
    static int iterationsDone(Path dir) throws IOException {
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
        return Files.exists(checkpoint) ? Integer.parseInt(Checkpoint.read(checkpoint).require("iteration")) : 0;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        if (collect != null) {
            List<String> given = TrainCommand.givenOptionsExcept(spec, Set.of("--collect", "--last", "--warmup",
                    "--quiet"));
            if (!given.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--collect reads the grid of the last submission in "
                        + collect + " (" + SlurmGrid.DIR + "/" + SlurmGrid.GRID + "); " + String.join(", ", given)
                        + " cannot change it");
            }
            requireSummaryOptions();
            return SlurmGrid.collect(collect, last, warmup, quiet, o);
        }
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=<out>'");
        }
        List<String> slurmOnly = TrainCommand.givenOptionsExcept(spec, Set.of()).stream()
                .filter(SlurmGrid.OPTIONS::contains).toList();
        if (scheduler != Scheduler.slurm && !slurmOnly.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--scheduler slurm is needed for " + String.join(", ",
                    slurmOnly) + " (without it the grid trains on this machine)");
        }
        List<Cell> cells = grid();
        for (Cell c : cells) {
            // Before anything is written: a grid that cannot resume leaves experiment.txt as it was.
            Path checkpoint = c.dir().resolve(Trainer.CHECKPOINT);
            if (Files.exists(checkpoint)) {
                requireSameSettings(c, Trainer.savedConfig(Checkpoint.read(checkpoint)));
            }
        }
        if (scheduler == Scheduler.slurm) {
            try {
                slurm.validate();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("experiment.txt"), "# cpo-node experiment grid (last invocation)\n"
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "\n", StandardCharsets.UTF_8);
        if (scheduler == Scheduler.slurm) {
            o.printf(Locale.ROOT, "experiment %s: %d runs (%s x %s x seeds %s) for Slurm, %d thread(s) each%n", out,
                    cells.size(), String.join(",", tasks), String.join(",", algos), seeds, threadsPerRun);
            o.flush();
            slurm.submit(out, cells, threadsPerRun, spec.commandLine().getParseResult().hasMatchedOption("--parallel")
                    ? parallel : 0, quiet, o);
            return 0;
        }
        o.printf(Locale.ROOT, "experiment %s: %d runs (%s x %s x seeds %s), %d at a time with %d thread(s) each%n",
                out, cells.size(), String.join(",", tasks), String.join(",", algos), seeds, parallel, threadsPerRun);
        o.flush();
        long start = System.nanoTime();
        Map<String, String> failures = new LinkedHashMap<>();
        ExecutorService runners = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell c : cells) {
                futures.add(runners.submit(() -> {
                    train(c, o);
                    return null;
                }));
            }
            for (int i = 0; i < cells.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.put(cells.get(i).name(), cause.getMessage() == null ? cause.toString() : cause.getMessage());
                }
            }
        } finally {
            runners.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        o.printf(Locale.ROOT, "grid finished in %s (wall clock of this invocation)%n", TrainCommand.duration(seconds));
        List<RunSummary> summaries = Report.write(out, last, warmup, o);
        o.printf(Locale.ROOT, "%d runs summarised in %s%n", summaries.size(), out.resolve(Report.SUMMARY_MD));
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            failures.forEach((name, why) -> err.println("run " + name + " failed: " + why));
            err.flush();
            return 1;
        }
        return 0;
    }

    /** The grid's cells, validated before anything runs. */
    List<Cell> grid() {
        try {
            if (iterations < 1 || parallel < 1 || threadsPerRun < 1) {
                throw new IllegalArgumentException("--iterations, --parallel and --threads-per-run must be >= 1");
            }
            requireSummaryOptions();
            if (!TrainCommand.namesADirectory(out)) {
                throw new IllegalArgumentException("--out must name a directory, got '" + out + "'");
            }
            List<Long> seedList = parseSeeds(seeds);
            List<Cell> cells = new ArrayList<>();
            TrustRegionConfig tr = TrustRegionConfig.PAPER.withMaxKl(maxKl);
            for (String task : tasks) {
                TaskSpec t = Tasks.spec(task.trim());
                TrainConfig taskConfig = TrainConfig.defaults(t)
                        .withIterations(iterations)
                        .withPolicyHidden(TrainConfig.parseWidths(policyHidden))
                        .withValueHidden(TrainConfig.parseWidths(valueHidden))
                        .withValueEpochs(valueEpochs)
                        .withTrustRegion(tr)
                        .withPdoLearningRate(pdoLr)
                        .withCostShaping(costShaping ? CostShaping.defaultsFor(t.name()).orElse(null) : null);
                taskConfig = batchSize == null ? taskConfig : taskConfig.withBatchSize(batchSize);
                for (String algo : algos) {
                    TrainConfig algoConfig = learning.applyTo(taskConfig.withAlgorithm(Algorithm.parse(algo)));
                    for (long seed : seedList) {
                        TrainConfig config = algoConfig.withSeed(seed);
                        Cell cell = new Cell(config, out.resolve(t.name()).resolve(config.algorithm().id())
                                .resolve("seed-" + seed));
                        if (cells.stream().anyMatch(c -> c.dir().equals(cell.dir()))) {
                            throw new IllegalArgumentException("the grid names " + cell.name() + " twice (a task or"
                                    + " algorithm given twice)");
                        }
                        cells.add(cell);
                    }
                }
            }
            return cells;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void requireSummaryOptions() {
        if (last < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--last must be >= 1 and --warmup >= 0");
        }
    }

    /** Parses {@code 1,2,3} or {@code 1-5} into distinct seeds. */
    static List<Long> parseSeeds(String text) {
        try {
            List<Long> seedList = new ArrayList<>();
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).trim());
                    long to = Long.parseLong(p.substring(dash + 1).trim());
                    if (to < from || to - from >= 1000) {
                        throw new NumberFormatException();
                    }
                    for (long s = from; s <= to; s++) {
                        seedList.add(s);
                    }
                } else {
                    seedList.add(Long.parseLong(p));
                }
            }
            if (seedList.isEmpty() || seedList.stream().distinct().count() != seedList.size()) {
                throw new NumberFormatException();
            }
            return seedList;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds must be distinct seeds like 1,2,3 or a range like 1-5, got '"
                    + text + "'");
        }
    }

    /** Trains one cell to its iteration target: fresh, resumed, or skipped when already done. */
    private void train(Cell cell, PrintWriter o) throws IOException {
        Path dir = cell.dir();
        TrainConfig config = cell.config();
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
        String layout = Tasks.spec(config.task()).observationLayout();
        try (WorkerPool pool = new WorkerPool(threadsPerRun)) {
            Trainer trainer;
            int done = iterationsDone(dir);
            if (done >= config.iterations()) {
                say(o, "skip   " + cell.name() + ": already has " + done + " iterations");
                return;
            } else if (Files.exists(checkpoint)) {
                trainer = Trainer.resume(dir, () -> Tasks.create(config.task()), layout, pool, config.iterations());
                say(o, "resume " + cell.name() + " at iteration " + trainer.iteration());
            } else {
                Files.createDirectories(dir);
                StringBuilder settings = new StringBuilder("# cpo-node train settings (experiment cell)\n");
                config.toMap().forEach((k, v) -> settings.append(k).append(" = ").append(v).append('\n'));
                Files.writeString(dir.resolve("config.txt"), settings, StandardCharsets.UTF_8);
                trainer = new Trainer(config, () -> Tasks.create(config.task()), layout, pool);
                say(o, "start  " + cell.name());
            }
            long start = System.nanoTime();
            Trainer.Iteration it = null;
            while (trainer.iteration() < config.iterations()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted at iteration " + trainer.iteration());
                }
                it = trainer.runIteration();
                trainer.record(dir, it);
                if (!quiet) {
                    double elapsed = (System.nanoTime() - start) * 1e-9;
                    say(o, String.format(Locale.ROOT, "%s it %d/%d | return %.3f | cost %.3f (C+ %.3f) / %.3g | %s",
                            cell.name(), it.iteration(), config.iterations(), it.averageReturn(), it.averageCost(),
                            it.shapedCost(), it.costLimit(), TrainCommand.duration(elapsed)));
                }
            }
            say(o, String.format(Locale.ROOT, "done   %s: return %.3f, cost %.3f (limit %.3g)", cell.name(),
                    it.averageReturn(), it.averageCost(), it.costLimit()));
        }
    }

    /** A resumed cell must have been started with the same settings (its iteration target aside). */
    private static void requireSameSettings(Cell cell, TrainConfig saved) {
        List<String> diffs = TrainCommand.differences(cell.config().toMap(),
                saved.withIterations(cell.config().iterations()).toMap());
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException(cell.dir() + " holds a run with other settings (" + String.join(", ", diffs)
                    + "); give the options that recreate its settings (README, \"Training\"), use another --out or delete"
                    + " that run");
        }
    }

    static void say(PrintWriter o, String line) {
        synchronized (o) {
            o.println(line);
            o.flush();
        }
    }
}
