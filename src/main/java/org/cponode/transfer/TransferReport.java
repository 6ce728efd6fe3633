package org.cponode.transfer;

import org.cponode.control.InterventionCharge;

import org.cponode.io.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.PolicyEvaluation;
import org.cponode.math.Vectors;
import org.cponode.sim.TaskSpec;
import org.cponode.transfer.TransferTrial.Phase;
import org.cponode.transfer.TransferTrial.Result;
import org.cponode.transfer.TransferTrial.Window;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes a transfer trial's report directory: {@code windows.csv} (one line per window), {@code updates.csv}
 * (one line per policy update), {@code return.png} and {@code cost.png} (per window, with the phase boundary,
 * and for cost the limit and the budget, one panel per constraint when the task has several), {@code summary.md}
 * (the numbers of {@link Summary}) and {@code policy.bin}, the fine-tuned policy as a checkpoint that
 * {@code node} and {@code transfer} load.
 */
public final class TransferReport {

    /** File names inside a report directory. */
    public static final String WINDOWS_CSV = "windows.csv";
    public static final String UPDATES_CSV = "updates.csv";
    public static final String RETURN_PNG = "return.png";
    public static final String COST_PNG = "cost.png";
    public static final String SUMMARY_MD = "summary.md";
    public static final String POLICY = "policy.bin";

    /**
     * Columns of {@code windows.csv} for a task with one constraint; with several, these hold the first
     * constraint's values and {@link #windowsHeader} appends each constraint's.
     */
    public static final String WINDOWS_HEADER =
            "window,phase,policy_version,budget,cost_limit,return,cost,measured_cost,policy_steps,intervention,violation";
    /**
     * Columns of {@code updates.csv} for a task with one constraint; with several, these hold the first
     * constraint's values and {@link #updatesHeader} appends each constraint's.
     */
    public static final String UPDATES_HEADER = "after_window,version,cost_limit,batch_cost,accepted,cpo_case,budget_after";
    /** The columns each constraint adds to {@code windows.csv} when there are several, before its name. */
    private static final List<String> WINDOW_COLUMNS = List.of("budget_", "limit_", "cost_", "measured_cost_",
            "violation_");
    /** The columns each constraint adds to {@code updates.csv} when there are several, before its name. */
    private static final List<String> UPDATE_COLUMNS = List.of("limit_", "batch_cost_", "budget_after_");

    /** The factor of the limit that no fine-tuning window after the first batch may exceed (acceptance). */
    public static final double TOLERANCE_FACTOR = 1.2;

    private static final int WIDTH = 900;
    /** Height of the return plot and of the cost plot of one constraint. */
    private static final int HEIGHT = 450;
    /** Height the cost plot adds for each constraint beyond the first. */
    private static final int PANEL_HEIGHT = 300;
    /** The colours of the cost and the budget in a plot with a panel per constraint. */
    private static final Color COST_COLOUR = new Color(214, 39, 40);
    private static final Color BUDGET_COLOUR = new Color(31, 119, 180);

    /**
     * One constraint's numbers.
     *
     * @param name the constraint
     * @param limit its real limit
     * @param baselineCost mean cost per baseline window
     * @param baselineCostStd standard deviation of the baseline window costs
     * @param baselineViolations baseline windows over its limit
     * @param fineTuneViolations fine-tuning windows over its limit
     * @param lastBatchCost mean cost of the last {@code batch} fine-tuning windows
     * @param maxCostAfterFirstBatch largest window cost in fine-tuning after the first batch (NaN if none)
     * @param windowsOverToleranceAfterFirstBatch those windows with cost above {@link #TOLERANCE_FACTOR} x limit
     * @param finalBudget its budget at the end
     */
    public record ConstraintSummary(String name, double limit, double baselineCost, double baselineCostStd,
            int baselineViolations, int fineTuneViolations, double lastBatchCost, double maxCostAfterFirstBatch,
            int windowsOverToleranceAfterFirstBatch, double finalBudget) {}

