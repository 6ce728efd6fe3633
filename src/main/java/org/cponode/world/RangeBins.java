package org.cponode.world;

import java.util.Arrays;

/**
 * A range scan reduced for a policy: {@code count} angular bins around the sensor, each the nearest reading of
 * the rays that fall in it, divided by {@code range} and kept in [0, 1]. Bin k covers the angles
 * [k, k + 1) x 2 pi / count, counter-clockwise from the sensor's forward axis (bin 0 starts straight ahead), as
 * Safety Gymnasium's lidar bins do. One function reduces a simulated scan ({@link RangeSensor}) and a real
 * LaserScan's ranges of any angle_min, angle_increment and length, so a policy sees the same observation from
 * both. A ray's angle is taken modulo 2 pi, and a ray on a bin's edge, or less than {@value #EDGE_TOLERANCE} rad
 * before it, belongs to the bin that starts there: LaserScan carries angles as float32, whose rounding (relative
 * 6e-8) moves the rays of a turn that starts at -pi by less than 6e-7 rad, and the rays of one sensor must fall in
 * the same bins whether its angles come as doubles from the simulator or as floats over the wire (the LDS's rays
 * at 90, 180 and 270 degrees lie on the edges of any number of bins divisible by 4). Angles are the sensor's own:
 * a sensor mounted turned on the robot gives bins turned with it.
 *
 * <p>Each reading counts as LaserScan and REP 117 define it:
 * <ul>
 *   <li>a value in [range_min, range_max] is a distance;</li>
 *   <li>-inf is an obstacle too close to measure: distance 0;</li>
 *   <li>+inf (nothing in range), and any finite value outside [range_min, range_max], which LaserScan says to
 *       discard (some drivers write 0 for a ray without a return), show nothing;</li>
 *   <li>NaN, an erroneous measurement, makes the whole scan invalid ({@link ScanStatus#NAN_READING}).</li>
 * </ul>
 * A bin whose rays show nothing, or that no ray falls in (bins finer than the rays, or outside the sensor's
 * field of view), reads 1, as does a bin whose nearest reading is at or beyond {@code range}. An invalid scan
 * writes NaN to every bin, so an observation built from it cannot pass for a clear view.
 *
 * @param count number of bins, >= 1
 * @param range m, the distance that reads 1 (usually the simulated sensor's range_max), finite and > 0
 */
public record RangeBins(int count, double range) {

    private static final double TWO_PI = 2 * Math.PI;
    /** rad: how far before a bin's edge a ray counts as on it; float32 rounding of a scan's angles stays below. */
    public static final double EDGE_TOLERANCE = 1e-6;

    public RangeBins {
        if (count < 1) {
            throw new IllegalArgumentException("range bins need at least 1 bin, got " + count);
        }
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("range bins need a finite range > 0, got " + range);
        }
    }

    /**
     * Reduces a scan of {@code sensor}'s geometry; the same computation as {@link #reduce(double, double, double,
     * double, float[], double[], int)} with the sensor's values.
     */
    public ScanStatus reduce(RangeSensor sensor, float[] ranges, double[] out, int offset) {
        return reduce(sensor.angleMin(), sensor.angleIncrement(), sensor.rangeMin(), sensor.rangeMax(), ranges, out,
                offset);
    }

    /**
     * Reduces one scan with LaserScan's geometry into {@code out[offset .. offset + count)}. Allocates nothing.
     *
     * @param angleMin angle of the first ray, rad (LaserScan's angle_min)
     * @param angleIncrement angle from one ray to the next, rad (angle_increment; negative for a clockwise sensor)
     * @param rangeMin LaserScan's range_min, m
     * @param rangeMax LaserScan's range_max, m
     * @param ranges one reading per ray. Not modified.
     * @param out receives the bins. Modified.
     * @param offset index of bin 0 in {@code out}
     * @return {@link ScanStatus#VALID}, or why the bins are NaN
     * @throws IllegalArgumentException if {@code out} has no room for the bins at {@code offset}
     */
    public ScanStatus reduce(double angleMin, double angleIncrement, double rangeMin, double rangeMax, float[] ranges,
            double[] out, int offset) {
        if (offset < 0 || offset > out.length - count) {
            throw new IllegalArgumentException(count + " range bins do not fit at offset " + offset
                    + " of an array of " + out.length);
        }
        ScanStatus status = ScanStatus.VALID;
        if (ranges.length == 0) {
            status = ScanStatus.NO_RAYS;
        } else if (!Double.isFinite(angleMin) || !Double.isFinite(angleIncrement) || !Double.isFinite(rangeMin)
                || !(rangeMin >= 0) || !(rangeMax >= rangeMin)) {
            status = ScanStatus.BAD_GEOMETRY;
        }
        if (status != ScanStatus.VALID) {
            Arrays.fill(out, offset, offset + count, Double.NaN);
            return status;
        }
        Arrays.fill(out, offset, offset + count, Double.POSITIVE_INFINITY);
        for (int i = 0; i < ranges.length; i++) {
            double r = ranges[i];
            if (Double.isNaN(r)) {
                Arrays.fill(out, offset, offset + count, Double.NaN);
                return ScanStatus.NAN_READING;
            }
            double distance = r == Double.NEGATIVE_INFINITY ? 0 : r >= rangeMin && r <= rangeMax ? r
                    : Double.POSITIVE_INFINITY;
            double turns = (angleMin + i * angleIncrement + EDGE_TOLERANCE) / TWO_PI;
            // turns - floor(turns) is in [0, 1], 1 only for an angle a rounding error below a whole turn.
            int bin = Math.min((int) ((turns - Math.floor(turns)) * count), count - 1);
            if (distance < out[offset + bin]) {
                out[offset + bin] = distance;
            }
        }
        for (int k = offset; k < offset + count; k++) {
            out[k] = Math.min(1.0, out[k] / range);
        }
        return ScanStatus.VALID;
    }
}
