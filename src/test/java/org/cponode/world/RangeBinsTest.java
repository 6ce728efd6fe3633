package org.cponode.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

/** Scans reduced to bins: which ray falls in which bin, what each reading counts as, and invalid scans. */
class RangeBinsTest {

    private static final double ONE_DEGREE = 2 * Math.PI / 360;
    private static final double EXACT = 1e-12;
    private static final float INF = Float.POSITIVE_INFINITY;

    private static double[] reduce(RangeBins bins, double angleMin, double angleIncrement, double rangeMin,
            double rangeMax, float... ranges) {
        double[] out = new double[bins.count()];
        assertEquals(ScanStatus.VALID, bins.reduce(angleMin, angleIncrement, rangeMin, rangeMax, ranges, out, 0));
        return out;
    }

    @Test
    void sevenBinsOf360RaysTakeTheNearestReadingOfTheirRays() {
        // Bin k holds the rays at k * 360/7 = 51.43 k degrees and up: it starts at ray 0, 52, 103, 155, 206, 258, 309.
        float[] ranges = new float[360];
        for (int i = 0; i < 360; i++) {
            ranges[i] = 1 + 0.001f * i;
        }
        ranges[100] = 0.5f; // the nearest in bin 1, whose first ray is 52
        double[] out = reduce(new RangeBins(7, 3.5), 0, ONE_DEGREE, 0.12, 3.5, ranges);
        int[] first = {0, 52, 103, 155, 206, 258, 309};
        for (int k = 0; k < 7; k++) {
            double nearest = k == 1 ? 0.5f : ranges[first[k]];
            assertEquals(nearest / 3.5, out[k], EXACT, "bin " + k);
        }
    }

    @Test
    void tenRaysInFourBinsFallWhereTheirAnglesAre() {
        // Rays at 1, 37, 73 | 109, 145 | 181, 217, 253 | 289, 325 degrees.
        double[] out = reduce(new RangeBins(4, 2.0), Math.toRadians(1), Math.toRadians(36), 0.12, 3.5,
                3, 2, 1, 0.5f, 0.7f, 2.5f, 2.6f, 2.7f, 1.5f, 0.9f);
        assertArrayEquals(new double[] {0.5, 0.25, 1, 0.45}, out, 1e-7);
    }

    @Test
    void binsNoRayFallsInReadOne() {
        // Rays at 0, 120 and 240 degrees in bins of 45: bins 0, 2 and 5.
        double[] out = reduce(new RangeBins(8, 1.0), 0, Math.toRadians(120), 0, 3.5, 0.25f, 0.5f, 0.75f);
        assertArrayEquals(new double[] {0.25, 1, 0.5, 1, 1, 0.75, 1, 1}, out, EXACT);
    }

    @Test
    void clockwiseScansAndAnglesBeyondATurnWrapAroundTheCircle() {
        // Angles 3, 1.5, 0 and -1.5 rad: in quarter-turn bins 1, 0, 0 and 3 (-1.5 = 2 pi - 1.5 = 4.78 rad).
        RangeBins four = new RangeBins(4, 1.0);
        assertArrayEquals(new double[] {0.2, 0.1, 1, 0.4}, reduce(four, 3, -1.5, 0, 3.5, 0.1f, 0.3f, 0.2f, 0.4f),
                1e-7);
        assertArrayEquals(new double[] {0.1, 1, 1, 1}, reduce(four, 3 * 2 * Math.PI + 0.1, 0, 0, 3.5, 0.1f), 1e-7);
        assertArrayEquals(new double[] {1, 1, 1, 0.1}, reduce(four, -0.1, 0, 0, 3.5, 0.1f), 1e-7);
    }

    @Test
    void readingsCountAsLaserScanAndRep117DefineThem() {
        RangeBins six = new RangeBins(6, 3.5);
        // One ray per bin (60 degree bins, rays at 30, 90, ... degrees) of a sensor measuring 0.15 to 12 m.
        double[] out = reduce(six, Math.toRadians(30), Math.toRadians(60), 0.15, 12,
                Float.NEGATIVE_INFINITY, INF, 0.0f, 13f, 8f, 1.75f);
        assertArrayEquals(new double[] {0, 1, 1, 1, 1, 0.5}, out, EXACT,
                "too close, nothing in range, below range_min, above range_max, beyond the bins' range, 1.75 m");
        // A discarded reading does not hide a real one in the same bin.
        double[] both = reduce(new RangeBins(1, 3.5), 0, 0.1, 0.15, 12, 0.0f, 1.75f, INF);
        assertArrayEquals(new double[] {0.5}, both, EXACT);
    }

