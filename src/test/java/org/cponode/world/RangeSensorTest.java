package org.cponode.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

/**
 * Scans of a room with a circle, a box and a turned box, compared ray by ray with distances worked out by hand,
 * and the sensor's range limits, noise and allocation.
 */
class RangeSensorTest {

    /** The LDS without noise: 360 rays at 1 degree, 0.12 to 3.5 m. */
    private static final RangeSensor EXACT_LDS = new RangeSensor(360, 0, 2 * Math.PI / 360, 0.12, 3.5, 0);
    /** Readings are floats: a distance of a few metres rounds by up to 2.4e-7 m. */
    private static final double FLOAT = 5e-7;

    /**
     * The room x in [-2, 3], y in [-1.5, 2.5]; a circle of radius 0.5 at (1.5, 0); the box x in [-1.2, -0.8],
     * y in [-0.3, 0.3]; and a square of side 0.4 at (0, -1) turned 45 degrees, a diamond with its upper corner at
     * y = -1 + 0.2 sqrt(2).
     */
    private static final World ROOM = new World(Segment.room(-2, -1.5, 3, 2.5), List.of(new Circle(1.5, 0, 0.5)),
            List.of(Box.axisAligned(-1.2, -0.3, -0.8, 0.3), new Box(0, -1, 0.2, 0.2, Math.PI / 4)), List.of(),
            Optional.empty());
    private static final RayCaster CASTER = new RayCaster(ROOM);

    private static float[] scan(RangeSensor sensor, double x, double y, double yaw) {
        float[] ranges = new float[sensor.rays()];
        sensor.scan(CASTER, x, y, yaw, new SplittableRandom(1), ranges);
        return ranges;
    }

    private static double degrees(double d) {
        return Math.toRadians(d);
    }

    @Test
    void raysFromTheOriginMeetTheHandComputedDistances() {
        float[] r = scan(EXACT_LDS, 0, 0, 0);
        // Circle at distance 1.5, radius 0.5: the ray at angle a meets it at 1.5 cos a - sqrt(0.25 - 2.25 sin^2 a).
        assertEquals(1.0, r[0], FLOAT);
        for (int deg : new int[] {5, 10, 19, 341}) {
            double a = degrees(deg);
            double sin = Math.sin(a);
            assertEquals(1.5 * Math.cos(a) - Math.sqrt(0.25 - 2.25 * sin * sin), r[deg], FLOAT, "ray " + deg);
        }
        // The circle's edge is at asin(1/3) = 19.47 degrees: ray 20 passes it and meets the wall x = 3.
        assertEquals(3 / Math.cos(degrees(20)), r[20], FLOAT);
        // Ray 45 meets the walls at 2.5 sqrt(2) = 3.54 m, beyond range_max 3.5.
        assertEquals(Float.POSITIVE_INFINITY, r[45]);
        assertEquals(2.5, r[90], FLOAT, "the wall y = 2.5");
        // The box's face x = -0.8 spans y in [-0.3, 0.3]: rays 180 +- 20 meet it, ray 201 passes below it.
        assertEquals(0.8, r[180], FLOAT);
        assertEquals(0.8 / Math.cos(degrees(10)), r[170], FLOAT);
        assertEquals(0.8 / Math.cos(degrees(20)), r[200], FLOAT);
        assertEquals(2 / Math.cos(degrees(21)), r[201], FLOAT, "the wall x = -2");
        // The diamond's upper corner straight down, then its upper left face x - y = 1 - 0.2 sqrt(2).
        double corner = 1 - 0.2 * Math.sqrt(2);
        assertEquals(corner, r[270], FLOAT);
        assertEquals(corner / (Math.cos(degrees(260)) - Math.sin(degrees(260))), r[260], FLOAT);
        assertEquals(1.5, r[300] * Math.sin(degrees(60)), FLOAT, "the wall y = -1.5, past the diamond");
    }

    @Test
    void theScanTurnsWithTheSensorsHeading() {
        // At (1, 2) facing +y: ahead the wall y = 2.5, to the left (-x) the wall x = -2, to the right (+x) x = 3.
        float[] r = scan(EXACT_LDS, 1, 2, Math.PI / 2);
        assertEquals(0.5, r[0], FLOAT);
        assertEquals(3.0, r[90], FLOAT);
        assertEquals(2.0, r[270], FLOAT);
        // Turning by a whole number of rays shifts the scan by that many rays.
        float[] straight = scan(EXACT_LDS, 0.2, 0.7, 0);
        float[] turned = scan(EXACT_LDS, 0.2, 0.7, degrees(30));
        for (int i = 0; i < 360; i++) {
            assertEquals(straight[(i + 30) % 360], turned[i], 1e-5, "ray " + i);
        }
    }

    @Test
    void hitsNearerThanRangeMinReadMinusInfinityAndTheCornerIsSeen() {
        // 0.1 m from both walls of the corner (3, 2.5): too close ahead and to the left, the corner at 0.14 m.
        float[] r = scan(EXACT_LDS, 2.9, 2.4, 0);
        assertEquals(Float.NEGATIVE_INFINITY, r[0]);
        assertEquals(Float.NEGATIVE_INFINITY, r[90]);
        assertEquals(0.1 * Math.sqrt(2), r[45], FLOAT);
        assertEquals(Float.POSITIVE_INFINITY, r[270], "the wall y = -1.5 is 3.9 m below, beyond range_max");
    }

