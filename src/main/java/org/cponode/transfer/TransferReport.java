package org.cponode.transfer;

import org.cponode.control.InterventionCharge;

import org.cponode.io.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyEvaluation;
import org.cponode.math.Vectors;
import org.cponode.transfer.TransferTrial.Phase;
import org.cponode.transfer.TransferTrial.Result;
import org.cponode.transfer.TransferTrial.Window;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes a transfer trial's report directory: {@code windows.csv} (one line per window), {@code updates.csv}
 * (one line per policy update), {@code return.png} and {@code cost.png} (per window, with the phase boundary,
 * and for cost the limit and the budget), {@code summary.md} (the numbers of {@link Summary}) and
 * {@code policy.bin}, the fine-tuned policy as a checkpoint that {@code node} and {@code transfer} load.
 */
public final class TransferReport {

    /** File names inside a report directory. */
    public static final String WINDOWS_CSV = "windows.csv";
    public static final String UPDATES_CSV = "updates.csv";
    public static final String RETURN_PNG = "return.png";
    public static final String COST_PNG = "cost.png";
    public static final String SUMMARY_MD = "summary.md";
    public static final String POLICY = "policy.bin";

    /** Columns of {@code windows.csv}. */
    public static final String WINDOWS_HEADER =
            "window,phase,policy_version,budget,cost_limit,return,cost,measured_cost,policy_steps,intervention,violation";
    /** Columns of {@code updates.csv}. */
    public static final String UPDATES_HEADER = "after_window,version,cost_limit,batch_cost,accepted,cpo_case,budget_after";

    /** The factor of the limit that no fine-tuning window after the first batch may exceed (acceptance). */
    public static final double TOLERANCE_FACTOR = 1.2;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    /**
     * The trial's numbers.
     *
     * @param baselineWindows windows in the baseline
     * @param baselineReturn mean return per baseline window
     * @param baselineCost mean cost per baseline window
     * @param baselineCostStd standard deviation of the baseline window costs
     * @param baselineViolations baseline windows over the limit
     * @param baselineInterventions baseline windows the supervisor stopped
     * @param fineTuneWindows windows in fine-tuning
     * @param fineTuneViolations fine-tuning windows over the limit
     * @param fineTuneInterventions fine-tuning windows the supervisor stopped
     * @param updates policy updates made
     * @param finalVersion the version of the last policy
     * @param lastBatchReturn mean return of the last {@code batch} fine-tuning windows
     * @param lastBatchCost mean cost of the last {@code batch} fine-tuning windows
     * @param maxCostAfterFirstBatch largest window cost in fine-tuning after the first batch (NaN if none)
     * @param windowsOverToleranceAfterFirstBatch those windows with cost above {@link #TOLERANCE_FACTOR} x limit
     * @param finalBudget the budget at the end
     */
    public record Summary(int baselineWindows, double baselineReturn, double baselineCost, double baselineCostStd,
            int baselineViolations, int baselineInterventions, int fineTuneWindows, int fineTuneViolations,
            int fineTuneInterventions, int updates, long finalVersion, double lastBatchReturn, double lastBatchCost,
            double maxCostAfterFirstBatch, int windowsOverToleranceAfterFirstBatch, double finalBudget) {

        /** Computes the summary of a trial. */
        public static Summary of(Result r) {
            var s = r.settings();
            List<Window> base = r.windows().stream().filter(w -> w.phase() == Phase.BASELINE).toList();
            List<Window> tune = r.windows().stream().filter(w -> w.phase() == Phase.FINE_TUNE).toList();
            double[] baseCost = base.stream().mapToDouble(Window::cost).toArray();
            double[] baseReturn = base.stream().mapToDouble(Window::episodeReturn).toArray();
            List<Window> last = tune.subList(Math.max(0, tune.size() - s.batchWindows()), tune.size());
            List<Window> afterFirst = tune.subList(Math.min(tune.size(), s.batchWindows()), tune.size());
            double tolerance = TOLERANCE_FACTOR * s.costLimit();
            double baseMean = mean(baseCost);
            return new Summary(base.size(), mean(baseReturn), baseMean,
                    baseCost.length == 0 ? Double.NaN : Vectors.std(baseCost, baseCost.length, baseMean),
                    (int) base.stream().filter(Window::violation).count(),
                    (int) base.stream().filter(Window::intervention).count(),
                    tune.size(), (int) tune.stream().filter(Window::violation).count(),
                    (int) tune.stream().filter(Window::intervention).count(), r.updates().size(),
                    r.finalVersion(),
                    mean(last.stream().mapToDouble(Window::episodeReturn).toArray()),
                    mean(last.stream().mapToDouble(Window::cost).toArray()),
                    afterFirst.stream().mapToDouble(Window::cost).max().orElse(Double.NaN),
                    (int) afterFirst.stream().filter(w -> w.cost() > tolerance).count(),
                    tune.isEmpty() ? s.costLimit() : r.updates().isEmpty() ? tune.getLast().budget()
                            : r.updates().getLast().budgetAfter());
        }

        private static double mean(double[] a) {
            return a.length == 0 ? Double.NaN : Vectors.mean(a, a.length);
        }
    }

