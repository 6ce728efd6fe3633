package org.cponode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.TrainConfig;
import org.cponode.learn.TrainedPolicy;
import org.cponode.learn.Trainer;
import org.cponode.sim.Tasks;

/**
 * Summary tables and plots of a directory of runs, rebuilt from files only: every run directory below it
 * (one with {@code progress.csv} and {@code checkpoint.bin}) contributes; the checkpoint says which task,
 * algorithm, seed and shaping produced it. Writes {@code summary.csv}, {@code summary.md} and
 * {@code plots/*.png} into the directory.
 */
public final class Report {

    /** Output names inside the report directory. */
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";
    public static final String PLOTS = "plots";

    /** Episodes drawn in a trajectory plot. */
    static final int TRAJECTORY_EPISODES = 3;

    private Report() {}

    /** One run directory and what produced it. */
    record Run(Path dir, TrainConfig config, ProgressTable progress) {

        String label() {
            return config.algorithm().id() + (config.costShaping() == null ? "" : "+shaping");
        }
    }

    /** Every run below {@code root}, sorted by task, label and seed. */
    static List<Run> discover(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        List<Path> dirs;
        try (Stream<Path> files = Files.walk(root)) {
            dirs = files.filter(p -> p.getFileName().toString().equals(Trainer.PROGRESS))
                    .map(Path::getParent)
                    .filter(d -> Files.exists(d.resolve(Trainer.CHECKPOINT)))
                    .toList();
        }
        List<Run> runs = new ArrayList<>();
        for (Path d : dirs) {
            TrainConfig config = Trainer.savedConfig(Checkpoint.read(d.resolve(Trainer.CHECKPOINT)));
            ProgressTable t = ProgressTable.read(d.resolve(Trainer.PROGRESS));
            if (t.rows() > 0) {
                runs.add(new Run(d, config, t));
            }
        }
        runs.sort(Comparator.comparing((Run r) -> r.config().task()).thenComparing(Run::label)
                .thenComparingLong(r -> r.config().seed()));
        return runs;
    }

    /**
     * Writes the summaries and plots for the runs below {@code root}.
     *
     * @param last K: the mean cost is taken over each run's last K iterations
     * @param warmup the violation fraction ignores each run's first {@code warmup} iterations
     * @return the per-run summaries
     */
    public static List<RunSummary> write(Path root, int last, int warmup, PrintWriter log) throws IOException {
        return write(root, last, warmup, log, dir -> true);
    }

