package org.cponode.world;

/**
 * A rectangle, axis-aligned or turned by {@code yaw} about its centre: a box obstacle, a keep-out zone or the
 * goal region. Its own x axis points along {@code yaw} (counter-clockwise from the world's x axis).
 *
 * @param x centre, m
 * @param y centre, m
 * @param halfLength half the extent along the box's own x axis, m, finite and positive
 * @param halfWidth half the extent along the box's own y axis, m, finite and positive
 * @param yaw rad, finite
 */
public record Box(double x, double y, double halfLength, double halfWidth, double yaw) implements Region {

    public Box {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(yaw)) {
            throw new IllegalArgumentException("a box needs a finite centre and yaw, got centre (" + x + ", " + y
                    + "), yaw " + yaw);
        }
        if (!(halfLength > 0) || !(halfWidth > 0) || !Double.isFinite(halfLength) || !Double.isFinite(halfWidth)) {
            throw new IllegalArgumentException("a box needs finite half extents > 0, got " + halfLength + " by "
                    + halfWidth);
        }
    }

    /**
     * The axis-aligned box from (minX, minY) to (maxX, maxY).
     *
     * @throws IllegalArgumentException unless the bounds are finite with {@code minX < maxX} and {@code minY < maxY}
     */
    public static Box axisAligned(double minX, double minY, double maxX, double maxY) {
        if (!(minX < maxX) || !(minY < maxY) || !Double.isFinite(minX) || !Double.isFinite(maxX)
                || !Double.isFinite(minY) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("an axis-aligned box needs finite bounds with min < max, got x " + minX
                    + " to " + maxX + ", y " + minY + " to " + maxY);
        }
        return new Box((minX + maxX) / 2, (minY + maxY) / 2, (maxX - minX) / 2, (maxY - minY) / 2, 0);
    }

    /** Inside or on the box's edges. */
    @Override
    public boolean contains(double px, double py) {
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        double dx = px - x;
        double dy = py - y;
        // The point in the box's own frame: rotated by -yaw about the centre.
        double u = c * dx + s * dy;
        double v = -s * dx + c * dy;
        return Math.abs(u) <= halfLength && Math.abs(v) <= halfWidth;
    }
}
