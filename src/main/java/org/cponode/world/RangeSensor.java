package org.cponode.world;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A simulated 2-D range sensor (a planar lidar) with the geometry of a {@code sensor_msgs/msg/LaserScan}: ray i
 * points at {@code angleMin + i * angleIncrement} rad, counter-clockwise from the sensor's forward axis, and
 * {@link #scan} writes one reading per ray as LaserScan's {@code ranges} holds them, following REP 117:
 * <ul>
 *   <li>a hit at a distance in [rangeMin, rangeMax] reads that distance plus Gaussian noise of standard deviation
 *       {@code noiseSd}, kept within [rangeMin, rangeMax], so noise never turns a hit into one of the two cases
 *       below;</li>
 *   <li>nothing hit within rangeMax reads +inf;</li>
 *   <li>a hit nearer than rangeMin reads -inf ("too close to measure"), and so does every ray of a sensor inside
 *       (or on) a circle or box obstacle, where each ray starts in the solid.</li>
 * </ul>
 * Readings are floats, as LaserScan carries them; distances are computed in double. The ray directions are
 * tabulated once, so a scan takes one sine and cosine for the heading and allocates nothing. Immutable and
 * thread-safe.
 */
public final class RangeSensor {

    /**
     * The TurtleBot3's LDS as the robot description's lidar gives it (urdf/cpo_bot.urdf): 360 rays at 1 degree from
     * straight ahead, 0.12 to 3.5 m, noise standard deviation 0.01 m.
     */
    public static final RangeSensor LDS = new RangeSensor(360, 0.0, 2 * Math.PI / 360, 0.12, 3.5, 0.01);

    private final int rays;
    private final double angleMin;
    private final double angleIncrement;
    private final double rangeMin;
    private final double rangeMax;
    private final double noiseSd;
    /** cos and sin of each ray's angle in the sensor's frame. */
    private final double[] rayCos;
    private final double[] raySin;

    /**
     * @param rays number of rays, >= 1
     * @param angleMin angle of the first ray, rad, finite
     * @param angleIncrement angle from one ray to the next, rad, finite (negative for a clockwise sensor)
     * @param rangeMin nearest distance the sensor measures, m, finite and >= 0
     * @param rangeMax farthest distance the sensor measures, m, finite and above rangeMin
     * @param noiseSd standard deviation of the Gaussian noise on a measured distance, m, finite and >= 0
     * @throws IllegalArgumentException naming the first value out of its range
     */
    public RangeSensor(int rays, double angleMin, double angleIncrement, double rangeMin, double rangeMax,
            double noiseSd) {
        if (rays < 1) {
            throw new IllegalArgumentException("a range sensor needs at least 1 ray, got " + rays);
        }
        if (!Double.isFinite(angleMin) || !Double.isFinite(angleIncrement)) {
            throw new IllegalArgumentException("a range sensor needs a finite angle_min and angle_increment, got "
                    + angleMin + " and " + angleIncrement);
        }
        if (!(rangeMin >= 0) || !(rangeMax > rangeMin) || !Double.isFinite(rangeMax)) {
            throw new IllegalArgumentException("a range sensor needs 0 <= range_min < range_max, both finite, got "
                    + rangeMin + " and " + rangeMax);
        }
        if (!(noiseSd >= 0) || !Double.isFinite(noiseSd)) {
            throw new IllegalArgumentException("a range sensor needs a finite noise standard deviation >= 0, got "
                    + noiseSd);
        }
        this.rays = rays;
        this.angleMin = angleMin;
        this.angleIncrement = angleIncrement;
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
        this.noiseSd = noiseSd;
        rayCos = new double[rays];
        raySin = new double[rays];
        for (int i = 0; i < rays; i++) {
            double angle = angleMin + i * angleIncrement;
            rayCos[i] = Math.cos(angle);
            raySin[i] = Math.sin(angle);
        }
    }

    /**
     * Scans {@code world} from a sensor at (x, y) facing {@code yaw}, one reading per ray into {@code ranges}.
     * Noise is drawn from {@code rng} only for rays that hit within range, one Gaussian each, and not at all when
     * {@code noiseSd} is 0; so a seeded stream gives the same scans on every run. Allocates nothing.
     *
     * @param world the walls and obstacles
     * @param x sensor position, m, world frame
     * @param y sensor position, m, world frame
     * @param yaw the sensor's forward axis, rad, counter-clockwise from the world's x axis
     * @param rng noise source
     * @param ranges receives {@link #rays()} readings. Modified.
     * @throws IllegalArgumentException if {@code ranges} does not have {@link #rays()} elements
     */
    public void scan(RayCaster world, double x, double y, double yaw, SplittableRandom rng, float[] ranges) {
        if (ranges.length != rays) {
            throw new IllegalArgumentException("a scan of " + rays + " rays needs an array of " + rays
                    + " ranges, got " + ranges.length);
        }
        if (world.insideObstacle(x, y)) {
            Arrays.fill(ranges, Float.NEGATIVE_INFINITY);
            return;
        }
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        for (int i = 0; i < rays; i++) {
            // The ray's direction in the world: its sensor-frame direction turned by yaw.
            double dx = c * rayCos[i] - s * raySin[i];
            double dy = s * rayCos[i] + c * raySin[i];
            double d = world.distance(x, y, dx, dy, rangeMax);
            if (d == Double.POSITIVE_INFINITY) {
                ranges[i] = Float.POSITIVE_INFINITY;
            } else if (d < rangeMin) {
                ranges[i] = Float.NEGATIVE_INFINITY;
            } else {
                double measured = noiseSd == 0 ? d : d + noiseSd * rng.nextGaussian();
                ranges[i] = (float) Math.max(rangeMin, Math.min(rangeMax, measured));
            }
        }
    }

    /** Number of rays, the length of a scan's ranges. */
    public int rays() {
        return rays;
    }

    /** Angle of the first ray, rad (LaserScan's angle_min). */
    public double angleMin() {
        return angleMin;
    }

    /** Angle of the last ray, {@code angleMin + (rays - 1) * angleIncrement}, rad (LaserScan's angle_max). */
    public double angleMax() {
        return angleMin + (rays - 1) * angleIncrement;
    }

    /** Angle from one ray to the next, rad (LaserScan's angle_increment). */
    public double angleIncrement() {
        return angleIncrement;
    }

    /** Nearest distance measured, m (LaserScan's range_min). */
    public double rangeMin() {
        return rangeMin;
    }

    /** Farthest distance measured, m (LaserScan's range_max). */
    public double rangeMax() {
        return rangeMax;
    }

    /** Standard deviation of the noise on a measured distance, m. */
    public double noiseSd() {
        return noiseSd;
    }
}
