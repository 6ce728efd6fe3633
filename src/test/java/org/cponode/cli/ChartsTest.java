package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cponode.learn.Trainer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning curves draw one cost panel per constraint, each with its own column and limit. */
class ChartsTest {

    /** A progress.csv in the trainer's own header for these constraints; cell (row, column) = seed + row + column / 100. */
    private static ProgressTable progress(Path dir, List<String> constraints, int seed) throws Exception {
        String header = Trainer.header(constraints);
        int columns = header.split(",").length;
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < columns; c++) {
                csv.append(c == 0 ? "" : ",").append(seed + row + c / 100.0);
            }
            csv.append('\n');
        }
        Path file = dir.resolve("progress-" + seed + ".csv");
        Files.writeString(file, csv);
        return ProgressTable.read(file);
    }

    @Test
    void twoConstraintsGiveTwoCostPanelsWithTheirLimits(@TempDir Path dir) throws Exception {
        List<String> constraints = List.of("outside", "speed");
        List<ProgressTable> seeds = List.of(progress(dir, constraints, 1), progress(dir, constraints, 3));
        List<Charts.CostPanel> panels = Charts.CostPanel.of(constraints, new double[] {20, 10});
        JFreeChart chart = Charts.learningCurvesChart("grid", Map.of("cpo", seeds), panels);
        @SuppressWarnings("unchecked")
        List<XYPlot> plots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        assertEquals(3, plots.size(), "return and one panel per constraint");
        assertEquals("cost speed", plots.get(2).getRangeAxis().getLabel());
        assertEquals(20.0, ((ValueMarker) plots.get(1).getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue());
        assertEquals(10.0, ((ValueMarker) plots.get(2).getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue());
        double[] speed = seeds.get(0).column("cost_speed");
        double[] speed3 = seeds.get(1).column("cost_speed");
        assertEquals((speed[1] + speed3[1]) / 2, plots.get(2).getDataset().getYValue(0, 1), 1e-12,
                "the speed panel draws the mean of the seeds' cost_speed");
        assertTrue(speed[1] != seeds.get(0).column("cost_outside")[1], "the columns differ, so a wrong one is seen");
        Charts.learningCurves("grid", Map.of("cpo", seeds), panels, dir.resolve("curves.png"));
        assertTrue(Files.size(dir.resolve("curves.png")) > 1000);
    }

    @Test
    void oneConstraintKeepsTheCostColumnAndPanel() {
        assertEquals(List.of(new Charts.CostPanel("average episode cost C", "cost", 5)),
                Charts.CostPanel.of(List.of("outside"), new double[] {5}));
        assertThrows(IllegalArgumentException.class, () -> Charts.CostPanel.of(List.of("a", "b"), new double[] {1}));
    }
}
