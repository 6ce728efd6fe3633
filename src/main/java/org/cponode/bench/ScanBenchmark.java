package org.cponode.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cponode.world.Box;
import org.cponode.world.Circle;
import org.cponode.world.RangeBins;
import org.cponode.world.RangeSensor;
import org.cponode.world.RayCaster;
import org.cponode.world.Segment;
import org.cponode.world.World;

/**
 * Range-sensor throughput on one core, for the {@code bench} command: the TurtleBot3-like {@link RangeSensor#LDS}
 * (360 rays, noise on) in {@link #ROOM}, from seeded random poses clear of the obstacles, each scan then reduced
 * to {@value #BINS} {@link RangeBins}. Reports scans and rays per second for the scan alone and with the
 * reduction, and the bytes the thread allocated per scan.
 */
public final class ScanBenchmark {

    /**
     * A 6 m x 5 m room with 10 obstacles: 5 circles of 0.1 to 0.3 m radius and 5 boxes, 2 of them turned, spread
     * so that most rays from most poses end on an obstacle or a wall within the LDS's 3.5 m.
     */
    public static final World ROOM = new World(Segment.room(-3, -2.5, 3, 2.5),
            List.of(new Circle(-1.8, 1.2, 0.2), new Circle(1.5, 1.6, 0.3), new Circle(0.4, -1.4, 0.15),
                    new Circle(-0.6, 0.2, 0.1), new Circle(2.2, -0.7, 0.25)),
            List.of(Box.axisAligned(-2.6, -2.1, -1.9, -1.5), Box.axisAligned(0.6, 0.4, 1.0, 1.2),
                    Box.axisAligned(-1.2, -1.0, -0.9, -0.4), new Box(-0.2, 1.7, 0.4, 0.15, 0.6),
                    new Box(1.9, -1.9, 0.3, 0.2, -1.1)),
            List.of(), Optional.empty());
    /** Bins of the reduction: 22.5 degrees each. */
    public static final int BINS = 16;
    /** Poses cycled through, drawn once so the timed loop draws only the noise. */
    private static final int POSES = 1024;
    /** Seed of the poses and of the noise, so repeated runs scan the same. */
    private static final long SEED = 12345;
    /** Scans run before timing so the JIT has compiled the scan loop. */
    private static final int WARM_UP_SCANS = 50_000;

    /** Written after each run so the JIT cannot drop the scans. */
    private static volatile double sink;

    private ScanBenchmark() {}

    /**
     * One timed run.
     *
     * @param scans scans timed
     * @param rays rays per scan
     * @param seconds wall-clock time of the timed scans
     * @param bytes bytes the thread allocated during them
     */
    public record Result(long scans, int rays, double seconds, long bytes) {

        /** Scans per second of wall-clock time. */
        public double scansPerSecond() {
            return scans / seconds;
        }

        /** Rays per second of wall-clock time. */
        public double raysPerSecond() {
            return scans * (double) rays / seconds;
        }

        /** Bytes allocated per scan. */
        public double bytesPerScan() {
            return bytes / (double) scans;
        }
    }

    /**
     * Scans {@link #ROOM} {@code scans} times with {@link RangeSensor#LDS}, after up to {@value #WARM_UP_SCANS}
     * untimed scans.
     *
     * @param scans timed scans, >= 1
     * @param reduce also reduce each scan to {@value #BINS} bins (part of the time)
     * @throws IllegalArgumentException if {@code scans < 1}
     */
    public static Result run(long scans, boolean reduce) {
        if (scans < 1) {
            throw new IllegalArgumentException("benchmark needs at least 1 scan, got " + scans);
        }
        RangeSensor sensor = RangeSensor.LDS;
        RayCaster caster = new RayCaster(ROOM);
        RangeBins bins = new RangeBins(BINS, sensor.rangeMax());
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] poses = new double[3 * POSES];
        for (int p = 0; p < POSES; p++) {
            double x;
            double y;
            do {
                x = rng.nextDouble(-2.9, 2.9);
                y = rng.nextDouble(-2.4, 2.4);
            } while (caster.insideObstacle(x, y));
            poses[3 * p] = x;
            poses[3 * p + 1] = y;
            poses[3 * p + 2] = rng.nextDouble(-Math.PI, Math.PI);
        }
        float[] ranges = new float[sensor.rays()];
        double[] observation = new double[BINS];
        run(sensor, caster, bins, reduce, poses, rng, ranges, observation, Math.min(scans, WARM_UP_SCANS));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        double total = run(sensor, caster, bins, reduce, poses, rng, ranges, observation, scans);
        long elapsed = System.nanoTime() - start;
        bytes = threads.getCurrentThreadAllocatedBytes() - bytes;
        sink = total;
        return new Result(scans, sensor.rays(), Math.max(elapsed, 1) * 1e-9, bytes);
    }

    private static double run(RangeSensor sensor, RayCaster caster, RangeBins bins, boolean reduce, double[] poses,
            SplittableRandom rng, float[] ranges, double[] observation, long scans) {
        double total = 0;
        for (long s = 0; s < scans; s++) {
            int p = (int) (s % POSES);
            sensor.scan(caster, poses[3 * p], poses[3 * p + 1], poses[3 * p + 2], rng, ranges);
            if (reduce) {
                bins.reduce(sensor, ranges, observation, 0);
                total += observation[(int) (s % BINS)];
            } else {
                total += ranges[(int) (s % ranges.length)];
            }
        }
        return total;
    }

    /** One report line. */
    public static String describe(String label, Result r) {
        return String.format(Locale.ROOT, "%-26s %9.0f scans/s  %7.2f M rays/s  %.1f B/scan", label,
                r.scansPerSecond(), r.raysPerSecond() / 1e6, r.bytesPerScan());
    }
}
