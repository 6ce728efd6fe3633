package org.cponode.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cponode.task.CircleGeometry;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** PNG charts with JFreeChart, rendered headless: learning curves and Circle trajectories. */
public final class Charts {

    // First, before any AWT class decides: charts render off-screen, also on machines without a display.
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One colour per algorithm, shaped or not: CPO blue, PDO green, PID purple, TRPO red. */
    private static final Map<String, Color> COLOURS = Map.of("cpo", new Color(31, 119, 180), "pdo", new Color(44, 160, 44),
            "pid", new Color(148, 103, 189), "trpo", new Color(214, 39, 40));
    private static final Color[] EPISODE_COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(148, 103, 189), new Color(140, 86, 75)};
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

    private Charts() {}

    /**
     * One cost panel of the learning curves: a {@code progress.csv} column and the limit drawn over it.
     *
     * @param axis the panel's axis label
     * @param column the cost column ({@code cost}, or {@code cost_<name>} for one of several constraints)
     * @param limit the constraint's limit d
     */
    public record CostPanel(String axis, String column, double limit) {

        /** The panels of a run on a task with these constraints and limits: one per constraint. */
        public static List<CostPanel> of(List<String> constraints, double[] limits) {
            if (constraints.size() != limits.length) {
                throw new IllegalArgumentException(constraints.size() + " constraints but " + limits.length + " limits");
            }
            if (constraints.size() == 1) {
                return List.of(new CostPanel("average episode cost C", "cost", limits[0]));
            }
            List<CostPanel> panels = new ArrayList<>();
            for (int i = 0; i < limits.length; i++) {
                panels.add(new CostPanel("cost " + constraints.get(i), "cost_" + constraints.get(i), limits[i]));
            }
            return panels;
        }
    }

    /**
     * Return (top) and cost (one panel below per constraint) against iteration: per algorithm the mean over seeds
     * as a line and mean ± one sample standard deviation as a band, and each constraint's limit as a dashed line
     * (the paper's Fig. 1).
     *
     * @param runs per algorithm label, the progress tables of its seeds
     */
    public static void learningCurves(String title, Map<String, List<ProgressTable>> runs, List<CostPanel> costs,
            Path png) throws IOException {
        save(learningCurvesChart(title, runs, costs), png, 1000, 500 + 300 * costs.size());
    }

    static JFreeChart learningCurvesChart(String title, Map<String, List<ProgressTable>> runs, List<CostPanel> costs) {
        YIntervalSeriesCollection returns = new YIntervalSeriesCollection();
        List<YIntervalSeriesCollection> costSeries = costs.stream().map(c -> new YIntervalSeriesCollection()).toList();
        for (Map.Entry<String, List<ProgressTable>> e : runs.entrySet()) {
            List<ProgressTable> seeds = e.getValue();
            String name = e.getKey() + " (" + seeds.size() + (seeds.size() == 1 ? " seed)" : " seeds)");
            returns.addSeries(band(name, seeds, "return"));
            for (int i = 0; i < costs.size(); i++) {
                costSeries.get(i).addSeries(band(name, seeds, costs.get(i).column()));
            }
        }
        NumberAxis iteration = new NumberAxis("iteration");
        iteration.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(iteration);
        plot.setGap(12);
        XYPlot top = new XYPlot(returns, null, new NumberAxis("average episode return"), bandRenderer(runs));
        style(top);
        plot.add(top, 1);
        for (int i = 0; i < costs.size(); i++) {
            CostPanel panel = costs.get(i);
            XYPlot bottom = new XYPlot(costSeries.get(i), null, new NumberAxis(panel.axis()), bandRenderer(runs));
            // Every panel draws the same algorithms: one legend entry each.
            bottom.getRenderer().setDefaultSeriesVisibleInLegend(false);
            ValueMarker limit = new ValueMarker(panel.limit(), Color.BLACK, DASHED);
            limit.setLabel(String.format(Locale.ROOT, "limit d = %.3g", panel.limit()));
            limit.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            limit.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            limit.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            bottom.addRangeMarker(limit);
            ((NumberAxis) bottom.getRangeAxis()).setAutoRangeIncludesZero(true);
            style(bottom);
            plot.add(bottom, 1);
        }
        return new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
    }

    private static YIntervalSeries band(String name, List<ProgressTable> seeds, String column) {
        YIntervalSeries s = new YIntervalSeries(name);
        int longest = seeds.stream().mapToInt(ProgressTable::rows).max().orElse(0);
        List<double[]> columns = seeds.stream().map(t -> t.column(column)).toList();
        for (int i = 0; i < longest; i++) {
            int at = i;
            RunSummary.Spread spread = RunSummary.Spread.of(
                    columns.stream().filter(c -> c.length > at).map(c -> c[at]).toList());
            s.add(i + 1, spread.mean(), spread.mean() - spread.std(), spread.mean() + spread.std());
        }
        return s;
    }

    private static DeviationRenderer bandRenderer(Map<String, List<ProgressTable>> runs) {
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.2f);
        int i = 0;
        for (String label : runs.keySet()) {
            Color c = COLOURS.getOrDefault(label.replace("+shaping", ""), EPISODE_COLOURS[i % EPISODE_COLOURS.length]);
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
            r.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        return r;
    }

    /**
     * The paths of a policy on a Circle task, with the target circle (dashed) and the safe corridor
     * {@code |x| <= x_lim} (its two boundaries as solid lines, the allowed side between them), equal axis scales.
     */
    public static void trajectories(String title, List<Trajectories.Episode> episodes, CircleGeometry g, Path png)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        double extent = 1.25 * g.targetRadius();
        for (int e = 0; e < episodes.size(); e++) {
            Trajectories.Episode ep = episodes.get(e);
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "episode %d: return %.1f, cost %.0f", e + 1,
                    ep.episodeReturn(), ep.episodeCost()), false, true);
            for (int i = 0; i < ep.x().length; i++) {
                s.add(ep.x()[i], ep.y()[i]);
                extent = Math.max(extent, 1.05 * Math.max(Math.abs(ep.x()[i]), Math.abs(ep.y()[i])));
            }
            data.addSeries(s);
        }
        XYSeries circle = new XYSeries("target circle r = " + fmt(g.targetRadius()), false, true);
        for (int i = 0; i <= 360; i++) {
            double a = Math.toRadians(i);
            circle.add(g.targetRadius() * Math.cos(a), g.targetRadius() * Math.sin(a));
        }
        XYSeries left = new XYSeries("safe area |x| <= " + fmt(g.xLimit()), false, true);
        left.add(-g.xLimit(), -extent);
        left.add(-g.xLimit(), extent);
        XYSeries right = new XYSeries("right boundary", false, true);
        right.add(g.xLimit(), -extent);
        right.add(g.xLimit(), extent);
        int paths = data.getSeriesCount();
        data.addSeries(circle);
        data.addSeries(left);
        data.addSeries(right);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < paths; i++) {
            r.setSeriesPaint(i, EPISODE_COLOURS[i % EPISODE_COLOURS.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        r.setSeriesPaint(paths, Color.GRAY);
        r.setSeriesStroke(paths, DASHED);
        r.setSeriesPaint(paths + 1, Color.BLACK);
        r.setSeriesStroke(paths + 1, new BasicStroke(2.5f));
        r.setSeriesPaint(paths + 2, Color.BLACK);
        r.setSeriesStroke(paths + 2, new BasicStroke(2.5f));
        r.setSeriesVisibleInLegend(paths + 2, false);
        NumberAxis xAxis = new NumberAxis("x");
        NumberAxis yAxis = new NumberAxis("y");
        xAxis.setRange(-extent, extent);
        yAxis.setRange(-extent, extent);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        style(plot);
        plot.addDomainMarker(new IntervalMarker(-g.xLimit(), g.xLimit(), new Color(0, 170, 0, 40)));
        save(new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true), png, 850, 900);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
    }

    private static void save(JFreeChart chart, Path png, int width, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    }
}
