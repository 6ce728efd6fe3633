package org.cponode.world;

import java.util.List;

/**
 * A wall: a line segment from (x1, y1) to (x2, y2) without thickness, seen from both sides.
 *
 * @param x1 m
 * @param y1 m
 * @param x2 m
 * @param y2 m
 */
public record Segment(double x1, double y1, double x2, double y2) {

    public Segment {
        if (!Double.isFinite(x1) || !Double.isFinite(y1) || !Double.isFinite(x2) || !Double.isFinite(y2)) {
            throw new IllegalArgumentException("a wall needs finite end points, got (" + x1 + ", " + y1 + ") to ("
                    + x2 + ", " + y2 + ")");
        }
        if (x1 == x2 && y1 == y2) {
            throw new IllegalArgumentException("a wall needs two different end points, got (" + x1 + ", " + y1
                    + ") twice");
        }
    }

    /**
     * The four walls of a rectangular room, counter-clockwise from the corner (minX, minY).
     *
     * @throws IllegalArgumentException unless the bounds are finite with {@code minX < maxX} and {@code minY < maxY}
     */
    public static List<Segment> room(double minX, double minY, double maxX, double maxY) {
        if (!(minX < maxX) || !(minY < maxY) || !Double.isFinite(minX) || !Double.isFinite(maxX)
                || !Double.isFinite(minY) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("a room needs finite bounds with min < max, got x " + minX + " to "
                    + maxX + ", y " + minY + " to " + maxY);
        }
        return List.of(new Segment(minX, minY, maxX, minY), new Segment(maxX, minY, maxX, maxY),
                new Segment(maxX, maxY, minX, maxY), new Segment(minX, maxY, minX, minY));
    }
}