    @Test
    void aSensorInsideOrOnAnObstacleReadsMinusInfinityOnEveryRay() {
        float[] minusInfinity = new float[360];
        Arrays.fill(minusInfinity, Float.NEGATIVE_INFINITY);
        assertArrayEquals(minusInfinity, scan(EXACT_LDS, 1.6, 0.1, 0), "inside the circle");
        assertArrayEquals(minusInfinity, scan(EXACT_LDS, 2.0, 0.0, 1), "on the circle");
        assertArrayEquals(minusInfinity, scan(EXACT_LDS, -1.0, 0.0, 0), "inside the box");
        assertArrayEquals(minusInfinity, scan(EXACT_LDS, 0.1, -1.0, 0), "inside the turned box");
    }

    @Test
    void noiseHasTheGivenStandardDeviationStaysInRangeAndRepeatsWithTheSeed() {
        // In the room's middle nothing is nearer than 0.3 m or farther than 3.5 m in any direction.
        RangeSensor noisy = new RangeSensor(360, 0, 2 * Math.PI / 360, 0.12, 3.5, 0.05);
        World open = new World(Segment.room(-1, -1, 1, 1), List.of(), List.of(), List.of(), Optional.empty());
        RayCaster caster = new RayCaster(open);
        float[] truth = new float[360];
        EXACT_LDS.scan(caster, 0, 0, 0, new SplittableRandom(0), truth);
        SplittableRandom rng = new SplittableRandom(2026);
        float[] r = new float[360];
        int scans = 200;
        double sum = 0;
        double sumSquares = 0;
        for (int s = 0; s < scans; s++) {
            noisy.scan(caster, 0, 0, 0, rng, r);
            for (int i = 0; i < 360; i++) {
                double e = r[i] - truth[i];
                sum += e;
                sumSquares += e * e;
            }
        }
        int n = scans * 360;
        double mean = sum / n;
        double sd = Math.sqrt(sumSquares / n - mean * mean);
        // 72,000 draws: the mean's standard error is 0.05 / sqrt(72000) = 1.9e-4, the sd's about 1.3e-4.
        assertEquals(0, mean, 8e-4, "mean error");
        assertEquals(0.05, sd, 6e-4, "standard deviation");

        float[] first = new float[360];
        float[] second = new float[360];
        noisy.scan(caster, 0, 0, 0, new SplittableRandom(7), first);
        noisy.scan(caster, 0, 0, 0, new SplittableRandom(7), second);
        assertArrayEquals(first, second, "the same seed gives the same scan");
        noisy.scan(caster, 0, 0, 0, new SplittableRandom(8), second);
        assertNotEquals(first[0], second[0], "another seed, other noise");

        // Noise of 1 m at 0.3 m from a wall: readings stay within [range_min, range_max].
        RangeSensor wild = new RangeSensor(360, 0, 2 * Math.PI / 360, 0.12, 3.5, 1.0);
        for (int s = 0; s < 50; s++) {
            wild.scan(caster, 0.7, 0, 0, rng, r);
            for (float v : r) {
                assertTrue(v >= 0.12f && v <= 3.5f, "reading " + v);
            }
        }
    }

    @Test
    void aNoiseFreeSensorDrawsNothing() {
        SplittableRandom used = new SplittableRandom(3);
        EXACT_LDS.scan(CASTER, 0, 0, 0, used, new float[360]);
        assertEquals(new SplittableRandom(3).nextLong(), used.nextLong());
    }

    @Test
    void aScanAllocatesNothing() {
        RangeSensor lds = RangeSensor.LDS;
        SplittableRandom rng = new SplittableRandom(5);
        float[] r = new float[lds.rays()];
        long bytes = Allocations.fewest(5, 1, () -> {
            for (int i = 0; i < 2_000; i++) {
                lds.scan(CASTER, 0.001 * i, 0.5, 0.01 * i, rng, r);
            }
        });
        assertEquals(0, bytes);
    }

    @Test
    void badSettingsAndAWrongArrayAreRefusedNamingTheValue() {
        assertEquals("a range sensor needs at least 1 ray, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RangeSensor(0, 0, 0.1, 0, 1, 0)).getMessage());
        assertEquals("a range sensor needs a finite angle_min and angle_increment, got 0.0 and NaN",
                assertThrows(IllegalArgumentException.class, () -> new RangeSensor(1, 0, Double.NaN, 0, 1, 0))
                        .getMessage());
        assertEquals("a range sensor needs 0 <= range_min < range_max, both finite, got 2.0 and 1.0",
                assertThrows(IllegalArgumentException.class, () -> new RangeSensor(1, 0, 0.1, 2, 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RangeSensor(1, 0, 0.1, 0, Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new RangeSensor(1, 0, 0.1, -0.1, 1, 0));
        assertEquals("a range sensor needs a finite noise standard deviation >= 0, got -0.01",
                assertThrows(IllegalArgumentException.class, () -> new RangeSensor(1, 0, 0.1, 0, 1, -0.01))
                        .getMessage());
        assertEquals("a scan of 360 rays needs an array of 360 ranges, got 359",
                assertThrows(IllegalArgumentException.class,
                        () -> EXACT_LDS.scan(CASTER, 0, 0, 0, new SplittableRandom(1), new float[359])).getMessage());
    }

    @Test
    void theAngleOfTheLastRayIsLaserScansAngleMax() {
        assertEquals(degrees(359), RangeSensor.LDS.angleMax(), 1e-12);
        assertEquals(-0.5, new RangeSensor(3, 0.5, -0.5, 0, 1, 0).angleMax(), 0);
    }
}
