package org.cponode.task;

import java.util.List;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Where the robot may be without cost, in the task frame (metres, relative to the task origin): the circle
 * task's corridor {@code |x| <= x_lim} (the cost the policy was trained with, {@link DiffDriveTask#cost}), or
 * a simple polygon given as {@code safe_polygon: "[[x1, y1], [x2, y2], ...]"}, the string form nav2's collision
 * monitor uses for polygons (a ROS parameter cannot hold a list of pairs). A polygon whose edges cross or
 * overlap, or whose points lie on one line, is refused: inside and outside would mean nothing the user drew.
 * Immutable; {@link #cost} allocates nothing.
 */
public final class SafeArea {

    /** Most points of a polygon: nav2's are a handful, and the check for crossing edges takes n^2 / 2 steps. */
    public static final int MAX_POINTS = 1000;

    private final CircleGeometry geometry;
    /** Vertices as x0, y0, x1, y1, ...; empty for the corridor. */
    private final double[] polygon;

    private SafeArea(CircleGeometry geometry, double[] polygon) {
        this.geometry = geometry;
        this.polygon = polygon;
    }

    /** The task's corridor. */
    public static SafeArea corridor(CircleGeometry geometry) {
        return new SafeArea(geometry, new double[0]);
    }

    /**
     * The area a {@code safe_polygon} parameter describes: the corridor for an empty string, else the polygon.
     *
     * @throws IllegalArgumentException if the text is not a list of 3 to {@value #MAX_POINTS} finite [x, y] pairs
     *     forming a simple polygon: no point repeating the one before it, not all on one line, no two edges
     *     crossing, touching or overlapping other than neighbours at their shared point
     */
    public static SafeArea parse(CircleGeometry geometry, String safePolygon) {
        if (safePolygon.isBlank()) {
            return corridor(geometry);
        }
        String shape = "must be empty (corridor) or a list of at least 3 [x, y] points in metres, e.g. "
                + "\"[[-1.0, -2.0], [1.0, -2.0], [1.0, 2.0], [-1.0, 2.0]]\"";
        Object loaded;
        try {
            loaded = YamlLoader.load(safePolygon);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("parameter 'safe_polygon' " + shape + "; not valid YAML: "
                    + YamlErrors.describe(e));
        }
        if (!(loaded instanceof List<?> points) || points.size() < 3) {
            throw new IllegalArgumentException("parameter 'safe_polygon' " + shape);
        }
        if (points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("parameter 'safe_polygon' must have at most " + MAX_POINTS
                    + " points, got " + points.size());
        }
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            if (!(points.get(i) instanceof List<?> p) || p.size() != 2 || !(p.get(0) instanceof Number x)
                    || !(p.get(1) instanceof Number y) || !Double.isFinite(x.doubleValue())
                    || !Double.isFinite(y.doubleValue())) {
                throw new IllegalArgumentException("parameter 'safe_polygon' point " + (i + 1) + " " + shape);
            }
            xy[2 * i] = x.doubleValue();
            xy[2 * i + 1] = y.doubleValue();
        }
        String problem = simplePolygonProblem(xy);
        if (problem != null) {
            throw new IllegalArgumentException("parameter 'safe_polygon' " + problem);
        }
        return new SafeArea(geometry, xy);
    }

    /** Why the polygon with vertices {@code xy} is not simple, or null. */
    private static String simplePolygonProblem(double[] xy) {
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            int previous = (i + n - 1) % n;
            if (xy[2 * i] == xy[2 * previous] && xy[2 * i + 1] == xy[2 * previous + 1]) {
                return "point " + (Math.max(i, previous) + 1) + " repeats point " + (Math.min(i, previous) + 1);
            }
        }
        if (onOneLine(xy)) {
            return "has zero area: its points lie on one line";
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean neighbours = j == i + 1 || i == 0 && j == n - 1;
                if (neighbours ? foldsBack(xy, i, j, n) : meet(xy, i, j, n)) {
                    return "is not a simple polygon: " + edge(i, n) + (neighbours ? " and " + edge(j, n) + " overlap"
                            : " crosses " + edge(j, n));
                }
            }
        }
        return null;
    }

    /** Edge {@code e} (from point e to e + 1, the last back to the first), 1-based as the user counts. */
    private static String edge(int e, int n) {
        return "edge " + (e + 1) + " (point " + (e + 1) + " to " + ((e + 1) % n + 1) + ")";
    }

    /**
     * Whether every point lies on the line through the first two, to rounding: decimal coordinates of collinear
     * points rarely give an exact zero cross product.
     */
    private static boolean onOneLine(double[] xy) {
        double ux = xy[2] - xy[0];
        double uy = xy[3] - xy[1];
        for (int i = 2; i < xy.length / 2; i++) {
            double vx = xy[2 * i] - xy[0];
            double vy = xy[2 * i + 1] - xy[1];
            if (Math.abs(ux * vy - uy * vx) > 1e-12 * Math.hypot(ux, uy) * Math.hypot(vx, vy)) {
                return false;
            }
        }
        return true;
    }

    /** Whether neighbouring edges a and b run back along each other from their shared point. */
    private static boolean foldsBack(double[] xy, int a, int b, int n) {
        int shared = b == a + 1 ? b : a;
        int from = b == a + 1 ? a : b;
        int to = (shared + 1) % n;
        double ux = xy[2 * from] - xy[2 * shared];
        double uy = xy[2 * from + 1] - xy[2 * shared + 1];
        double vx = xy[2 * to] - xy[2 * shared];
        double vy = xy[2 * to + 1] - xy[2 * shared + 1];
        return ux * vy - uy * vx == 0 && ux * vx + uy * vy > 0;
    }

    /** Whether edges a and b have a point in common (crossing, touching or overlapping). */
    private static boolean meet(double[] xy, int a, int b, int n) {
        double px = xy[2 * a];
        double py = xy[2 * a + 1];
        double qx = xy[2 * ((a + 1) % n)];
        double qy = xy[2 * ((a + 1) % n) + 1];
        double rx = xy[2 * b];
        double ry = xy[2 * b + 1];
        double sx = xy[2 * ((b + 1) % n)];
        double sy = xy[2 * ((b + 1) % n) + 1];
        double d1 = Math.signum(cross(px, py, qx, qy, rx, ry));
        double d2 = Math.signum(cross(px, py, qx, qy, sx, sy));
        double d3 = Math.signum(cross(rx, ry, sx, sy, px, py));
        double d4 = Math.signum(cross(rx, ry, sx, sy, qx, qy));
        if (d1 * d2 < 0 && d3 * d4 < 0) {
            return true;
        }
        return d1 == 0 && within(px, py, qx, qy, rx, ry) || d2 == 0 && within(px, py, qx, qy, sx, sy)
                || d3 == 0 && within(rx, ry, sx, sy, px, py) || d4 == 0 && within(rx, ry, sx, sy, qx, qy);
    }

    /** (b - a) x (c - a): positive when c lies left of the line from a to b. */
    private static double cross(double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    /** Whether c, on the line through a and b, lies within their bounding box, so on the segment. */
    private static boolean within(double ax, double ay, double bx, double by, double cx, double cy) {
        return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
    }

    /** True for a polygon, false for the corridor. */
    public boolean isPolygon() {
        return polygon.length > 0;
    }

    /** Number of polygon vertices (0 for the corridor). */
    public int vertices() {
        return polygon.length / 2;
    }

    /**
     * Cost of being at (x, y) in the task frame after a step: 1 outside the area, else 0.
     *
     * @param x m, relative to the task origin
     * @param y m, relative to the task origin
     */
    public double cost(double x, double y) {
        if (polygon.length == 0) {
            return DiffDriveTask.cost(geometry, x);
        }
        return inside(x, y) ? 0.0 : CircleGeometry.MAX_STEP_COST;
    }

    /**
     * Signed distance from (x, y) to the area's boundary, in metres: positive outside, negative inside, and the
     * unit direction that leads into (deeper into) the area, written to {@code direction}. Allocates nothing.
     *
     * @param direction receives {ux, uy}. Modified.
     */
    public double escape(double x, double y, double[] direction) {
        if (polygon.length == 0) {
            direction[0] = CircleGeometry.corridorDirection(x);
            direction[1] = 0.0;
            return geometry.corridorDistance(x);
        }
        boolean in = inside(x, y);
        double best = Double.POSITIVE_INFINITY;
        double bestX = x;
        double bestY = y;
        double bestEx = 1;
        double bestEy = 0;
        int n = polygon.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = polygon[2 * j];
            double ay = polygon[2 * j + 1];
            double ex = polygon[2 * i] - ax;
            double ey = polygon[2 * i + 1] - ay;
            double len2 = ex * ex + ey * ey;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / len2));
            double px = ax + t * ex;
            double py = ay + t * ey;
            double d = Math.hypot(x - px, y - py);
            if (d < best) {
                best = d;
                bestX = px;
                bestY = py;
                bestEx = ex;
                bestEy = ey;
            }
        }
        if (best == 0) {
            // On an edge: into the area is along the edge's normal, whichever side is inside.
            double len = Math.hypot(bestEx, bestEy);
            double nx = len == 0 ? 1 : -bestEy / len;
            double ny = len == 0 ? 0 : bestEx / len;
            boolean leftInside = inside(x + 1e-6 * nx, y + 1e-6 * ny);
            direction[0] = leftInside ? nx : -nx;
            direction[1] = leftInside ? ny : -ny;
            return 0.0;
        }
        double sign = in ? -1.0 : 1.0;
        direction[0] = sign * (bestX - x) / best;
        direction[1] = sign * (bestY - y) / best;
        return sign * best;
    }

    /** Even-odd ray casting; points exactly on an edge count as whichever side the crossing test gives. */
    private boolean inside(double x, double y) {
        boolean in = false;
        int n = polygon.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = polygon[2 * i];
            double yi = polygon[2 * i + 1];
            double xj = polygon[2 * j];
            double yj = polygon[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }
}
