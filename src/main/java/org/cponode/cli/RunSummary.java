package org.cponode.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one run achieved, from its {@code progress.csv}.
 *
 * @param task task name
 * @param label algorithm as plotted: {@code cpo}, {@code pdo}, {@code trpo}, with {@code +shaping} when costs
 *     were shaped
 * @param seed the run's master seed
 * @param iterations iterations in the file
 * @param costLimit d
 * @param finalReturn mean episode return of the last iteration
 * @param bestReturn highest mean episode return of any iteration
 * @param meanCostLast mean episode cost C averaged over the last {@code K} iterations
 * @param meanShapedCostLast the same for C+ (equal to {@code meanCostLast} without shaping)
 * @param violationFraction fraction of the iterations after the warm-up whose mean episode cost exceeds
 *     {@link #VIOLATION_FACTOR} x d; NaN when no iteration is past the warm-up
 * @param wallSeconds training time: the sum over iterations of sampling, update and baseline seconds
 */
public record RunSummary(String task, String label, long seed, int iterations, double costLimit, double finalReturn,
        double bestReturn, double meanCostLast, double meanShapedCostLast, double violationFraction,
        double wallSeconds) {

    /** An iteration violates the constraint when its cost exceeds this multiple of the limit. */
    public static final double VIOLATION_FACTOR = 1.1;

    /** Columns of {@code summary.csv}. */
    public static final String CSV_HEADER = "task,algorithm,seed,iterations,cost_limit,final_return,best_return,"
            + "mean_cost_last,mean_shaped_cost_last,violation_fraction,wall_s";

    /**
     * Summarises one run.
     *
     * @param last K, the number of final iterations the mean cost is taken over (all if fewer)
     * @param warmup iterations excluded from the violation fraction (the first {@code warmup})
     */
    public static RunSummary of(String task, String label, long seed, ProgressTable t, int last, int warmup) {
        if (t.rows() == 0) {
            throw new IllegalArgumentException(t.source() + " has no iterations to summarise");
        }
        if (last < 1 || warmup < 0) {
            throw new IllegalArgumentException("need last >= 1 and warmup >= 0, got " + last + ", " + warmup);
        }
        double[] ret = t.column("return");
        double[] cost = t.column("cost");
        double[] shaped = t.has("shaped_cost") ? t.column("shaped_cost") : cost;
        double[] limit = t.column("cost_limit");
        int n = t.rows();
        int from = Math.max(0, n - last);
        int violations = 0;
        for (int i = warmup; i < n; i++) {
            violations += cost[i] > VIOLATION_FACTOR * limit[i] ? 1 : 0;
        }
        double wall = sum(t.column("sample_s")) + sum(t.column("update_s")) + sum(t.column("value_s"));
        return new RunSummary(task, label, seed, n, limit[n - 1], ret[n - 1], Arrays.stream(ret).max().orElseThrow(),
                mean(cost, from, n), mean(shaped, from, n), n > warmup ? (double) violations / (n - warmup) : Double.NaN,
                wall);
    }

    /** The {@code summary.csv} line. */
    public String csv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.2f", task, label, seed, iterations,
                costLimit, finalReturn, bestReturn, meanCostLast, meanShapedCostLast, violationFraction, wallSeconds);
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    /** Mean and sample standard deviation (0 for one value) of a statistic over runs; NaNs are skipped. */
    public record Spread(double mean, double std, int count) {

        public static Spread of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
            if (v.length == 0) {
                return new Spread(Double.NaN, Double.NaN, 0);
            }
            double m = RunSummary.mean(v, 0, v.length);
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            return new Spread(m, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0.0, v.length);
        }

        /** {@code mean ± std} with the given number of decimals, or {@code n/a}. */
        public String format(int decimals) {
            if (count == 0) {
                return "n/a";
            }
            String f = "%." + decimals + "f";
            return String.format(Locale.ROOT, f + " ± " + f, mean, std);
        }
    }
}