    @Test
    void aNanReadingOrUnusableGeometryMakesEveryBinNanAndSaysWhy() {
        RangeBins three = new RangeBins(3, 3.5);
        double[] out = new double[5];
        Arrays.fill(out, 7);
        assertEquals(ScanStatus.NAN_READING, three.reduce(0, 0.1, 0, 3.5, new float[] {1, Float.NaN, 2}, out, 1));
        assertArrayEquals(new double[] {7, Double.NaN, Double.NaN, Double.NaN, 7}, out, "only the bins are written");
        assertEquals("a range reading is NaN", ScanStatus.NAN_READING.problem());
        float[] one = {1};
        assertEquals(ScanStatus.BAD_GEOMETRY, three.reduce(Double.NaN, 0.1, 0, 3.5, one, out, 0));
        assertEquals(ScanStatus.BAD_GEOMETRY, three.reduce(0, Double.POSITIVE_INFINITY, 0, 3.5, one, out, 0));
        assertEquals(ScanStatus.BAD_GEOMETRY, three.reduce(0, 0.1, -0.1, 3.5, one, out, 0));
        assertEquals(ScanStatus.BAD_GEOMETRY, three.reduce(0, 0.1, 2, 1, one, out, 0));
        assertEquals(ScanStatus.BAD_GEOMETRY, three.reduce(0, 0.1, 0, Double.NaN, one, out, 0));
        assertEquals(ScanStatus.NO_RAYS, three.reduce(0, 0.1, 0, 3.5, new float[0], out, 0));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, Arrays.copyOf(out, 3));
        assertEquals(ScanStatus.VALID, three.reduce(0, 0.1, 0, Double.POSITIVE_INFINITY, one, out, 0),
                "a sensor without a range_max");
    }

    @Test
    void badBinsAndOutputsAreRefused() {
        assertEquals("range bins need at least 1 bin, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RangeBins(0, 1)).getMessage());
        assertEquals("range bins need a finite range > 0, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new RangeBins(4, Double.POSITIVE_INFINITY))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RangeBins(4, 0));
        RangeBins four = new RangeBins(4, 1);
        assertEquals("4 range bins do not fit at offset 3 of an array of 6",
                assertThrows(IllegalArgumentException.class,
                        () -> four.reduce(0, 0.1, 0, 1, new float[] {1}, new double[6], 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> four.reduce(0, 0.1, 0, 1, new float[] {1}, new double[6], -1));
    }

    @Test
    void aSimulatedScanAndTheSameScanAsALaserScanGiveTheSameBins() {
        // In the square room |x|, |y| <= 1, seen from its centre: in 22.5 degree bins each quarter turn reads the
        // wall straight ahead (1 m), then rays 23 and 67 degrees off it (1 / cos 23), then 1 degree off (1 / cos 1).
        RangeSensor lds = new RangeSensor(360, 0, ONE_DEGREE, 0.12, 3.5, 0);
        World room = new World(Segment.room(-1, -1, 1, 1), List.of(), List.of(), List.of(), Optional.empty());
        float[] ranges = new float[360];
        lds.scan(new RayCaster(room), 0, 0, 0, new SplittableRandom(1), ranges);
        RangeBins sixteen = new RangeBins(16, 3.5);
        double[] simulated = new double[16];
        assertEquals(ScanStatus.VALID, sixteen.reduce(lds, ranges, simulated, 0));
        double[] quarter = {1, 1 / Math.cos(Math.toRadians(23)), 1 / Math.cos(Math.toRadians(23)),
            1 / Math.cos(Math.toRadians(1))};
        for (int k = 0; k < 16; k++) {
            assertEquals(quarter[k % 4] / 3.5, simulated[k], 1e-7, "bin " + k);
        }
        // A LaserScan carries its angles and ranges as floats.
        double[] wire = reduce(sixteen, (float) lds.angleMin(), (float) lds.angleIncrement(), (float) lds.rangeMin(),
                (float) lds.rangeMax(), ranges);
        assertArrayEquals(simulated, wire, 0);
    }

    @Test
    void raysOnBinEdgesBelongToTheBinStartingThereWhetherTheirAnglesAreDoublesOrFloats() {
        // 360 bins of 360 rays at whole degrees: every ray lies on the edge where its own bin starts.
        float[] ranges = new float[360];
        for (int i = 0; i < 360; i++) {
            ranges[i] = 0.01f * i;
        }
        RangeBins perRay = new RangeBins(360, 3.6);
        double[] expected = new double[360];
        for (int i = 0; i < 360; i++) {
            expected[i] = ranges[i] / 3.6;
        }
        assertArrayEquals(expected, reduce(perRay, 0, ONE_DEGREE, 0, 3.6, ranges), EXACT);
        assertArrayEquals(expected, reduce(perRay, 0, (float) ONE_DEGREE, 0, 3.6, ranges), EXACT, "float32 angles");
        // Half turns: a ray 5e-7 rad before the edge at pi counts as on it, one 1e-5 rad before stays in bin 0.
        RangeBins halves = new RangeBins(2, 1);
        assertArrayEquals(new double[] {1, 0.5}, reduce(halves, Math.PI - 5e-7, 0, 0, 3.5, 0.5f), EXACT);
        assertArrayEquals(new double[] {0.5, 1}, reduce(halves, Math.PI - 1e-5, 0, 0, 3.5, 0.5f), EXACT);
    }

    @Test
    void reducingAllocatesNothing() {
        RangeBins bins = new RangeBins(16, 3.5);
        float[] ranges = new float[360];
        for (int i = 0; i < 360; i++) {
            ranges[i] = i % 17 == 0 ? INF : 0.2f + 0.01f * i;
        }
        double[] out = new double[16];
        long bytes = Allocations.fewest(5, 1, () -> {
            for (int i = 0; i < 5_000; i++) {
                bins.reduce(0, ONE_DEGREE, 0.12, 3.5, ranges, out, 0);
            }
        });
        assertEquals(0, bytes);
    }
}
