package org.cponode.learn;

import org.cponode.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.Environment;

/**
 * Offline training on the embedded simulator: each iteration samples a batch with {@link Sampler}, updates the
 * {@link Learner}, appends a line to {@code progress.csv} and replaces {@code checkpoint.bin} atomically in the
 * run directory. A run resumes from its checkpoint with identical results to an uninterrupted run, because
 * every random stream derives from (seed, iteration).
 */
public final class Trainer {

    /** File names inside a run directory. */
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PROGRESS = "progress.csv";
    /** Prefix of the checkpoint entries that record the training configuration ({@link TrainConfig#toMap}). */
    public static final String CONFIG_PREFIX = "config.";

    /**
     * Columns of {@code progress.csv}. {@code cost} is the mean episode cost C; {@code shaped_cost} the mean
     * episode C+ the update used as {@code Jhat_C} (equal to {@code cost} without cost shaping);
     * {@code predictor_loss} the failure predictor's MSE after this iteration's fit (NaN without shaping);
     * {@code predicted_cost_change} the cost surrogate F_C at the accepted parameters: the update's linear
     * prediction of how much the next batch's episode cost changes (0 when the step was rejected), to compare
     * with the realised change of {@code shaped_cost} at the next line; {@code cost_margin} CPO's learned margin m
     * (the step enforced {@code cost_limit - cost_margin}; 0 when off). A column an algorithm has no value for
     * holds a placeholder: {@code cpo_case} -1 for TRPO, PDO and PID, {@code nu} (PID: its multiplier lambda) NaN
     * for TRPO, {@code cost_margin} NaN for TRPO, PDO and PID. A task with several constraints fills these columns
     * for its first constraint and appends five per constraint ({@link #header(List)}).
     */
    public static final String CSV_HEADER = "iteration,samples,episodes,return,cost,cost_limit,kl,cpo_case,accepted,"
            + "backtracks,lambda,nu,value_loss,cost_value_loss,entropy,sample_s,update_s,value_s,total_samples,"
            + "shaped_cost,predictor_loss,predicted_cost_change,cost_margin";

    private final TrainConfig config;
    private final String observationLayout;
    /** The task's constraints, named by its environments. */
    private final List<String> constraints;
    /** Describes the environment beyond the task name (e.g. randomisation ranges); copied into every checkpoint. */
    private final Map<String, String> environmentMetadata;
    private final Learner learner;
    private final Sampler sampler;
    private final Batch batch;
    private int iteration;
    private long totalSamples;

