package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --algo pid} by definition: the multiplier is {@link PidLagrangian}'s for the batches' costs, set before
 * each step, and the step is PDO's for that penalty.
 */
class TrpoPidTest {

    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static Trainer trainer(TrainConfig config) {
        return new Trainer(config, () -> Tasks.create("point-circle"), "point-circle/v4", POOL);
    }

    @Test
    void multipliersFollowThePidControllerOfTheBatchCostsAndSetTheStep() {
        Trainer pid = trainer(LearningTest.config(Algorithm.PID, 3, 1500));
        PidLagrangian reference = PidLagrangianConfig.OMNISAFE.create(1);
        for (int i = 0; i < 3; i++) {
            double[] before = pid.learner().params().clone();
            Trainer.Iteration it = pid.runIteration();
            double lambda = reference.update(new double[] {it.shapedCost()}, new double[] {it.costLimit()})[0];
            assertEquals(lambda, ((UpdateDetails.PidDetails) it.result().update().details()).lambda(), 0.0);
            assertArrayEquals(reference.state(), pid.learner().algorithmState(), 0.0);
            if (i == 0) {
                // PDO's first step uses nu_0: with nu_0 = lambda it must be the same step, bit for bit.
                Trainer pdo = trainer(LearningTest.config(Algorithm.PDO, 1, 1500).withPdoInitialNu(lambda));
                assertArrayEquals(before, pdo.learner().params(), 0.0);
                pdo.runIteration();
                assertArrayEquals(pid.learner().params(), pdo.learner().params(), 0.0);
            }
        }
    }

    @Test
    void aResumedRunContinuesWithTheSavedController(@TempDir Path dir) throws Exception {
        Trainer[] runs = LearningTest.straightAndResumed(LearningTest.config(Algorithm.PID, 3, 1500),
                () -> Tasks.create("point-circle"), dir, POOL);
        Trainer straight = runs[0];
        Trainer resumed = runs[1];
        assertArrayEquals(straight.learner().algorithmState(), resumed.learner().algorithmState(), 0.0);
        assertArrayEquals(straight.learner().params(), resumed.learner().params(), 0.0);
    }
}
