package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.Environment;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training with two constraints: every algorithm, the per-constraint columns, multipliers and checkpoints. */
class MultiConstraintTest {

    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    /** Point-Circle with a second constraint the policy controls directly: a step whose first action exceeds 0.5. */
    static Environment twoConstraints() {
        return new ConstraintBenchmark.FurtherConstraints(List.of("corridor", "push"));
    }

    private static TrainConfig config(Algorithm algo, int iterations) {
        return LearningTest.config(algo, iterations, 1500).withCostLimits(new double[] {5.0, 8.0});
    }

    private static Trainer trainer(TrainConfig config) {
        return new Trainer(config, MultiConstraintTest::twoConstraints, "point-circle/v4", POOL);
    }

    @Test
    void everyAlgorithmWritesEachConstraintsColumns(@TempDir Path dir) throws Exception {
        for (Algorithm algo : Algorithm.values()) {
            Trainer t = trainer(config(algo, 2));
            Path run = dir.resolve(algo.id());
            for (int i = 0; i < 2; i++) {
                t.record(run, t.runIteration());
            }
            List<String> lines = Files.readAllLines(run.resolve(Trainer.PROGRESS));
            List<String> header = List.of(lines.get(0).split(","));
            assertEquals(Trainer.CSV_HEADER.split(",").length + 10, header.size());
            String[] row = lines.get(2).split(",");
            assertEquals(header.size(), row.length, algo + ": " + lines.get(2));
            assertEquals("8.00000", row[header.indexOf("limit_push")], algo.id());
            if (algo != Algorithm.CPO) { // CPO's multipliers are NaN for a recovery step, a value of its own
                assertEquals(algo == Algorithm.TRPO, row[header.indexOf("multiplier_push")].equals("NaN"), algo.id());
            }
            assertEquals(algo != Algorithm.CPO, row[header.indexOf("margin_push")].equals("NaN"), algo.id());
            assertTrue(Double.parseDouble(row[header.indexOf("cost_push")]) > 0, algo.id());
            assertEquals(row[header.indexOf("cost")], row[header.indexOf("cost_corridor")], algo.id());
        }
    }

    @Test
    void pdoMovesEachMultiplierByItsOwnViolation() {
        Trainer t = trainer(config(Algorithm.PDO, 2));
        double[] nu = {0, 0};
        double[] limits = {5.0, 8.0};
        for (int i = 0; i < 2; i++) {
            Trainer.Iteration it = t.runIteration();
            for (int k = 0; k < 2; k++) {
                assertEquals(nu[k], it.result().update().constraints().get(k).multiplier(), 0.0);
                nu[k] = Math.max(0.0, nu[k] + 0.01 * (it.constraintCosts()[k] - limits[k]));
            }
            assertArrayEquals(nu, t.learner().algorithmState(), 0.0);
        }
    }

    @Test
    void pidRunsOneControllerPerConstraint() {
        Trainer t = trainer(config(Algorithm.PID, 2));
        PidLagrangian reference = PidLagrangianConfig.OMNISAFE.create(2);
        for (int i = 0; i < 2; i++) {
            Trainer.Iteration it = t.runIteration();
            double[] lambda = reference.update(it.constraintCosts(), new double[] {5.0, 8.0});
            for (int k = 0; k < 2; k++) {
                assertEquals(lambda[k], it.result().update().constraints().get(k).multiplier(), 0.0);
            }
        }
        assertArrayEquals(reference.state(), t.learner().algorithmState(), 0.0);
    }

    @Test
    void aResumedCpoRunEqualsAnUninterruptedOneAndOtherConstraintsAreRefusedByName(@TempDir Path dir)
            throws Exception {
        Trainer[] runs = LearningTest.straightAndResumed(config(Algorithm.CPO, 3), MultiConstraintTest::twoConstraints, dir, POOL);
        Trainer straight = runs[0];
        Trainer resumed = runs[1];
        assertArrayEquals(straight.learner().params(), resumed.learner().params(), 0.0);
        assertArrayEquals(straight.learner().algorithmState(), resumed.learner().algorithmState(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(dir, () -> Tasks.create("point-circle"), "point-circle/v4", POOL, 4));
        assertTrue(e.getMessage().contains("corridor,push") && e.getMessage().contains("cost"), e.getMessage());
    }

    @Test
    void aConfigWithOtherThanTheTasksNumberOfConstraintsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> trainer(LearningTest.config(Algorithm.CPO, 1, 1500)));
    }
}