    /** One finished iteration. */
    public record Iteration(int iteration, int samples, int episodes, double averageReturn, double averageCost,
            double costLimit, Learner.Result result, double sampleSeconds, long totalSamples, double shapedCost,
            double predictorLoss, double[] constraintCosts, double[] constraintLimits) {

        /** The {@code progress.csv} line. */
        public String csv() {
            UpdateResult u = result.update();
            double nu = switch (u.details()) {
                case UpdateDetails.CpoDetails cpo -> cpo.nu();
                case UpdateDetails.PdoDetails pdo -> pdo.nu();
                case UpdateDetails.PidDetails pid -> pid.lambda();
                case UpdateDetails.TrpoDetails trpo -> Double.NaN;
            };
            double costMargin = u.details() instanceof UpdateDetails.CpoDetails cpo ? cpo.costMargin() : Double.NaN;
            return String.format(Locale.ROOT, "%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%d,%b,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f,%.4f,%.4f,%d,%.6g,%.6g,%.6g,%.6g",
                    iteration, samples, episodes, averageReturn, averageCost, costLimit, u.kl(), u.cpoCase(),
                    u.accepted(), u.backtracks(), u.lambda(), nu, result.valueLoss(), result.costValueLoss(),
                    result.entropy(), sampleSeconds, result.updateSeconds(), result.valueSeconds(), totalSamples,
                    shapedCost, predictorLoss, u.costSurrogate(), costMargin) + perConstraint(u);
        }

        /** The columns each constraint adds when there are several, in {@link #header(List)}'s order. */
        private String perConstraint(UpdateResult u) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < u.constraints().size(); i++) {
                UpdateResult.ConstraintStep s = u.constraints().get(i);
                sb.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g,%.6g,%.6g", constraintCosts[i],
                        constraintLimits[i], s.margin(), s.multiplier(), s.costSurrogate()));
            }
            return sb.toString();
        }
    }

    /**
     * The {@code progress.csv} header of a task with these constraints: {@link #CSV_HEADER} for one, and for
     * several, after it, per constraint {@code cost_<name>} (its mean episode cost), {@code limit_<name>},
     * {@code margin_<name>} (CPO's learned margin, NaN for the others), {@code multiplier_<name>} (CPO's nu_i,
     * NaN in recovery; PDO's nu_i; PID's lambda_i; NaN for TRPO) and {@code predicted_<name>} (F_Ci at the
     * accepted parameters).
     */
    public static String header(List<String> constraints) {
        if (constraints.size() == 1) {
            return CSV_HEADER;
        }
        StringBuilder sb = new StringBuilder(CSV_HEADER);
        for (String name : constraints) {
            for (String column : new String[] {"cost_", "limit_", "margin_", "multiplier_", "predicted_"}) {
                sb.append(',').append(column).append(name);
            }
        }
        return sb.toString();
    }

    /**
     * @param environments one new environment per call (the sampler's slots)
     * @param observationLayout identifier of the task's observation definition, stored in checkpoints
     */
    public Trainer(TrainConfig config, Supplier<Environment> environments, String observationLayout, WorkerPool pool) {
        this(config, environments, observationLayout, Map.of(), pool);
    }

    /**
     * @param environmentMetadata entries describing how {@code environments} differ from the plain task (such
     *     as domain randomisation); written into every checkpoint unchanged, so the caller can rebuild the same
     *     environments when resuming. Keys must not collide with the trainer's own.
     */
    public Trainer(TrainConfig config, Supplier<Environment> environments, String observationLayout,
            Map<String, String> environmentMetadata, WorkerPool pool) {
        this.config = config;
        this.observationLayout = observationLayout;
        this.environmentMetadata = Map.copyOf(environmentMetadata);
        Environment probe = environments.get();
        this.constraints = probe.constraintNames();
        if (constraints.size() != config.constraints()) {
            throw new IllegalArgumentException("task " + config.task() + " has the constraints " + constraints
                    + ", the configuration " + config.constraints() + " cost limits");
        }
        this.learner = new Learner(config, probe.observationSize(), probe.actionSize(), pool);
        this.sampler = new Sampler(environments, learner.policy(), config.slots(), pool);
        this.batch = new Batch(probe.observationSize(), probe.actionSize(), constraints.size());
    }

    public TrainConfig config() {
        return config;
    }

    public Learner learner() {
        return learner;
    }

    /** Number of completed iterations. */
    public int iteration() {
        return iteration;
    }

    /** Samples a batch and updates the learner once. */
    public Iteration runIteration() {
        long t0 = System.nanoTime();
        sampler.collect(learner.params(), learner.normalizer(), config.batchSize(), config.seed(), iteration, batch);
        double sampleSeconds = (System.nanoTime() - t0) * 1e-9;
        double avgReturn = batch.meanEpisodeReturn();
        double avgCost = batch.meanEpisodeCost();
        SplittableRandom rng = new SplittableRandom(Sampler.slotRandom(config.seed(), iteration, -7).nextLong());
        Learner.Result result = learner.learn(batch, rng);
        iteration++;
        totalSamples += batch.size();
        CostShaper shaper = learner.costShaper();
        return new Iteration(iteration, batch.size(), batch.paths(), avgReturn, avgCost, config.costLimit(), result,
                sampleSeconds, totalSamples, batch.constraintCost(), shaper == null ? Double.NaN : shaper.lastLoss(),
                constraintCosts(), config.costLimits());
    }

    private double[] constraintCosts() {
        double[] costs = new double[batch.constraints()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = batch.meanEpisodeCost(i);
        }
        return costs;
    }

    /** The checkpoint after the last iteration, with its batch's mean return and each constraint's mean cost. */
    public Checkpoint checkpoint(double measuredReturn, double[] measuredCosts) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("kind", "training");
        meta.put("task", config.task());
        meta.put("observation_layout", observationLayout);
        meta.put("observation_size", Integer.toString(learner.policy().observationSize()));
        meta.put("action_size", Integer.toString(learner.policy().actionSize()));
        meta.put("policy_hidden", TrainConfig.widths(config.policyHidden()));
        meta.put("iteration", Integer.toString(iteration));
        meta.put("policy_version", Integer.toString(iteration));
        meta.put("total_samples", Long.toString(totalSamples));
        meta.put("measured_return", Double.toString(measuredReturn));
        TrainedPolicy.putMeasuredCosts(meta, measuredCosts);
        if (constraints.size() > 1) { // a one-constraint checkpoint is as it always was
            meta.put("constraints", String.join(",", constraints));
        }
        config.toMap().forEach((k, v) -> meta.put(CONFIG_PREFIX + k, v));
        environmentMetadata.forEach((k, v) -> {
            if (meta.putIfAbsent(k, v) != null) {
                throw new IllegalStateException("environment metadata key '" + k + "' collides with the trainer's");
            }
        });
        Map<String, double[]> arrays = new LinkedHashMap<>();
        learner.saveArrays(arrays);
        return new Checkpoint(meta, arrays);
    }

    /**
     * Appends the iteration to {@code progress.csv} and syncs it, then replaces the checkpoint (in that order, so
     * a crash leaves at most one logged iteration past the checkpoint, which resume cuts; see resume). The first
     * iteration starts the file afresh: rows already there belong to a run that never checkpointed.
     */
    public void record(Path runDir, Iteration it) throws IOException {
        Files.createDirectories(runDir);
        Path csv = runDir.resolve(PROGRESS);
        String line = it.csv() + "\n";
        if (it.iteration() == 1) {
            AtomicFiles.write(csv, (header(constraints) + "\n" + line).getBytes(StandardCharsets.UTF_8));
        } else {
            AtomicFiles.append(csv, line.getBytes(StandardCharsets.UTF_8));
        }
        checkpoint(it.averageReturn(), it.constraintCosts()).write(runDir.resolve(CHECKPOINT));
    }

    /** The configuration stored in a run directory's checkpoint. */
    public static TrainConfig savedConfig(Checkpoint ck) {
        Map<String, String> m = new LinkedHashMap<>();
        ck.metadata().forEach((k, v) -> {
            if (k.startsWith(CONFIG_PREFIX)) {
                m.put(k.substring(CONFIG_PREFIX.length()), v);
            }
        });
        return TrainConfig.fromMap(m);
    }

    /**
     * Continues a run from its checkpoint. {@code progress.csv} is cut back to the checkpoint's iteration, so
     * an iteration that was logged but not checkpointed before a crash is rerun (with identical results).
     *
     * @param iterations the new total iteration target, or -1 to keep the saved one
     */
    public static Trainer resume(Path runDir, Supplier<Environment> environments, String observationLayout,
            WorkerPool pool, int iterations) throws IOException {
        return resume(runDir, environments, observationLayout, Map.of(), pool, iterations);
    }

    /**
     * As {@link #resume(Path, Supplier, String, WorkerPool, int)} for a run whose environments carry metadata
     * (see the constructor); {@code environmentMetadata} must equal what the checkpoint recorded, so a run
     * never silently continues on other environments.
     */
    public static Trainer resume(Path runDir, Supplier<Environment> environments, String observationLayout,
            Map<String, String> environmentMetadata, WorkerPool pool, int iterations) throws IOException {
        Checkpoint ck = Checkpoint.read(runDir.resolve(CHECKPOINT));
        TrainConfig saved = savedConfig(ck);
        if (!observationLayout.equals(ck.require("observation_layout"))) {
            throw new IllegalArgumentException("run " + runDir + " was trained with observation layout '"
                    + ck.require("observation_layout") + "', the task now produces '" + observationLayout + "'");
        }
        environmentMetadata.forEach((k, v) -> {
            if (!v.equals(ck.metadata().get(k))) {
                throw new IllegalArgumentException("run " + runDir + " recorded " + k + " = " + ck.metadata().get(k)
                        + ", resuming with " + v);
            }
        });
        // A one-constraint checkpoint names no constraint: it fits any one-constraint task of its name.
        String recorded = ck.metadata().get("constraints");
        List<String> names = environments.get().constraintNames();
        String task = String.join(",", names);
        if (recorded == null ? names.size() != 1 : !recorded.equals(task)) {
            throw new IllegalArgumentException("run " + runDir + " was trained with the constraints "
                    + (recorded == null ? "of one" : recorded) + ", the task now has " + task);
        }
        Trainer t = new Trainer(iterations >= 0 ? saved.withIterations(iterations) : saved, environments,
                observationLayout, environmentMetadata, pool);
        t.learner.restore(ck);
        t.iteration = Integer.parseInt(ck.require("iteration"));
        t.totalSamples = Long.parseLong(ck.require("total_samples"));
        truncateProgress(runDir.resolve(PROGRESS), t.iteration, header(t.constraints));
        return t;
    }

    /** Header lengths of earlier versions' progress.csv, whose rows are padded with NaN for the newer columns. */
    private static final Set<Integer> EARLIER_COLUMN_COUNTS = Set.of(19, 21, 22);

    /**
     * Cuts {@code progress.csv} back to the checkpoint's iteration. Rows after it were logged but not checkpointed,
     * or are what a crash left while appending, and are rerun. The rows up to it must run without a gap to the
     * checkpoint's iteration and be whole; a file without them, or with a damaged one, is refused rather than
     * resumed into a history with holes or wrong numbers. A deleted file (the way out the refusal names) starts
     * again with its header, and later rows continue from the iteration it was deleted at.
     */
    private static void truncateProgress(Path csv, int iterations, String header) throws IOException {
        if (!Files.exists(csv)) {
            AtomicFiles.write(csv, (header + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        // ISO-8859-1 decodes any bytes: debris after the checkpoint's rows (a power cut) must not stop the resume.
        List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
        String restore = "; restore it, or delete it to resume without the rows before the checkpoint";
        if (lines.isEmpty() || !lines.get(0).startsWith("iteration,")) {
            throw new IllegalArgumentException(csv + " line 1 is not the progress header" + restore);
        }
        int columns = header.split(",").length;
        List<String> kept = new ArrayList<>();
        kept.add(header);
        int last = 0;
        for (int n = 1; n < lines.size() && last < iterations; n++) {
            String line = lines.get(n);
            int comma = line.indexOf(',');
            int iteration = iterationOf(csv, n + 1, comma < 0 ? line : line.substring(0, comma));
            if (iteration > iterations) {
                break; // logged after the checkpoint (a history that restarted after a deletion): rerun
            }
            if (last > 0 && iteration != last + 1) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + " is iteration " + iteration + " where "
                        + (last + 1) + " belongs" + restore);
            }
            int found = line.split(",", -1).length;
            if (found != columns && !EARLIER_COLUMN_COUNTS.contains(found)) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + " has " + found + " columns, not "
                        + columns + ": a damaged row" + restore);
            }
            // A run written before a column existed: the new columns were not recorded then.
            kept.add(line + ",NaN".repeat(columns - found));
            last = iteration;
        }
        if (last != iterations && kept.size() > 1) {
            throw new IllegalArgumentException(csv + " ends at iteration " + last + " but the checkpoint is at iteration "
                    + iterations + restore);
        }
        AtomicFiles.write(csv, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int iterationOf(Path csv, int lineNumber, String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + " line " + lineNumber + ": the iteration column reads '" + field
                    + "', not a number; repair or remove the line to resume", e);
        }
    }
}
