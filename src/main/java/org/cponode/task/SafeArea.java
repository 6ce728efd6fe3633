package org.cponode.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cponode.world.Point;
import org.cponode.world.Polygon;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Where the robot may be without cost, in the task frame (metres, relative to the task origin): the circle
 * task's corridor {@code |x| <= x_lim} (the cost the policy was trained with, {@link DiffDriveTask#cost}), or
 * a simple polygon given as {@code safe_polygon: "[[x1, y1], [x2, y2], ...]"}, the string form nav2's collision
 * monitor uses for polygons (a ROS parameter cannot hold a list of pairs). A polygon that is not simple
 * ({@link Polygon}: edges crossing or overlapping, points on one line) is refused: inside and outside would mean
 * nothing the user drew. Immutable; {@link #cost} allocates nothing.
 */
public final class SafeArea {

    /** Most points of a polygon: nav2's are a handful, and the check for crossing edges takes n^2 / 2 steps. */
    public static final int MAX_POINTS = 1000;

    /** The corridor; null for a polygon. */
    private final CircleGeometry geometry;
    /** The polygon; null for the corridor. */
    private final Polygon polygon;

    private SafeArea(CircleGeometry geometry, Polygon polygon) {
        this.geometry = geometry;
        this.polygon = polygon;
    }

    /** The task's corridor. */
    public static SafeArea corridor(CircleGeometry geometry) {
        return new SafeArea(geometry, null);
    }

    /** The inside of {@code polygon}. */
    public static SafeArea polygon(Polygon polygon) {
        return new SafeArea(null, polygon);
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
        List<Point> vertices = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            if (!(points.get(i) instanceof List<?> p) || p.size() != 2 || !(p.get(0) instanceof Number x)
                    || !(p.get(1) instanceof Number y) || !Double.isFinite(x.doubleValue())
                    || !Double.isFinite(y.doubleValue())) {
                throw new IllegalArgumentException("parameter 'safe_polygon' point " + (i + 1) + " " + shape);
            }
            vertices.add(new Point(x.doubleValue(), y.doubleValue()));
        }
        Optional<String> problem = Polygon.simplicityProblem(vertices);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("parameter 'safe_polygon' " + problem.get());
        }
        return polygon(new Polygon(vertices));
    }

    /** True for a polygon, false for the corridor. */
    public boolean isPolygon() {
        return polygon != null;
    }

    /** Number of polygon vertices (0 for the corridor). */
    public int vertices() {
        return polygon == null ? 0 : polygon.vertices().size();
    }

    /**
     * Cost of being at (x, y) in the task frame after a step: 1 outside the area, else 0.
     *
     * @param x m, relative to the task origin
     * @param y m, relative to the task origin
     */
    public double cost(double x, double y) {
        if (polygon == null) {
            return DiffDriveTask.cost(geometry, x);
        }
        return polygon.contains(x, y) ? 0.0 : CircleGeometry.MAX_STEP_COST;
    }

    /**
     * Signed distance from (x, y) to the area's boundary, in metres: positive outside, negative inside, and the
     * unit direction that leads into (deeper into) the area, written to {@code direction}. Allocates nothing.
     *
     * @param direction receives {ux, uy}. Modified.
     */
    public double escape(double x, double y, double[] direction) {
        if (polygon == null) {
            direction[0] = CircleGeometry.corridorDirection(x);
            direction[1] = 0.0;
            return geometry.corridorDistance(x);
        }
        boolean in = polygon.contains(x, y);
        double best = Double.POSITIVE_INFINITY;
        double bestX = x;
        double bestY = y;
        double bestEx = 1;
        double bestEy = 0;
        List<Point> vertices = polygon.vertices();
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = vertices.get(j).x();
            double ay = vertices.get(j).y();
            double ex = vertices.get(i).x() - ax;
            double ey = vertices.get(i).y() - ay;
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
            boolean leftInside = polygon.contains(x + 1e-6 * nx, y + 1e-6 * ny);
            direction[0] = leftInside ? nx : -nx;
            direction[1] = leftInside ? ny : -ny;
            return 0.0;
        }
        double sign = in ? -1.0 : 1.0;
        direction[0] = sign * (bestX - x) / best;
        direction[1] = sign * (bestY - y) / best;
        return sign * best;
    }
}
