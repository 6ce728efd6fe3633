package org.cponode.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Readings against hand-computed values: 16 bins of 22.5 degrees, range 3, as point-goal uses them. */
class PseudoLidarTest {

    private static final int BINS = 16;
    private static final double RANGE = 3.0;
    private static final double BIN = Math.PI / 8;

    /** The readings of one object at {@code bearing} (rad, counter-clockwise from ahead) and {@code distance}. */
    private static double[] one(double bearing, double distance) {
        double[] out = new double[BINS];
        PseudoLidar.write(new double[] {distance * Math.cos(bearing), distance * Math.sin(bearing)}, 0, 1, 0, 0, 0,
                BINS, RANGE, out, 0);
        return out;
    }

    /** Asserts bins listed in {@code expected} as {bin, value, ...} read those values and every other bin 0. */
    private static void assertReadings(double[] out, double tolerance, double... expected) {
        double[] want = new double[BINS];
        for (int i = 0; i < expected.length; i += 2) {
            want[(int) expected[i]] = expected[i + 1];
        }
        for (int b = 0; b < BINS; b++) {
            assertEquals(want[b], out[b], tolerance, "bin " + b);
        }
    }

    @Test
    void anObjectStraightAheadReadsInBinZeroAndAliasesFullyIntoTheBinToItsRight() {
        // bearing 0: bin 0, alias 0, so bin 15 gets (1 - 0) of the value and bin 1 nothing; (3 - 1.5) / 3 = 0.5
        assertReadings(one(0, 1.5), 0, 0, 0.5, 15, 0.5);
    }

    @Test
    void anObjectBehindReadsInBinsSevenAndEight() {
        // Robot at (1, 1) facing +y, object at (1, -0.2): 1.2 straight behind, bearing pi, the boundary of bins 7
        // and 8; (3 - 1.2) / 3 = 0.6 in both.
        double[] out = new double[BINS];
        PseudoLidar.write(new double[] {1, -0.2}, 0, 1, 1, 1, Math.PI / 2, BINS, RANGE, out, 0);
        assertReadings(out, 1e-12, 7, 0.6, 8, 0.6);
    }

    @Test
    void anObjectOnABinBoundaryReadsItsValueInBothBinsAndTheReadingsAreContinuousAcrossIt() {
        // (1, 1): bearing 45 degrees, the boundary of bins 1 and 2; value (3 - sqrt 2) / 3
        double value = (3 - Math.sqrt(2)) / 3;
        assertReadings(one(2 * BIN, Math.sqrt(2)), 1e-12, 1, value, 2, value);
        // A hair either side reads the same: just inside bin 1 (alias ~1) and just inside bin 2 (alias ~0)
        assertReadings(one(2 * BIN - 1e-9, Math.sqrt(2)), 1e-8, 1, value, 2, value);
        assertReadings(one(2 * BIN + 1e-9, Math.sqrt(2)), 1e-8, 1, value, 2, value);
        // On the right: -22.5 degrees is the boundary of bins 14 and 15
        assertReadings(one(-BIN, 1.5), 1e-12, 14, 0.5, 15, 0.5);
    }

    @Test
    void withinABinTheValueAliasesIntoTheNeighboursByWhereTheObjectLies() {
        // Mid-bin 1 (33.75 degrees), distance 2: value 1/3 in bin 1, alias 0.5 gives 1/6 to bins 0 and 2
        assertReadings(one(1.5 * BIN, 2), 1e-12, 0, 1.0 / 6, 1, 1.0 / 3, 2, 1.0 / 6);
        // A quarter into bin 3, distance 0.6: value 0.8; bin 4 gets 0.25 of it, bin 2 gets 0.75
        assertReadings(one(3.25 * BIN, 0.6), 1e-12, 2, 0.6, 3, 0.8, 4, 0.2);
        // Mid-bin 15 (-11.25 degrees) aliases into bin 14 and, across the wrap, bin 0
        assertReadings(one(-0.5 * BIN, 1.5), 1e-12, 14, 0.25, 15, 0.5, 0, 0.25);
    }

    @Test
    void objectsAtOrBeyondTheRangeReadNothing() {
        assertReadings(one(0.3, 3.0), 0);
        assertReadings(one(0.3, 3.5), 0);
        double[] justInside = one(0.3, 2.999);
        assertEquals(0.001 / 3, justInside[0], 1e-12);
    }

    @Test
    void eachBinKeepsItsNearestObjectAndTheHeadingTurnsTheReadings() {
        // Two objects in bin 0's direction at 1 and 2, and one at the robot's own position (reads 1)
        double[] out = new double[BINS];
        PseudoLidar.write(new double[] {2, 0, 1, 0}, 0, 2, 0, 0, 0, BINS, RANGE, out, 0);
        assertReadings(out, 1e-15, 0, 2.0 / 3, 15, 2.0 / 3);
        PseudoLidar.write(new double[] {0.5, 0.5}, 0, 1, 0.5, 0.5, 1.0, BINS, RANGE, out, 0);
        assertReadings(out, 0, 0, 1.0, 15, 1.0);
        // Facing +y, an object at (0, 2) is straight ahead
        PseudoLidar.write(new double[] {0, 2}, 0, 1, 0, 0, Math.PI / 2, BINS, RANGE, out, 0);
        assertReadings(out, 1e-12, 0, 1.0 / 3, 15, 1.0 / 3);
    }

    @Test
    void readsOnlyTheObjectsAskedForAndWritesOnlyItsBins() {
        // Objects 1 and 2 of three; the first, straight ahead, is not read
        double[] centres = {1, 0, 0, 1.5, 0, -1.5};
        double[] out = new double[BINS + 4];
        java.util.Arrays.fill(out, -7);
        PseudoLidar.write(centres, 1, 2, 0, 0, 0, BINS, RANGE, out, 2);
        assertEquals(-7, out[0]);
        assertEquals(-7, out[1]);
        assertEquals(-7, out[BINS + 2]);
        assertEquals(-7, out[BINS + 3]);
        double[] bins = java.util.Arrays.copyOfRange(out, 2, 2 + BINS);
        // +90 degrees is the boundary of bins 3 and 4, -90 degrees that of bins 11 and 12
        assertReadings(bins, 1e-12, 3, 0.5, 4, 0.5, 11, 0.5, 12, 0.5);
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        double[] out = new double[BINS];
        double[] c = {1, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PseudoLidar.write(c, 0, 1, Double.NaN, 0, 0, BINS, RANGE, out, 0));
        assertTrue(e.getMessage().contains("pose must be finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PseudoLidar.write(c, 0, 1, 0, 0, 0, 0, RANGE, out, 0));
        assertThrows(IllegalArgumentException.class, () -> PseudoLidar.write(c, 0, 1, 0, 0, 0, BINS, 0, out, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PseudoLidar.write(c, 0, 1, 0, 0, 0, BINS, Double.POSITIVE_INFINITY, out, 0));
        e = assertThrows(IllegalArgumentException.class, () -> PseudoLidar.write(c, 1, 1, 0, 0, 0, BINS, RANGE, out, 0));
        assertTrue(e.getMessage().contains("objects 1 to 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PseudoLidar.write(c, 0, 1, 0, 0, 0, BINS, RANGE, out, 1));
        assertTrue(e.getMessage().contains("needs 16 entries from offset 1"), e.getMessage());
    }
}
