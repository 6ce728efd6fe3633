package org.cponode.learn;

import org.cponode.parallel.WorkerPool;
import org.cponode.sim.TaskSpec;
import org.cponode.sim.Tasks;

/** Small real checkpoints for tests, written exactly as {@code train} writes them. */
public final class TestCheckpoints {

    private TestCheckpoints() {}

    /**
     * An untrained policy of {@code task} with one hidden layer of 8 units, at version 0, with the task's default
     * limit for each of its constraints.
     */
    public static Checkpoint untrained(String task) {
        TaskSpec t = Tasks.spec(task);
        TrainConfig config = new TrainConfig(task, Algorithm.CPO, 1, 0, t.batchSize(), t.costLimit(), t.gamma(),
                t.gaeLambda(), 1.0, t.costGaeLambda(), new int[] {8}, new int[] {8}, 1.0, 1e-3, 1, 64,
                new TrustRegionConfig(0.01, 10, 1e-10, 1e-5, 0.2, 0.8, 15), 0.01, 0.0, 1)
                .withCostLimits(t.costLimits());
        try (WorkerPool pool = new WorkerPool(1)) {
            return new Trainer(config, () -> Tasks.create(task), t.observationLayout(), pool).checkpoint(0,
                    new double[t.constraints().size()]);
        }
    }
}