    /**
     * The policy's own cost before and after fine-tuning: each run alone, without supervisor, for the same
     * episodes on the same robot ({@link PolicyEvaluation}); only where driving unsupervised is harmless, on a
     * simulated robot.
     *
     * @param seed the episodes' seed
     */
    public record OwnCost(long seed, PolicyEvaluation.Result before, PolicyEvaluation.Result after) {}

    private TransferReport() {}

    /**
     * Writes every report file into {@code dir} (created if needed), the summary with the policy's own cost
     * before and after when {@code ownCost} is not null, and returns the summary.
     */
    public static Summary write(Result result, OwnCost ownCost, Path dir) throws IOException {
        Files.createDirectories(dir);
        Summary summary = Summary.of(result);
        // The fine-tuned policy first: it is what a failure further on must not lose.
        result.finalPolicy().write(dir.resolve(POLICY));
        writeTables(result.settings().costLimit(), result.windows(), result.updates(), dir);
        plots(result, dir);
        Files.writeString(dir.resolve(SUMMARY_MD), markdown(result, summary, ownCost), StandardCharsets.UTF_8);
        return summary;
    }

    /** Writes {@code windows.csv} and {@code updates.csv} (each atomically) for the windows and updates so far. */
    public static void writeTables(double costLimit, List<Window> windows, List<TransferTrial.Update> updates, Path dir)
            throws IOException {
        writeWindows(costLimit, windows, dir.resolve(WINDOWS_CSV));
        writeUpdates(updates, dir.resolve(UPDATES_CSV));
    }

