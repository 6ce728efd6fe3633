package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short point-circle runs: CPO learns while tracking the cost limit; TRPO on the same budget violates it. */
class LearningTest {

    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    static TrainConfig config(Algorithm algo, int iterations, int batch) {
        TaskSpec t = Tasks.spec("point-circle");
        return new TrainConfig(t.name(), algo, 1, iterations, batch, t.costLimit(), t.gamma(), t.gaeLambda(), 1.0,
                t.costGaeLambda(), new int[] {64, 32}, new int[] {64, 32}, 1.0, 1e-3, 5, 128,
                TrustRegionConfig.PAPER, 0.01, 0.0, 8);
    }

    /**
     * Runs {@code cfg} for 3 iterations straight, and for 2 into {@code dir} then resumed for the third; returns
     * both trainers, the straight one first.
     */
    static Trainer[] straightAndResumed(TrainConfig cfg, java.util.function.Supplier<org.cponode.sim.Environment> envs,
            Path dir, WorkerPool pool) throws java.io.IOException {
        Trainer straight = new Trainer(cfg.withIterations(3), envs, "point-circle/v4", pool);
        for (int i = 0; i < 3; i++) {
            straight.runIteration();
        }
        Trainer first = new Trainer(cfg.withIterations(2), envs, "point-circle/v4", pool);
        for (int i = 0; i < 2; i++) {
            first.record(dir, first.runIteration());
        }
        Trainer resumed = Trainer.resume(dir, envs, "point-circle/v4", pool, 3);
        resumed.record(dir, resumed.runIteration());
        return new Trainer[] {straight, resumed};
    }

    static double[][] run(Algorithm algo, int iterations, int batch) {
        Trainer t = new Trainer(config(algo, iterations, batch), () -> Tasks.create("point-circle"), "point-circle/v4", POOL);
        double[][] rc = new double[2][iterations];
        for (int i = 0; i < iterations; i++) {
            Trainer.Iteration it = t.runIteration();
            rc[0][i] = it.averageReturn();
            rc[1][i] = it.averageCost();
        }
        return rc;
    }

    static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    @Test
    void cpoImprovesReturnAndTracksTheLimitWhileTrpoViolatesIt() {
        int iterations = 20;
        double[][] cpo = run(Algorithm.CPO, iterations, 6000);
        double[][] trpo = run(Algorithm.TRPO, iterations, 6000);
        double limit = Tasks.spec("point-circle").costLimit();
        double cpoCost = mean(cpo[1], 10, iterations);
        double trpoCost = mean(trpo[1], 10, iterations);
        String report = "CPO return " + mean(cpo[0], 0, 5) + " -> " + mean(cpo[0], iterations - 5, iterations)
                + ", CPO cost " + cpoCost + ", TRPO cost " + trpoCost;
        assertTrue(mean(cpo[0], iterations - 5, iterations) > mean(cpo[0], 0, 5) + 2.0, report);
        assertTrue(cpoCost < 1.6 * limit && cpoCost > 0.4 * limit, "CPO cost should stay near the limit: " + report);
        assertTrue(trpoCost > 4 * limit, "TRPO should violate the limit: " + report);
    }

    @Test
    void sameSeedSameRunAndResumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
        TrainConfig cfg = config(Algorithm.PDO, 3, 1500);
        Trainer straight = new Trainer(cfg, () -> Tasks.create("point-circle"), "point-circle/v4", POOL);
        for (int i = 0; i < 3; i++) {
            straight.record(dir.resolve("a"), straight.runIteration());
        }
        Trainer first = new Trainer(cfg.withIterations(2), () -> Tasks.create("point-circle"), "point-circle/v4", POOL);
        for (int i = 0; i < 2; i++) {
            first.record(dir.resolve("b"), first.runIteration());
        }
        try (WorkerPool one = new WorkerPool(1)) { // also: another thread count gives the same numbers
            Trainer resumed = Trainer.resume(dir.resolve("b"), () -> Tasks.create("point-circle"), "point-circle/v4", one, 3);
            assertEquals(2, resumed.iteration());
            resumed.record(dir.resolve("b"), resumed.runIteration());
            assertArrayEquals(straight.learner().params(), resumed.learner().params(), 0.0);
        }
        List<String> a = Files.readAllLines(dir.resolve("a").resolve(Trainer.PROGRESS));
        List<String> b = Files.readAllLines(dir.resolve("b").resolve(Trainer.PROGRESS));
        assertEquals(4, b.size());
        for (int i = 0; i < 4; i++) { // identical except the timing columns
            assertEquals(withoutTimes(a.get(i)), withoutTimes(b.get(i)));
        }
    }

    /** progress.csv keeps its placeholders where an algorithm has no value: the columns are a contract. */
    @Test
    void progressRowsHoldPlaceholdersWhereAnAlgorithmHasNoValue() {
        java.util.List<String> header = java.util.Arrays.asList(Trainer.CSV_HEADER.split(","));
        int kase = header.indexOf("cpo_case");
        int nu = header.indexOf("nu");
        int margin = header.indexOf("cost_margin");
        for (Algorithm algo : Algorithm.values()) {
            String[] row = new Trainer(config(algo, 1, 1500), () -> Tasks.create("point-circle"), "point-circle/v4", POOL)
                    .runIteration().csv().split(",");
            String what = algo + ": " + String.join(",", row);
            assertEquals(algo == Algorithm.CPO, !row[kase].equals("-1"), what);
            if (algo != Algorithm.CPO) { // CPO's nu is NaN for a recovery step, a value of its own
                assertEquals(algo == Algorithm.TRPO, row[nu].equals("NaN"), what);
            }
            assertEquals(algo != Algorithm.CPO, row[margin].equals("NaN"), what);
        }
    }

    /** A run whose progress.csv predates the cost_margin column resumes with that column filled as NaN. */
    @Test
    void resumingARunWithAnOlderProgressFilePadsItsRows(@TempDir Path dir) throws Exception {
        TrainConfig cfg = config(Algorithm.CPO, 2, 1500);
        Trainer first = new Trainer(cfg, () -> Tasks.create("point-circle"), "point-circle/v4", POOL);
        for (int i = 0; i < 2; i++) {
            first.record(dir, first.runIteration());
        }
        Path csv = dir.resolve(Trainer.PROGRESS);
        List<String> old = Files.readAllLines(csv).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList(); // drop the newest column
        Files.write(csv, old);
        Trainer resumed = Trainer.resume(dir, () -> Tasks.create("point-circle"), "point-circle/v4", POOL, 3);
        resumed.record(dir, resumed.runIteration());
        List<String> lines = Files.readAllLines(csv);
        int columns = Trainer.CSV_HEADER.split(",").length;
        assertEquals(Trainer.CSV_HEADER, lines.get(0));
        for (String line : lines) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertTrue(lines.get(1).endsWith(",NaN") && lines.get(2).endsWith(",NaN"), "old rows: not recorded then");
        assertTrue(!lines.get(3).endsWith(",NaN"), "the new row has its margin: " + lines.get(3));
    }

    private static String withoutTimes(String line) {
        String[] f = line.split(",");
        return String.join(",", java.util.Arrays.copyOfRange(f, 0, 15)) + "," + f[18];
    }
}
