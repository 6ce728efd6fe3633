package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StartSafeBudgetTest {

    @Test
    void startsAtTheFractionAndWidensOnlyAfterBatchesWithinBudget() {
        StartSafeBudget b = new StartSafeBudget(20, 0.5, 0.1);
        assertEquals(10, b.current(), 1e-12);
        assertFalse(b.afterBatch(new double[] {3, 12, 0}, 3), "one window above the budget: no widening");
        assertEquals(10, b.current(), 1e-12);
        assertFalse(b.afterBatch(new double[] {10, 0}, 2), "a window at the budget made the supervisor stop");
        assertEquals(10, b.current(), 1e-12);
        assertTrue(b.afterBatch(new double[] {9.5, 0, 4}, 3));
        assertEquals(12, b.current(), 1e-12);
        assertTrue(b.afterBatch(new double[] {11.9, 99}, 1), "only the batch's windows count");
        assertEquals(14, b.current(), 1e-12);
    }

    @Test
    void neverExceedsTheRealLimitNorShrinks() {
        StartSafeBudget b = new StartSafeBudget(20, 0.3, 0.15);
        SplittableRandom rng = new SplittableRandom(3);
        double previous = b.current();
        for (int batch = 0; batch < 200; batch++) {
            double[] costs = new double[5];
            for (int i = 0; i < costs.length; i++) {
                costs[i] = rng.nextDouble(0, 25);
            }
            b.afterBatch(costs, costs.length);
            assertTrue(b.current() >= previous, "never shrinks");
            assertTrue(b.current() <= 20, "never above the limit: " + b.current());
            previous = b.current();
        }
        StartSafeBudget c = new StartSafeBudget(20, 0.9, 0.5);
        assertTrue(c.afterBatch(new double[] {0}, 1));
        assertEquals(20, c.current(), 1e-12, "the last widening stops at the limit");
        assertFalse(c.afterBatch(new double[] {0}, 1), "at the limit there is nothing to widen");
        assertEquals(20, c.current(), 1e-12);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new StartSafeBudget(0, 0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StartSafeBudget(20, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StartSafeBudget(20, 1.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StartSafeBudget(20, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new StartSafeBudget(20, 0.5, 0.1).afterBatch(new double[2], 0));
    }
}
