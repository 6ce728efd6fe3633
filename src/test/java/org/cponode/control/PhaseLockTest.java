package org.cponode.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loop's ticks move to just after odometry arrivals at matching rates, and only then, within the shift bound. */
class PhaseLockTest {

    private static final long T = 50_000_000L;
    private static final long LEAD = 300_000L;
    private static final long MAX = 500_000L;

    /**
     * Runs a loop of period T against odometry of period {@code odomPeriod} starting at {@code offset}.
     *
     * @return {gap between the last tick and the newest arrival before it, largest interval deviation, locked}
     */
    private static long[] run(long odomPeriod, long offset, int ticks) {
        PhaseLock lock = new PhaseLock(T, LEAD, MAX);
        long next = 0;
        long maxDeviation = 0;
        long gap = 0;
        boolean locked = false;
        for (int i = 0; i < ticks; i++) {
            long tick = next;
            long count = tick < offset ? 0 : (tick - offset) / odomPeriod + 1;
            long arrival = count == 0 ? 0 : offset + (count - 1) * odomPeriod;
            gap = tick - arrival;
            long shift = lock.shift(tick + T, arrival, count);
            maxDeviation = Math.max(maxDeviation, Math.abs(shift));
            next = tick + T + shift;
            locked = lock.locked();
        }
        return new long[] {gap, maxDeviation, locked ? 1 : 0};
    }

    @Test
    void locksToOdometryAtTheControlRate() {
        long[] r = run(T, 31_000_000L, 200);
        assertEquals(1, r[2]);
        assertEquals(LEAD, r[0], 1_000, "tick sits LEAD after the arrival");
        assertTrue(r[1] <= MAX, "interval changes stay within the bound");
    }

    @Test
    void locksToMultiplesOfTheControlRate() {
        long[] r = run(T / 2, 7_000_000L, 200);
        assertEquals(1, r[2]);
        assertEquals(LEAD, r[0], 1_000);
    }

    @Test
    void leavesOtherRatesAlone() {
        long[] r = run(33_333_333L, 5_000_000L, 200); // 30 Hz odometry, 20 Hz control
        assertEquals(0, r[2]);
        assertEquals(0, r[1], "no shift at all");
        PhaseLock lock = new PhaseLock(T, LEAD, MAX);
        assertEquals(0, lock.shift(T, 0, 0), "no odometry, no shift");
        assertFalse(lock.locked());
    }
}