    /**
     * As {@link #write(Path, int, int, PrintWriter)} for the runs whose directories {@code include} accepts (the
     * finished cells of a grid whose other cells still train).
     */
    static List<RunSummary> write(Path root, int last, int warmup, PrintWriter log, Predicate<Path> include)
            throws IOException {
        List<Run> runs = discover(root).stream().filter(r -> include.test(r.dir())).toList();
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs with recorded iterations (progress.csv rows beside checkpoint.bin)"
                    + " below " + root);
        }
        List<RunSummary> summaries = new ArrayList<>();
        for (Run r : runs) {
            summaries.add(RunSummary.of(r.config().task(), r.label(), r.config().seed(), r.progress(), last, warmup));
        }
        StringBuilder csv = new StringBuilder(RunSummary.CSV_HEADER).append('\n');
        summaries.forEach(s -> csv.append(s.csv()).append('\n'));
        Files.writeString(root.resolve(SUMMARY_CSV), csv, StandardCharsets.UTF_8);

        Path plots = root.resolve(PLOTS);
        Map<String, Map<String, List<Run>>> byTask = new LinkedHashMap<>();
        for (Run r : runs) {
            byTask.computeIfAbsent(r.config().task(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
        }
        List<String> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Run>>> task : byTask.entrySet()) {
            Map<String, List<ProgressTable>> curves = new LinkedHashMap<>();
            task.getValue().forEach((label, rs) -> curves.put(label, rs.stream().map(Run::progress).toList()));
            TrainConfig config = task.getValue().values().iterator().next().get(0).config();
            Path png = plots.resolve(task.getKey() + "-curves.png");
            Charts.learningCurves(task.getKey() + ": return and cost per iteration (mean ± std over seeds)", curves,
                    Charts.CostPanel.of(Tasks.spec(task.getKey()).constraintNames(), config.costLimits()), png);
            images.add(root.relativize(png).toString());
            if (Trajectories.supports(task.getKey())) {
                for (Map.Entry<String, List<Run>> algo : task.getValue().entrySet()) {
                    images.add(root.relativize(trajectory(task.getKey(), algo.getKey(), algo.getValue().get(0), plots))
                            .toString());
                }
            }
        }
        Files.writeString(root.resolve(SUMMARY_MD), markdown(summaries, last, warmup, images), StandardCharsets.UTF_8);
        log.printf(Locale.ROOT, "wrote %s, %s and %d plots in %s%n", SUMMARY_CSV, SUMMARY_MD, images.size(), plots);
        log.flush();
        return summaries;
    }

    /** Draws a few episodes of a run's final (stochastic) policy. */
    private static Path trajectory(String task, String label, Run run, Path plots) throws IOException {
        Checkpoint ck = Checkpoint.read(run.dir().resolve(Trainer.CHECKPOINT));
        TrainedPolicy policy = TrainedPolicy.fromCheckpoint(ck, null);
        List<Trajectories.Episode> episodes = Trajectories.rollout(policy, task, run.config().seed(), TRAJECTORY_EPISODES);
        Path png = plots.resolve(task + "-" + label + "-trajectory.png");
        Charts.trajectories(String.format(Locale.ROOT, "%s, %s seed %d, iteration %s (sampled actions)", task, label,
                run.config().seed(), ck.require("iteration")), episodes, Trajectories.geometry(task), png);
        return png;
    }

    /** The Markdown summary: per configuration (mean ± std over seeds), per run, then the plots. */
    static String markdown(List<RunSummary> runs, int last, int warmup, List<String> images) {
        StringBuilder md = new StringBuilder("# Experiment summary\n\n");
        md.append(String.format(Locale.ROOT, "Cost = mean episode cost C over the last %d iterations; C+ the same for"
                + " the shaped cost; over-limit = fraction of iterations after the first %d whose cost exceeds"
                + " %.1f x limit; wall = training seconds (sampling + update + baselines).%n%n", last, warmup,
                RunSummary.VIOLATION_FACTOR));
        md.append("## Per configuration (mean ± std over seeds)\n\n");
        md.append("| task | algorithm | seeds | iterations | limit | final return | best return | cost | C+ | over-limit | wall (s, total) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.task() + "\u0000" + r.label(), k -> new ArrayList<>()).add(r));
        for (List<RunSummary> g : groups.values()) {
            RunSummary f = g.get(0);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3g | %s | %s | %s | %s | %s | %.0f |%n",
                    f.task(), f.label(), g.size(), iterations(g), f.costLimit(), spread(g, RunSummary::finalReturn, 2),
                    spread(g, RunSummary::bestReturn, 2), spread(g, RunSummary::meanCostLast, 3),
                    spread(g, RunSummary::meanShapedCostLast, 3), spread(g, RunSummary::violationFraction, 2),
                    g.stream().mapToDouble(RunSummary::wallSeconds).sum()));
        }
        md.append("\n## Per run\n\n");
        md.append("| task | algorithm | seed | iterations | final return | best return | cost | C+ | over-limit | wall (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunSummary r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.3f | %.3f | %s | %.0f |%n",
                    r.task(), r.label(), r.seed(), r.iterations(), r.finalReturn(), r.bestReturn(), r.meanCostLast(),
                    r.meanShapedCostLast(), Double.isNaN(r.violationFraction()) ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", r.violationFraction()), r.wallSeconds()));
        }
        md.append("\n## Plots\n\n");
        images.forEach(i -> md.append("![").append(i).append("](").append(i).append(")\n\n"));
        return md.toString();
    }

    private static String iterations(List<RunSummary> g) {
        int min = g.stream().mapToInt(RunSummary::iterations).min().orElseThrow();
        int max = g.stream().mapToInt(RunSummary::iterations).max().orElseThrow();
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    private static String spread(List<RunSummary> g, ToDoubleFunction<RunSummary> stat, int decimals) {
        return RunSummary.Spread.of(g.stream().map(r -> stat.applyAsDouble(r)).toList()).format(decimals);
    }
}
