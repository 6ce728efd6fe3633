package org.cponode.world;

/**
 * A disc: a round obstacle (a pillar, a bin) or a round keep-out zone.
 *
 * @param x centre, m
 * @param y centre, m
 * @param radius m, finite and positive
 */
public record Circle(double x, double y, double radius) implements Region {

    public Circle {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("a circle needs a finite centre and a finite radius > 0, got centre ("
                    + x + ", " + y + "), radius " + radius);
        }
    }

    /** Inside or on the circle. */
    @Override
    public boolean contains(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        return dx * dx + dy * dy <= radius * radius;
    }
}
