package org.cponode.robot;

import java.util.List;
import org.cponode.sim.CircleGeometry;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.SafeAreaReturn;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Where the robot may be without cost, in the task frame (metres, relative to the task origin): the circle
 * task's corridor {@code |x| <= x_lim} (the cost the policy was trained with, {@link DiffDriveCircle#cost}), or
 * a simple polygon given as {@code safe_polygon: "[[x1, y1], [x2, y2], ...]"}, the string form nav2's collision
 * monitor uses for polygons (a ROS parameter cannot hold a list of pairs). Immutable; {@link #cost} allocates
 * nothing.
 */
public final class SafeArea {

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
     * @throws IllegalArgumentException if the text is not a list of at least 3 finite [x, y] pairs
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
        return new SafeArea(geometry, xy);
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
            return DiffDriveCircle.cost(geometry, x);
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
            direction[0] = SafeAreaReturn.corridorDirection(x);
            direction[1] = 0.0;
            return SafeAreaReturn.corridorDistance(geometry, x);
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
