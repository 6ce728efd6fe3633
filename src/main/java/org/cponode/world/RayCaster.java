package org.cponode.world;

import java.util.List;

/**
 * Exact ray casting against a {@link World}'s walls, circles and boxes: each ray is tested against every one
 * of them in closed form (line against segment, quadratic against circle, slabs against box), so a scan costs
 * rays x shapes tests and allocates nothing. The world's shapes are copied once into flat arrays. Thread-safe:
 * it holds no state between calls.
 *
 * <p>Touching counts as hitting: a ray tangent to a circle, through a box's corner or along a box's face, or
 * through a wall's end point hits it there. A ray running along a wall's own line does not see that wall, which
 * has no thickness; in a room the walls it runs into end it.
 */
public final class RayCaster {

    /** The obstacles themselves, for the once-per-scan test whether the sensor is inside one. */
    private final List<Circle> circles;
    private final List<Box> boxes;

    // Walls: start point and the vector from start to end.
    private final double[] wallX;
    private final double[] wallY;
    private final double[] wallDx;
    private final double[] wallDy;
    // Circles: centre and squared radius.
    private final double[] circleX;
    private final double[] circleY;
    private final double[] circleRadius2;
    // Boxes: centre, cos and sin of the yaw, half extents along the box's own axes, and the squared radius of a
    // circle around the box (its half-diagonal, widened by BOUND_MARGIN so that rounding never has the circle
    // reject a ray that grazes a corner).
    private final double[] boxX;
    private final double[] boxY;
    private final double[] boxCos;
    private final double[] boxSin;
    private final double[] boxHalfLength;
    private final double[] boxHalfWidth;
    private final double[] boxBound2;

    /** Relative widening of a box's bounding circle. */
    private static final double BOUND_MARGIN = 1e-9;

    /** Prepares {@code world}'s walls and obstacles for casting; its keep-out zones and goal are not seen. */
    public RayCaster(World world) {
        int walls = world.walls().size();
        wallX = new double[walls];
        wallY = new double[walls];
        wallDx = new double[walls];
        wallDy = new double[walls];
        for (int i = 0; i < walls; i++) {
            Segment w = world.walls().get(i);
            wallX[i] = w.x1();
            wallY[i] = w.y1();
            wallDx[i] = w.x2() - w.x1();
            wallDy[i] = w.y2() - w.y1();
        }
        circles = world.circles();
        circleX = new double[circles.size()];
        circleY = new double[circles.size()];
        circleRadius2 = new double[circles.size()];
        for (int i = 0; i < circles.size(); i++) {
            Circle c = circles.get(i);
            circleX[i] = c.x();
            circleY[i] = c.y();
            circleRadius2[i] = c.radius() * c.radius();
        }
        boxes = world.boxes();
        boxX = new double[boxes.size()];
        boxY = new double[boxes.size()];
        boxCos = new double[boxes.size()];
        boxSin = new double[boxes.size()];
        boxHalfLength = new double[boxes.size()];
        boxHalfWidth = new double[boxes.size()];
        boxBound2 = new double[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            boxX[i] = b.x();
            boxY[i] = b.y();
            boxCos[i] = Math.cos(b.yaw());
            boxSin[i] = Math.sin(b.yaw());
            boxHalfLength[i] = b.halfLength();
            boxHalfWidth[i] = b.halfWidth();
            double bound = Math.hypot(b.halfLength(), b.halfWidth()) * (1 + BOUND_MARGIN);
            boxBound2[i] = bound * bound;
        }
    }