    private static void writeWindows(double costLimit, List<Window> windows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(WINDOWS_HEADER).append('\n');
        for (Window w : windows) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%d,%d%n", w.window(),
                    w.phase().id(), w.policyVersion(), w.budget(), costLimit, w.episodeReturn(), w.cost(),
                    w.measuredCost(), w.policySteps(), w.intervention() ? 1 : 0, w.violation() ? 1 : 0));
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeUpdates(List<TransferTrial.Update> updates, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(UPDATES_HEADER).append('\n');
        for (TransferTrial.Update u : updates) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%b,%d,%.6g%n", u.afterWindow(), u.version(),
                    u.costLimit(), u.batchCost(), u.accepted(), u.cpoCase(), u.budgetAfter()));
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void plots(Result r, Path dir) throws IOException {
        // Plots are drawn off-screen; without this a machine with no display fails to create fonts.
        System.setProperty("java.awt.headless", "true");
        XYSeries returns = new XYSeries("return per window");
        XYSeries costs = new XYSeries("cost per window");
        XYSeries budgets = new XYSeries("supervisor budget");
        for (Window w : r.windows()) {
            returns.add(w.window(), w.episodeReturn());
            costs.add(w.window(), w.cost());
            budgets.add(w.window(), w.budget());
        }
        double boundary = r.settings().baselineWindows() - 0.5;
        JFreeChart ret = chart("Return per episode window: " + r.robot(), "return", boundary,
                new XYSeriesCollection(returns));
        ChartUtils.saveChartAsPNG(dir.resolve(RETURN_PNG).toFile(), ret, WIDTH, HEIGHT);

        XYSeriesCollection costData = new XYSeriesCollection(costs);
        costData.addSeries(budgets);
        JFreeChart cost = chart("Cost per episode window: " + r.robot(), "cost (steps outside the corridor)",
                boundary, costData);
        ValueMarker limit = new ValueMarker(r.settings().costLimit(), Color.RED, new BasicStroke(2f));
        limit.setLabel(String.format(Locale.ROOT, "limit %.3g", r.settings().costLimit()));
        limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        cost.getXYPlot().addRangeMarker(limit, Layer.FOREGROUND);
        ChartUtils.saveChartAsPNG(dir.resolve(COST_PNG).toFile(), cost, WIDTH, HEIGHT);
    }

    private static JFreeChart chart(String title, String yLabel, double boundary, XYSeriesCollection data) {
        NumberAxis x = new NumberAxis("episode window");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker phase = new ValueMarker(boundary, Color.DARK_GRAY,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        // Right of the boundary, so a short baseline near the axis does not clip the label.
        phase.setLabel("fine-tuning from here");
        phase.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        phase.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(phase, Layer.FOREGROUND);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String stds(double[] std) {
        StringBuilder sb = new StringBuilder();
        for (double v : std) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", v));
        }
        return sb.toString();
    }

    /** The Markdown summary; {@code ownCost} may be null. */
    static String markdown(Result r, Summary s, OwnCost ownCost) {
        var set = r.settings();
        StringBuilder sb = new StringBuilder();
        sb.append("# Transfer trial\n\n");
        sb.append("- policy: `").append(r.source()).append("` (version ").append(r.startVersion()).append(")\n");
        sb.append("- robot: ").append(r.robot()).append('\n');
        sb.append(String.format(Locale.ROOT, "- windows: %d (baseline %d, fine-tuning %d, %d windows per update)%n",
                set.windows(), set.baselineWindows(), set.windows() - set.baselineWindows(), set.batchWindows()));
        sb.append(String.format(Locale.ROOT,
                "- cost limit %.4g per window; start-safe budget from %.3g x limit, widened by %.3g x limit after a"
                        + " batch with every window below the budget; seed %d%n",
                set.costLimit(), set.startFraction(), set.widenFraction(), set.seed()));
        sb.append("- supervisor: ").append(set.returnsToSafeArea() ? String.format(Locale.ROOT,
                "return into the corridor once the cost plus the way back (from where a robot heading out will be)"
                        + " would reach the budget (margin %d steps, inset %.3g m)", set.returnMarginSteps(),
                set.returnInset()) : "stop where the budget is spent").append("; CPO charged for a window it took over: ")
                .append(set.interventionCharge() == InterventionCharge.BOUND
                        ? "the bound (cost up to the take-over + 1 per remaining step)"
                        : "the measured cost").append("\n\n");
        sb.append("| phase | windows | mean return | mean cost | limit violations | supervisor interventions |\n");
        sb.append("|---|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| baseline (unchanged policy) | %d | %.3f | %.2f ± %.2f | %d | %d |%n",
                s.baselineWindows(), s.baselineReturn(), s.baselineCost(), s.baselineCostStd(), s.baselineViolations(),
                s.baselineInterventions()));
        sb.append(String.format(Locale.ROOT, "| fine-tuning (all windows) | %d | - | - | %d | %d |%n",
                s.fineTuneWindows(), s.fineTuneViolations(), s.fineTuneInterventions()));
        sb.append(String.format(Locale.ROOT, "| fine-tuning (last %d windows) | %d | %.3f | %.2f | - | - |%n%n",
                set.batchWindows(), Math.min(set.batchWindows(), s.fineTuneWindows()), s.lastBatchReturn(),
                s.lastBatchCost()));
        // Updates start from the handed-over version, or from the next one when exploration was raised first.
        sb.append(String.format(Locale.ROOT, "- policy updates: %d (versions %d to %d)%n", s.updates(),
                s.finalVersion() - s.updates(), s.finalVersion()));
        sb.append(String.format(Locale.ROOT, "- largest window cost after the first fine-tuning batch: %.2f"
                + " (%.1f x limit); windows above %.1f x limit: %d%n", s.maxCostAfterFirstBatch(),
                s.maxCostAfterFirstBatch() / set.costLimit(), TOLERANCE_FACTOR, s.windowsOverToleranceAfterFirstBatch()));
        sb.append(String.format(Locale.ROOT, "- final budget: %.3g%n", s.finalBudget()));
        sb.append("- exploration: ").append(Arrays.equals(r.startStd(), r.fineTuneStd())
                ? "the policy's own, standard deviation " + stds(r.startStd())
                : "standard deviation raised from " + stds(r.startStd()) + " to " + stds(r.fineTuneStd())
                        + " before the first fine-tuning window (version " + (r.startVersion() + 1) + ")")
                .append(" (action units)\n\n");
        if (ownCost != null) {
            sb.append(String.format(Locale.ROOT, "## The policy alone, without supervisor%n%n%d stochastic episodes of"
                    + " each policy on the same robot, the same episodes for both (seed %d): what the policy costs"
                    + " when nobody steps in.%n%n", ownCost.before().episodes(), ownCost.seed()));
            sb.append("| policy | mean return | mean cost | episodes over the limit |\n|---|---|---|---|\n");
            ownCostRow(sb, "before fine-tuning (version " + r.startVersion() + ")", ownCost.before());
            ownCostRow(sb, "after fine-tuning (version " + s.finalVersion() + ")", ownCost.after());
            sb.append('\n');
        }
        sb.append("A window's cost counts every step outside the corridor, including steps after the supervisor"
                + " stopped the robot. Files: `" + WINDOWS_CSV + "`, `" + UPDATES_CSV + "`, `" + RETURN_PNG + "`, `"
                + COST_PNG + "`, fine-tuned policy `" + POLICY + "`.\n");
        return sb.toString();
    }

    private static void ownCostRow(StringBuilder sb, String policy, PolicyEvaluation.Result e) {
        sb.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.2f ± %.2f | %d (%.1f %%) |%n", policy,
                e.meanReturn(), e.returnStd(), e.meanCost(), e.costStd(), e.overLimit(), 100 * e.overFraction()));
    }
}
