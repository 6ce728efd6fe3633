package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @TempDir
    Path dir;

    private Path csv(String... lines) throws Exception {
        Path f = dir.resolve("progress-" + lines.length + "-" + System.nanoTime() + ".csv");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void statisticsFollowTheirDefinitions() throws Exception {
        // limit 5: violation above 5.5; costs 9, 5.5 (not above), 5.6, 4, 3 -> after warm-up 1: 5.5, 5.6, 4, 3.
        Path f = csv("iteration,return,cost,cost_limit,accepted,sample_s,update_s,value_s,shaped_cost",
                "1,10,9,5,true,1.5,0.5,0.25,9",
                "2,40,5.5,5,true,1,0.5,0.25,6",
                "3,30,5.6,5,false,1,0.5,0.25,7",
                "4,35,4,5,true,1,0.5,0.25,4.5",
                "5,20,3,5,true,1,0.5,0.25,3.5");
        RunSummary s = RunSummary.of("point-circle", "cpo", 4, ProgressTable.read(f), 2, 1);
        assertEquals(5, s.iterations());
        assertEquals(20, s.finalReturn());
        assertEquals(40, s.bestReturn());
        assertEquals(3.5, s.meanCostLast(), 1e-12, "mean of the last 2 costs");
        assertEquals(4.0, s.meanShapedCostLast(), 1e-12);
        assertEquals(0.25, s.violationFraction(), 1e-12, "one of four iterations after the warm-up is above 5.5");
        assertEquals(2.25 + 4 * 1.75, s.wallSeconds(), 1e-12);
        assertEquals(5, s.costLimit());

        RunSummary all = RunSummary.of("point-circle", "cpo", 4, ProgressTable.read(f), 100, 0);
        assertEquals((9 + 5.5 + 5.6 + 4 + 3) / 5, all.meanCostLast(), 1e-12, "K beyond the run takes every iteration");
        assertEquals(0.4, all.violationFraction(), 1e-12);
        assertTrue(Double.isNaN(RunSummary.of("t", "cpo", 4, ProgressTable.read(f), 2, 5).violationFraction()),
                "no iteration past the warm-up");
        assertEquals("t,cpo,4,5,5.00000,20.0000,40.0000,3.50000,4.00000,NaN,9.25",
                RunSummary.of("t", "cpo", 4, ProgressTable.read(f), 2, 5).csv());
    }

    @Test
    void withoutShapedColumnTheShapedCostIsTheCost() throws Exception {
        Path f = csv("iteration,return,cost,cost_limit,sample_s,update_s,value_s", "1,1,0.2,0.1,0,0,0", "2,2,0.05,0.1,0,0,0");
        RunSummary s = RunSummary.of("point-gather", "trpo", 1, ProgressTable.read(f), 1, 0);
        assertEquals(0.05, s.meanShapedCostLast());
        assertEquals(0.5, s.violationFraction());
    }

    @Test
    void spreadIsMeanAndSampleStd() {
        RunSummary.Spread s = RunSummary.Spread.of(List.of(1.0, 2.0, 3.0, 4.0, Double.NaN));
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), s.std(), 1e-12);
        assertEquals(4, s.count());
        assertEquals("2.50 ± 1.29", s.format(2));
        assertEquals(0.0, RunSummary.Spread.of(List.of(7.0)).std());
        assertEquals("n/a", RunSummary.Spread.of(List.of(Double.NaN)).format(2));
    }

    @Test
    void malformedFilesAreNamedErrors() throws Exception {
        Path ragged = csv("iteration,return,cost", "1,2");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProgressTable.read(ragged)).getMessage()
                .contains("line 2 has 2 fields"));
        Path text = csv("iteration,return,cost", "1,abc,0");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProgressTable.read(text)).getMessage()
                .contains("column 'return' is not a number"));
        Path missing = csv("iteration,return", "1,2");
        assertThrows(IllegalArgumentException.class,
                () -> RunSummary.of("t", "cpo", 1, ProgressTable.read(missing), 1, 0));
        Path empty = csv("iteration,return,cost,cost_limit,sample_s,update_s,value_s");
        assertThrows(IllegalArgumentException.class, () -> RunSummary.of("t", "cpo", 1, ProgressTable.read(empty), 1, 0));
    }
}