    /**
     * Whether (x, y) lies inside or on a circle or box obstacle: a sensor there has every ray start in the solid.
     * Walls have no inside.
     */
    public boolean insideObstacle(double x, double y) {
        for (int i = 0; i < circles.size(); i++) {
            if (circles.get(i).contains(x, y)) {
                return true;
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Distance along the ray from (x, y) in the unit direction (dx, dy) to the first wall or obstacle surface it
     * hits, if that is at most {@code maxDistance}; else +inf. An obstacle the origin lies inside is not seen
     * from within (the ray would leave it, not hit it): {@link #insideObstacle} tells that case apart.
     *
     * @param dx x component of the ray's direction; with dy, a unit vector
     * @param dy y component of the ray's direction
     * @param maxDistance m, the farthest hit that counts
     */
    public double distance(double x, double y, double dx, double dy, double maxDistance) {
        double nearest = maxDistance;
        boolean hit = false;
        for (int i = 0; i < wallX.length; i++) {
            // x + t d = wall start + u e, with a = wall start - x: t = (a x e) / (d x e), u = (a x d) / (d x e).
            double ax = wallX[i] - x;
            double ay = wallY[i] - y;
            double ex = wallDx[i];
            double ey = wallDy[i];
            double denominator = dx * ey - dy * ex;
            if (denominator == 0) {
                continue; // parallel to the wall, or along its line
            }
            double t = (ax * ey - ay * ex) / denominator;
            double u = (ax * dy - ay * dx) / denominator;
            if (t >= 0 && t <= nearest && u >= 0 && u <= 1) {
                nearest = t;
                hit = true;
            }
        }
        for (int i = 0; i < circleX.length; i++) {
            // |o + t d - c|^2 = r^2 with |d| = 1: t^2 + 2 b t + k = 0, b = d . (o - c), k = |o - c|^2 - r^2.
            double ex = x - circleX[i];
            double ey = y - circleY[i];
            double b = dx * ex + dy * ey;
            if (b >= 0) {
                continue; // heading away from the centre: from outside it never reaches the circle
            }
            double k = ex * ex + ey * ey - circleRadius2[i];
            double discriminant = b * b - k;
            if (discriminant < 0) {
                continue;
            }
            // The nearer root -b - sqrt(b^2 - k), written without the cancellation when it is small.
            double t = k / (-b + Math.sqrt(discriminant));
            if (t >= 0 && t <= nearest) {
                nearest = t;
                hit = true;
            }
        }
        for (int i = 0; i < boxX.length; i++) {
            double ex = x - boxX[i];
            double ey = y - boxY[i];
            // First the box's bounding circle, the cheap test that rejects most rays: from outside it, a ray
            // heading away from the centre or passing it by cannot meet the box.
            double b = dx * ex + dy * ey;
            double k = ex * ex + ey * ey - boxBound2[i];
            if (k > 0 && (b >= 0 || b * b < k)) {
                continue;
            }
            double c = boxCos[i];
            double s = boxSin[i];
            // Origin and direction in the box's frame (rotated by -yaw), then the slabs |u| <= hl, |v| <= hw.
            double u = c * ex + s * ey;
            double v = -s * ex + c * ey;
            double du = c * dx + s * dy;
            double dv = -s * dx + c * dy;
            double hl = boxHalfLength[i];
            double hw = boxHalfWidth[i];
            double enter = Double.NEGATIVE_INFINITY;
            double leave = Double.POSITIVE_INFINITY;
            if (du == 0) {
                if (Math.abs(u) > hl) {
                    continue;
                }
            } else {
                double t1 = (-hl - u) / du;
                double t2 = (hl - u) / du;
                enter = Math.min(t1, t2);
                leave = Math.max(t1, t2);
            }
            if (dv == 0) {
                if (Math.abs(v) > hw) {
                    continue;
                }
            } else {
                double t1 = (-hw - v) / dv;
                double t2 = (hw - v) / dv;
                enter = Math.max(enter, Math.min(t1, t2));
                leave = Math.min(leave, Math.max(t1, t2));
            }
            if (enter <= leave && enter >= 0 && enter <= nearest) {
                nearest = enter;
                hit = true;
            }
        }
        return hit ? nearest : Double.POSITIVE_INFINITY;
    }
}
