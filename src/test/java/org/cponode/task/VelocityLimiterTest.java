package org.cponode.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VelocityLimiterTest {

    private static final double DT = 0.05;

    @Test
    void clampsThenSlewsByAccelerationTimesPeriod() {
        VelocityLimiter limiter = new VelocityLimiter(0.22, 2.84, 2.5, 3.2);
        limiter.update(1.0, -10.0, DT);
        // 2.5 * 0.05 = 0.125 m/s and 3.2 * 0.05 = 0.16 rad/s per step
        assertEquals(0.125, limiter.linear(), 1e-15);
        assertEquals(-0.16, limiter.angular(), 1e-15);
        limiter.update(1.0, -10.0, DT);
        assertEquals(0.22, limiter.linear(), 0, "clamped target reached");
        assertEquals(-0.32, limiter.angular(), 1e-15);
        limiter.update(0.1, 0.0, DT);
        assertEquals(0.1, limiter.linear(), 0, "a reachable target is taken exactly");
    }

    @Test
    void randomCommandsNeverExceedSpeedOrAccelerationLimits() {
        DiffDriveModel m = DiffDriveModel.BURGER;
        VelocityLimiter limiter = VelocityLimiter.forModel(m);
        SplittableRandom rng = new SplittableRandom(4);
        double prevV = 0;
        double prevW = 0;
        for (int i = 0; i < 100_000; i++) {
            limiter.update(rng.nextDouble(-3, 3), rng.nextDouble(-30, 30), DT);
            assertTrue(Math.abs(limiter.linear()) <= m.maxLinearVelocity());
            assertTrue(Math.abs(limiter.angular()) <= m.maxAngularVelocity());
            assertTrue(Math.abs(limiter.linear() - prevV) <= m.maxLinearAcceleration() * DT + 1e-12);
            assertTrue(Math.abs(limiter.angular() - prevW) <= m.maxAngularAcceleration() * DT + 1e-12);
            prevV = limiter.linear();
            prevW = limiter.angular();
        }
    }

    @Test
    void aSecondIdenticalLimiterPassesLimitedCommandsThroughExactly() {
        VelocityLimiter first = VelocityLimiter.forModel(DiffDriveModel.BURGER);
        VelocityLimiter second = VelocityLimiter.forModel(DiffDriveModel.BURGER);
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            first.update(rng.nextDouble(-1, 1), rng.nextDouble(-10, 10), DT);
            second.update(first.linear(), first.angular(), DT);
            assertEquals(first.linear(), second.linear(), 0);
            assertEquals(first.angular(), second.angular(), 0);
        }
    }

    @Test
    void resetSetsTheStartingPoint() {
        VelocityLimiter limiter = new VelocityLimiter(1, 1, 1, 1);
        limiter.reset(0.5, -0.5);
        limiter.update(0.5, -0.5, DT);
        assertEquals(0.5, limiter.linear());
        assertEquals(-0.5, limiter.angular());
    }

    @Test
    void badInputIsRejectedAndLeavesTheOutputUnchanged() {
        assertThrows(IllegalArgumentException.class, () -> new VelocityLimiter(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new VelocityLimiter(1, 1, Double.NaN, 1));
        VelocityLimiter limiter = new VelocityLimiter(1, 1, 1, 1);
        limiter.update(0.02, 0.01, DT);
        assertThrows(IllegalArgumentException.class, () -> limiter.update(Double.NaN, 0, DT));
        assertThrows(IllegalArgumentException.class, () -> limiter.update(0, Double.NEGATIVE_INFINITY, DT));
        assertThrows(IllegalArgumentException.class, () -> limiter.update(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> limiter.reset(Double.NaN, 0));
        assertEquals(0.02, limiter.linear());
        assertEquals(0.01, limiter.angular());
    }
}
