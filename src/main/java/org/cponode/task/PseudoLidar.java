package org.cponode.task;

import java.util.Arrays;

/**
 * Safety Gymnasium's pseudo-lidar ({@code BaseTask._obs_lidar_pseudo}): what a ring of {@code bins} sectors
 * around the robot reads of a set of point objects, computed from the robot's pose and the objects' centres, no
 * rays cast. A pure function, so the simulator and a node that knows the objects' centres (keep-out zones from a
 * map) build identical readings.
 *
 * <p>Per object, with (f, l) its centre in the robot frame (f ahead, l to the left) and d = ||(f, l)||:
 * <pre>
 *   angle = atan2(l, f) mod 2 pi                 counter-clockwise from straight ahead, in [0, 2 pi)
 *   bin   = floor(angle / w),  w = 2 pi / bins   bin 0 covers [0, w): ahead to w to the left
 *   value = max(0, range - d) / range            the linear rule: 1 at the robot, 0 from the range on
 *   alias = (angle - bin w) / w                  where in its bin the object lies, 0 at the bin's right edge
 *   out[bin]     = max(out[bin], value)
 *   out[bin + 1] = max(out[bin + 1], alias value)          (indices mod bins)
 *   out[bin - 1] = max(out[bin - 1], (1 - alias) value)
 * </pre>
 * so every bin holds its nearest object's value, and an object also shows in both neighbouring bins, the more
 * the nearer it lies to that side: Safety Gymnasium's aliasing ({@code lidar_conf.alias = True}, its default).
 * The readings are continuous in the angle: an object crossing from bin k - 1 into bin k reads its full value in
 * both as it crosses. The linear rule is the one Safety Gymnasium uses when {@code lidar_conf.max_dist} is set,
 * as its Goal tasks set it (3); its exponential rule {@code exp(-gain d)} applies only without a range and is not
 * provided. Rounding can put an angle a hair below 0 or at 2 pi, where Safety Gymnasium would index bin
 * {@code bins} or assert on the alias; here the bin is capped at {@code bins - 1} and the alias clipped to
 * [0, 1], which reads the same values.
 */
public final class PseudoLidar {

    private static final double FULL_TURN = 2 * Math.PI;

    private PseudoLidar() {}

    /**
     * Writes the readings of objects {@code first..first+count-1} of {@code centres} into
     * {@code out[offset..offset+bins-1]}, 0 where no object reads; allocates nothing.
     *
     * @param centres object centres as {@code {x0, y0, x1, y1, ...}}, world frame. Not modified.
     * @param first index of the first object read (its x is {@code centres[2 first]})
     * @param count objects to read
     * @param x robot position, world frame
     * @param y robot position, world frame
     * @param yaw robot heading from the world x axis, rad (counter-clockwise)
     * @param bins sectors around the full circle, >= 1
     * @param range distance from which an object reads 0, > 0
     * @param out receives the readings. Modified.
     * @param offset first index written
     * @throws IllegalArgumentException if the pose is not finite, {@code bins < 1}, {@code range} is not finite
     *     and > 0, the objects asked for are not all in {@code centres}, or {@code out} is too short
     */
    public static void write(double[] centres, int first, int count, double x, double y, double yaw, int bins,
            double range, double[] out, int offset) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(yaw)) {
            throw new IllegalArgumentException("pseudo-lidar pose must be finite, got x=" + x + " y=" + y
                    + " yaw=" + yaw);
        }
        if (bins < 1 || !(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("pseudo-lidar needs bins >= 1 and a finite range > 0, got " + bins
                    + " and " + range);
        }
        if (first < 0 || count < 0 || 2L * (first + (long) count) > centres.length) {
            throw new IllegalArgumentException("pseudo-lidar asked for objects " + first + " to " + (first + count - 1)
                    + ", " + centres.length + " coordinates give " + centres.length / 2);
        }
        if (offset < 0 || out.length - offset < bins) {
            throw new IllegalArgumentException("pseudo-lidar needs " + bins + " entries from offset " + offset
                    + ", the array has " + out.length);
        }
        Arrays.fill(out, offset, offset + bins, 0.0);
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        double width = FULL_TURN / bins;
        for (int i = first; i < first + count; i++) {
            double dx = centres[2 * i] - x;
            double dy = centres[2 * i + 1] - y;
            double distance = Math.sqrt(dx * dx + dy * dy);
            if (distance >= range) {
                continue; // reads 0 in every bin, the value already there
            }
            double ahead = dx * cos + dy * sin;
            double left = -dx * sin + dy * cos;
            double angle = Math.atan2(left, ahead);
            if (angle < 0) {
                angle += FULL_TURN;
            }
            int bin = Math.min(bins - 1, (int) (angle / width));
            double alias = Math.max(0.0, Math.min(1.0, (angle - bin * width) / width));
            double value = (range - distance) / range;
            raise(out, offset + bin, value);
            raise(out, offset + (bin + 1) % bins, alias * value);
            raise(out, offset + (bin + bins - 1) % bins, (1 - alias) * value);
        }
    }

    private static void raise(double[] out, int index, double value) {
        if (value > out[index]) {
            out[index] = value;
        }
    }
}