    /**
     * The trial's numbers.
     *
     * @param baselineWindows windows in the baseline
     * @param baselineReturn mean return per baseline window
     * @param baselineInterventions baseline windows the supervisor took over
     * @param fineTuneWindows windows in fine-tuning
     * @param fineTuneInterventions fine-tuning windows the supervisor took over
     * @param updates policy updates made
     * @param finalVersion the version of the last policy
     * @param lastBatchReturn mean return of the last {@code batch} fine-tuning windows
     * @param constraints each constraint's numbers, in the task's order
     */
    public record Summary(int baselineWindows, double baselineReturn, int baselineInterventions, int fineTuneWindows,
            int fineTuneInterventions, int updates, long finalVersion, double lastBatchReturn,
            List<ConstraintSummary> constraints) {

        public Summary {
            constraints = List.copyOf(constraints);
        }

        /** Computes the summary of a trial. */
        public static Summary of(Result r) {
            var s = r.settings();
            List<Window> base = r.windows().stream().filter(w -> w.phase() == Phase.BASELINE).toList();
            List<Window> tune = r.windows().stream().filter(w -> w.phase() == Phase.FINE_TUNE).toList();
            List<Window> last = tune.subList(Math.max(0, tune.size() - s.batchWindows()), tune.size());
            List<Window> afterFirst = tune.subList(Math.min(tune.size(), s.batchWindows()), tune.size());
            List<ConstraintSummary> constraints = new ArrayList<>();
            for (int k = 0; k < s.constraints().size(); k++) {
                int at = k;
                TaskSpec.Constraint c = s.constraints().get(k);
                double[] baseCost = base.stream().mapToDouble(w -> w.costs().get(at).cost()).toArray();
                double baseMean = mean(baseCost);
                double tolerance = TOLERANCE_FACTOR * c.limit();
                constraints.add(new ConstraintSummary(c.name(), c.limit(), baseMean,
                        baseCost.length == 0 ? Double.NaN : Vectors.std(baseCost, baseCost.length, baseMean),
                        (int) base.stream().filter(w -> w.costs().get(at).violation()).count(),
                        (int) tune.stream().filter(w -> w.costs().get(at).violation()).count(),
                        mean(last.stream().mapToDouble(w -> w.costs().get(at).cost()).toArray()),
                        afterFirst.stream().mapToDouble(w -> w.costs().get(at).cost()).max().orElse(Double.NaN),
                        (int) afterFirst.stream().filter(w -> w.costs().get(at).cost() > tolerance).count(),
                        tune.isEmpty() ? c.limit() : r.updates().isEmpty() ? tune.getLast().costs().get(k).budget()
                                : r.updates().getLast().costs().get(k).budgetAfter()));
            }
            return new Summary(base.size(), mean(base.stream().mapToDouble(Window::episodeReturn).toArray()),
                    (int) base.stream().filter(Window::intervention).count(), tune.size(),
                    (int) tune.stream().filter(Window::intervention).count(), r.updates().size(), r.finalVersion(),
                    mean(last.stream().mapToDouble(Window::episodeReturn).toArray()), constraints);
        }

        private static double mean(double[] a) {
            return a.length == 0 ? Double.NaN : Vectors.mean(a, a.length);
        }
    }

    /**
     * The policy's own cost before and after fine-tuning: each run alone, without supervisor, for the same
     * episodes on the same robot ({@link PolicyEvaluation}); only where driving unsupervised is harmless, on a
     * simulated robot. It counts the task's first constraint.
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
        writeTables(result.settings().constraintNames(), result.windows(), result.updates(), dir);
        plots(result, dir);
        Files.writeString(dir.resolve(SUMMARY_MD), markdown(result, summary, ownCost), StandardCharsets.UTF_8);
        return summary;
    }

    /**
     * Writes {@code windows.csv} and {@code updates.csv} (each atomically) for the windows and updates so far.
     *
     * @param constraints the names of the task's constraints, in its order
     */
    public static void writeTables(List<String> constraints, List<Window> windows, List<TransferTrial.Update> updates,
            Path dir) throws IOException {
        writeWindows(constraints, windows, dir.resolve(WINDOWS_CSV));
        writeUpdates(constraints, updates, dir.resolve(UPDATES_CSV));
    }

    /**
     * The {@code windows.csv} header of a task with these constraints: {@link #WINDOWS_HEADER} for one, and for
     * several, after it, per constraint {@code budget_<name>}, {@code limit_<name>}, {@code cost_<name>},
     * {@code measured_cost_<name>} and {@code violation_<name>}.
     */
    public static String windowsHeader(List<String> constraints) {
        return header(WINDOWS_HEADER, WINDOW_COLUMNS, constraints);
    }

