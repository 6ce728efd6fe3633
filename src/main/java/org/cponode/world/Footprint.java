package org.cponode.world;

/**
 * A robot's round footprint in a {@link World}: whether a disc of {@code radius} centred at a point touches a
 * wall or a circle or box obstacle (keep-out zones are painted on the floor and cannot be touched). Allocates
 * nothing.
 *
 * @param world the walls and obstacles
 * @param radius m, finite and > 0
 */
public record Footprint(World world, double radius) {

    public Footprint {
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("a footprint needs a finite radius > 0, got " + radius);
        }
    }

    /** Whether the footprint centred at (x, y) overlaps or touches a wall or obstacle. */
    public boolean touches(double x, double y) {
        double r2 = radius * radius;
        for (int i = 0; i < world.walls().size(); i++) {
            Segment w = world.walls().get(i);
            double ex = w.x2() - w.x1();
            double ey = w.y2() - w.y1();
            double t = Math.max(0, Math.min(1, ((x - w.x1()) * ex + (y - w.y1()) * ey) / (ex * ex + ey * ey)));
            double dx = x - (w.x1() + t * ex);
            double dy = y - (w.y1() + t * ey);
            if (dx * dx + dy * dy <= r2) {
                return true;
            }
        }
        for (int i = 0; i < world.circles().size(); i++) {
            Circle c = world.circles().get(i);
            double reach = c.radius() + radius;
            double dx = x - c.x();
            double dy = y - c.y();
            if (dx * dx + dy * dy <= reach * reach) {
                return true;
            }
        }
        for (int i = 0; i < world.boxes().size(); i++) {
            Box b = world.boxes().get(i);
            double c = Math.cos(b.yaw());
            double s = Math.sin(b.yaw());
            double dx = x - b.x();
            double dy = y - b.y();
            // The centre in the box's own frame, then its distance beyond each pair of faces.
            double u = Math.max(0, Math.abs(c * dx + s * dy) - b.halfLength());
            double v = Math.max(0, Math.abs(-s * dx + c * dy) - b.halfWidth());
            if (u * u + v * v <= r2) {
                return true;
            }
        }
        return false;
    }
}
