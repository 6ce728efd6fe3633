package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;
import org.cponode.sim.StepOutcome;
import org.junit.jupiter.api.Test;

class ConstraintBenchmarkTest {

    @Test
    void furtherConstraintsWatchEachActionComponentOnEachSide() {
        ConstraintBenchmark.FurtherConstraints env = new ConstraintBenchmark.FurtherConstraints(3);
        assertEquals(List.of("cost", "action1", "action2", "action3"), env.constraintNames());
        double[] obs = new double[env.observationSize()];
        StepOutcome out = new StepOutcome();
        SplittableRandom rng = new SplittableRandom(1);
        env.reset(rng, obs);
        env.step(new double[] {0.6, -0.6}, rng, obs, out);
        assertEquals(1.0, out.furtherCosts[0]);
        assertEquals(0.0, out.furtherCosts[1]);
        assertEquals(0.0, out.furtherCosts[2], "action 0 is not below -0.5");
        env.step(new double[] {-0.6, 0.6}, rng, obs, out);
        assertEquals(0.0, out.furtherCosts[0]);
        assertEquals(1.0, out.furtherCosts[1]);
        assertEquals(1.0, out.furtherCosts[2]);
    }

    @Test
    void timesTheUpdateOfARunWithMConstraints() {
        try (WorkerPool pool = new WorkerPool(1)) {
            ConstraintBenchmark.Timing t = ConstraintBenchmark.run(2, 1000, 2, pool);
            assertEquals(2, t.constraints());
            assertTrue(t.updateSeconds() > 0 && t.sampleSeconds() > 0, t.toString());
            assertThrows(IllegalArgumentException.class, () -> ConstraintBenchmark.run(0, 1000, 2, pool));
        }
    }
}