    /**
     * The {@code updates.csv} header of a task with these constraints: {@link #UPDATES_HEADER} for one, and for
     * several, after it, per constraint {@code limit_<name>}, {@code batch_cost_<name>} and
     * {@code budget_after_<name>}.
     */
    public static String updatesHeader(List<String> constraints) {
        return header(UPDATES_HEADER, UPDATE_COLUMNS, constraints);
    }

    private static String header(String base, List<String> columns, List<String> constraints) {
        StringBuilder sb = new StringBuilder(base);
        if (constraints.size() > 1) {
            for (String name : constraints) {
                for (String column : columns) {
                    sb.append(',').append(column).append(name);
                }
            }
        }
        return sb.toString();
    }

    private static void writeWindows(List<String> constraints, List<Window> windows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(windowsHeader(constraints)).append('\n');
        for (Window w : windows) {
            TransferTrial.WindowCost first = w.costs().getFirst();
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%d,%d", w.window(),
                    w.phase().id(), w.policyVersion(), first.budget(), first.limit(), w.episodeReturn(), first.cost(),
                    first.measuredCost(), w.policySteps(), w.intervention() ? 1 : 0, first.violation() ? 1 : 0));
            if (constraints.size() > 1) {
                for (TransferTrial.WindowCost c : w.costs()) {
                    sb.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g,%.6g,%d", c.budget(), c.limit(), c.cost(),
                            c.measuredCost(), c.violation() ? 1 : 0));
                }
            }
            sb.append(System.lineSeparator());
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeUpdates(List<String> constraints, List<TransferTrial.Update> updates, Path file)
            throws IOException {
        StringBuilder sb = new StringBuilder(updatesHeader(constraints)).append('\n');
        for (TransferTrial.Update u : updates) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%b,%d,%.6g", u.afterWindow(), u.version(),
                    u.costLimit(), u.batchCost(), u.accepted(), u.cpoCase(), u.budgetAfter()));
            if (constraints.size() > 1) {
                for (TransferTrial.UpdateCost c : u.costs()) {
                    sb.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g", c.costLimit(), c.batchCost(),
                            c.budgetAfter()));
                }
            }
            sb.append(System.lineSeparator());
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void plots(Result r, Path dir) throws IOException {
        // Plots are drawn off-screen; without this a machine with no display fails to create fonts.
        System.setProperty("java.awt.headless", "true");
        XYSeries returns = new XYSeries("return per window");
        for (Window w : r.windows()) {
            returns.add(w.window(), w.episodeReturn());
        }
        double boundary = r.settings().baselineWindows() - 0.5;
        JFreeChart ret = chart("Return per episode window: " + r.robot(),
                panel("return", boundary, new XYSeriesCollection(returns)));
        ChartUtils.saveChartAsPNG(dir.resolve(RETURN_PNG).toFile(), ret, WIDTH, HEIGHT);

        List<TaskSpec.Constraint> constraints = r.settings().constraints();
        List<XYPlot> panels = new ArrayList<>();
        for (int k = 0; k < constraints.size(); k++) {
            XYSeries costs = new XYSeries("cost per window");
            XYSeries budgets = new XYSeries("supervisor budget");
            for (Window w : r.windows()) {
                costs.add(w.window(), w.costs().get(k).cost());
                budgets.add(w.window(), w.costs().get(k).budget());
            }
            XYSeriesCollection costData = new XYSeriesCollection(costs);
            costData.addSeries(budgets);
            TaskSpec.Constraint c = constraints.get(k);
            XYPlot panel = panel(constraints.size() == 1 ? "cost (steps outside the corridor)" : "cost " + c.name(),
                    boundary, costData);
            ValueMarker limit = new ValueMarker(c.limit(), Color.RED, new BasicStroke(2f));
            limit.setLabel(String.format(Locale.ROOT, "limit %.3g", c.limit()));
            limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            panel.addRangeMarker(limit, Layer.FOREGROUND);
            panels.add(panel);
        }
        JFreeChart cost;
        if (panels.size() == 1) {
            cost = chart("Cost per episode window: " + r.robot(), panels.getFirst());
        } else {
            NumberAxis window = windowAxis();
            CombinedDomainXYPlot combined = new CombinedDomainXYPlot(window);
            combined.setGap(12);
            Shape[] shapes = DefaultDrawingSupplier.createStandardSeriesShapes();
            for (int k = 0; k < panels.size(); k++) {
                XYItemRenderer renderer = panels.get(k).getRenderer();
                // Every panel draws a cost and a budget, looking the same: one legend entry each.
                renderer.setSeriesPaint(0, COST_COLOUR);
                renderer.setSeriesPaint(1, BUDGET_COLOUR);
                renderer.setSeriesShape(0, shapes[0]);
                renderer.setSeriesShape(1, shapes[1]);
                renderer.setDefaultSeriesVisibleInLegend(k == 0);
                combined.add(panels.get(k), 1);
            }
            cost = chart("Cost per episode window, per constraint: " + r.robot(), combined);
        }
        ChartUtils.saveChartAsPNG(dir.resolve(COST_PNG).toFile(), cost, WIDTH,
                HEIGHT + PANEL_HEIGHT * (panels.size() - 1));
    }

    private static NumberAxis windowAxis() {
        NumberAxis x = new NumberAxis("episode window");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return x;
    }

    /** A plot of per-window values with the phase boundary, its own window axis (unused inside a combined plot). */
    private static XYPlot panel(String yLabel, double boundary, XYSeriesCollection data) {
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, windowAxis(), y, renderer);
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
        return plot;
    }

    private static JFreeChart chart(String title, XYPlot plot) {
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
        List<ConstraintSummary> cs = s.constraints();
        boolean one = cs.size() == 1;
        if (one) {
            sb.append(String.format(Locale.ROOT,
                    "- cost limit %.4g per window; start-safe budget from %.3g x limit, widened by %.3g x limit after a"
                            + " batch with every window below the budget; seed %d%n",
                    cs.getFirst().limit(), set.startFraction(), set.widenFraction(), set.seed()));
        } else {
            sb.append(String.format(Locale.ROOT,
                    "- cost limits per window: %s; each constraint's start-safe budget from %.3g x its limit, widened"
                            + " by %.3g x its limit after a batch with every window below that budget; seed %d%n",
                    each(cs, c -> String.format(Locale.ROOT, "%.4g", c.limit())), set.startFraction(),
                    set.widenFraction(), set.seed()));
        }
        sb.append("- supervisor: ").append(set.returnsToSafeArea() ? String.format(Locale.ROOT,
                "return into the corridor once the cost plus the way back (from where a robot heading out will be)"
                        + " would reach the budget (margin %d steps, inset %.3g m)", set.returnMarginSteps(),
                set.returnInset()) : "stop where the budget is spent").append("; CPO charged for a window it took over: ")
                .append(set.interventionCharge() == InterventionCharge.BOUND
                        ? "the bound (cost up to the take-over + 1 per remaining step)"
                        : "the measured cost").append("\n\n");
        // One cost and one violation column per constraint, named after it when there are several.
        sb.append("| phase | windows | mean return | ");
        for (ConstraintSummary c : cs) {
            String of = one ? "" : " (" + c.name() + ")";
            sb.append("mean cost").append(of).append(" | limit violations").append(of).append(" | ");
        }
        sb.append("supervisor interventions |\n|---|---|---|").append("---|---|".repeat(cs.size())).append("---|\n");
        sb.append(String.format(Locale.ROOT, "| baseline (unchanged policy) | %d | %.3f | ", s.baselineWindows(),
                s.baselineReturn()));
        for (ConstraintSummary c : cs) {
            sb.append(String.format(Locale.ROOT, "%.2f ± %.2f | %d | ", c.baselineCost(), c.baselineCostStd(),
                    c.baselineViolations()));
        }
        sb.append(s.baselineInterventions()).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| fine-tuning (all windows) | %d | - | ", s.fineTuneWindows()));
        for (ConstraintSummary c : cs) {
            sb.append("- | ").append(c.fineTuneViolations()).append(" | ");
        }
        sb.append(s.fineTuneInterventions()).append(" |\n");
        sb.append(String.format(Locale.ROOT, "| fine-tuning (last %d windows) | %d | %.3f | ", set.batchWindows(),
                Math.min(set.batchWindows(), s.fineTuneWindows()), s.lastBatchReturn()));
        for (ConstraintSummary c : cs) {
            sb.append(String.format(Locale.ROOT, "%.2f | - | ", c.lastBatchCost()));
        }
        sb.append("- |\n\n");
        // Updates start from the handed-over version, or from the next one when exploration was raised first.
        sb.append(String.format(Locale.ROOT, "- policy updates: %d (versions %d to %d)%n", s.updates(),
                s.finalVersion() - s.updates(), s.finalVersion()));
        for (ConstraintSummary c : cs) {
            sb.append(String.format(Locale.ROOT, "- %slargest window cost after the first fine-tuning batch: %.2f"
                    + " (%.1f x limit); windows above %.1f x limit: %d%n", one ? "" : c.name() + ": ",
                    c.maxCostAfterFirstBatch(), c.maxCostAfterFirstBatch() / c.limit(), TOLERANCE_FACTOR,
                    c.windowsOverToleranceAfterFirstBatch()));
        }
        sb.append(one ? String.format(Locale.ROOT, "- final budget: %.3g%n", cs.getFirst().finalBudget())
                : "- final budgets: " + each(cs, c -> String.format(Locale.ROOT, "%.3g", c.finalBudget())) + "\n");
        sb.append("- exploration: ").append(Arrays.equals(r.startStd(), r.fineTuneStd())
                ? "the policy's own, standard deviation " + stds(r.startStd())
                : "standard deviation raised from " + stds(r.startStd()) + " to " + stds(r.fineTuneStd())
                        + " before the first fine-tuning window (version " + (r.startVersion() + 1) + ")")
                .append(" (action units)\n\n");
        if (ownCost != null) {
            sb.append(String.format(Locale.ROOT, "## The policy alone, without supervisor%n%n%d stochastic episodes of"
                    + " each policy on the same robot, the same episodes for both (seed %d): what the policy costs"
                    + " when nobody steps in.%s%n%n", ownCost.before().episodes(), ownCost.seed(), one ? ""
                    : " Each constraint's episodes over the limit count against its own limit."));
            if (one) {
                sb.append("| policy | mean return | mean cost | episodes over the limit |\n|---|---|---|---|\n");
            } else {
                sb.append("| policy | mean return |");
                for (PolicyEvaluation.ConstraintCost c : ownCost.before().constraints()) {
                    sb.append(" mean cost (").append(c.name()).append(") | episodes over the limit (")
                            .append(c.name()).append(") |");
                }
                sb.append("\n|---|---|").append("---|---|".repeat(ownCost.before().constraints().size()))
                        .append('\n');
            }
            ownCostRow(sb, "before fine-tuning (version " + r.startVersion() + ")", ownCost.before());
            ownCostRow(sb, "after fine-tuning (version " + s.finalVersion() + ")", ownCost.after());
            sb.append('\n');
        }
        sb.append(one ? "A window's cost counts every step outside the corridor, including steps after the supervisor"
                + " stopped the robot." : "A window's cost of a constraint counts every step that constraint charges,"
                + " including steps after the supervisor took over.").append(" Files: `" + WINDOWS_CSV + "`, `" + UPDATES_CSV + "`, `" + RETURN_PNG + "`, `"
                + COST_PNG + "`, fine-tuned policy `" + POLICY + "`.\n");
        return sb.toString();
    }

    /** Each constraint's name and value, e.g. {@code outside 20, speed 10}. */
    private static String each(List<ConstraintSummary> constraints, Function<ConstraintSummary, String> value) {
        StringBuilder sb = new StringBuilder();
        for (ConstraintSummary c : constraints) {
            sb.append(sb.isEmpty() ? "" : ", ").append(c.name()).append(' ').append(value.apply(c));
        }
        return sb.toString();
    }

    private static void ownCostRow(StringBuilder sb, String policy, PolicyEvaluation.Result e) {
        sb.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f |", policy, e.meanReturn(), e.returnStd()));
        for (PolicyEvaluation.ConstraintCost c : e.constraints()) {
            sb.append(String.format(Locale.ROOT, " %.2f ± %.2f | %d (%.1f %%) |", c.meanCost(), c.costStd(),
                    c.overLimit(), 100.0 * c.overLimit() / e.episodes()));
        }
        sb.append(String.format("%n"));
    }
}
