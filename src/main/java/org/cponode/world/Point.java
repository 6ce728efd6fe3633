package org.cponode.world;

/**
 * A point in the world frame.
 *
 * @param x m
 * @param y m
 */
public record Point(double x, double y) {

    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a point needs finite x and y, got (" + x + ", " + y + ")");
        }
    }
}
