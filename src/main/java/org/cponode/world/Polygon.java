package org.cponode.world;

import java.util.List;
import java.util.Optional;

/**
 * A simple polygon: at least 3 vertices, no vertex repeating the one before it, not all on one line, and no two
 * edges crossing, touching or overlapping other than neighbours at their shared vertex; inside and outside
 * would otherwise mean nothing the user drew. Vertices may run either way round; edge i runs from vertex i to
 * vertex i + 1, the last back to the first.
 *
 * @param vertices the corners in order, at least 3
 */
public record Polygon(List<Point> vertices) implements Region {

    /** Checks the polygon is simple (the check takes n^2 / 2 edge pairs). */
    public Polygon {
        vertices = List.copyOf(vertices);
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices, got " + vertices.size());
        }
        Optional<String> problem = simplicityProblem(vertices);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("polygon " + problem.get());
        }
    }

    /**
     * Why the polygon with these vertices (at least 3) is not simple, with vertices and edges counted from 1 as a
     * user counts them, e.g. "point 3 repeats point 2", "has zero area: its points lie on one line" or "is not a
     * simple polygon: edge 1 (point 1 to 2) crosses edge 3 (point 3 to 4)"; empty when it is simple.
     */
    public static Optional<String> simplicityProblem(List<Point> vertices) {
        int n = vertices.size();
        for (int i = 0; i < n; i++) {
            int previous = (i + n - 1) % n;
            Point a = vertices.get(i);
            Point b = vertices.get(previous);
            // == rather than equals: a record's equals tells 0.0 from -0.0, which are the same place.
            if (a.x() == b.x() && a.y() == b.y()) {
                return Optional.of("point " + (Math.max(i, previous) + 1) + " repeats point "
                        + (Math.min(i, previous) + 1));
            }
        }
        if (onOneLine(vertices)) {
            return Optional.of("has zero area: its points lie on one line");
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean neighbours = j == i + 1 || i == 0 && j == n - 1;
                if (neighbours ? foldsBack(vertices, i, j) : meet(vertices, i, j)) {
                    return Optional.of("is not a simple polygon: " + edge(i, n)
                            + (neighbours ? " and " + edge(j, n) + " overlap" : " crosses " + edge(j, n)));
                }
            }
        }
        return Optional.empty();
    }

    /** Edge {@code e} (from point e to e + 1, the last back to the first), 1-based as the user counts. */
    private static String edge(int e, int n) {
        return "edge " + (e + 1) + " (point " + (e + 1) + " to " + ((e + 1) % n + 1) + ")";
    }

    /**
     * Whether every point lies on the line through the first two, to rounding: decimal coordinates of collinear
     * points rarely give an exact zero cross product.
     */
    private static boolean onOneLine(List<Point> v) {
        Point a = v.get(0);
        double ux = v.get(1).x() - a.x();
        double uy = v.get(1).y() - a.y();
        for (int i = 2; i < v.size(); i++) {
            double vx = v.get(i).x() - a.x();
            double vy = v.get(i).y() - a.y();
            if (Math.abs(ux * vy - uy * vx) > 1e-12 * Math.hypot(ux, uy) * Math.hypot(vx, vy)) {
                return false;
            }
        }
        return true;
    }

    /** Whether neighbouring edges a and b run back along each other from their shared point. */
    private static boolean foldsBack(List<Point> v, int a, int b) {
        int n = v.size();
        int shared = b == a + 1 ? b : a;
        Point from = v.get(b == a + 1 ? a : b);
        Point at = v.get(shared);
        Point to = v.get((shared + 1) % n);
        double ux = from.x() - at.x();
        double uy = from.y() - at.y();
        double vx = to.x() - at.x();
        double vy = to.y() - at.y();
        return ux * vy - uy * vx == 0 && ux * vx + uy * vy > 0;
    }

    /** Whether edges a and b have a point in common (crossing, touching or overlapping). */
    private static boolean meet(List<Point> v, int a, int b) {
        int n = v.size();
        Point p = v.get(a);
        Point q = v.get((a + 1) % n);
        Point r = v.get(b);
        Point s = v.get((b + 1) % n);
        double d1 = Math.signum(cross(p, q, r));
        double d2 = Math.signum(cross(p, q, s));
        double d3 = Math.signum(cross(r, s, p));
        double d4 = Math.signum(cross(r, s, q));
        if (d1 * d2 < 0 && d3 * d4 < 0) {
            return true;
        }
        return d1 == 0 && within(p, q, r) || d2 == 0 && within(p, q, s) || d3 == 0 && within(r, s, p)
                || d4 == 0 && within(r, s, q);
    }

    /** (b - a) x (c - a): positive when c lies left of the line from a to b. */
    private static double cross(Point a, Point b, Point c) {
        return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
    }

    /** Whether c, on the line through a and b, lies within their bounding box, so on the segment. */
    private static boolean within(Point a, Point b, Point c) {
        return Math.min(a.x(), b.x()) <= c.x() && c.x() <= Math.max(a.x(), b.x())
                && Math.min(a.y(), b.y()) <= c.y() && c.y() <= Math.max(a.y(), b.y());
    }

    /**
     * Even-odd ray casting; a point exactly on an edge counts as whichever side the crossing test gives.
     */
    @Override
    public boolean contains(double x, double y) {
        boolean in = false;
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point vi = vertices.get(i);
            Point vj = vertices.get(j);
            if ((vi.y() > y) != (vj.y() > y) && x < (vj.x() - vi.x()) * (y - vi.y()) / (vj.y() - vi.y()) + vi.x()) {
                in = !in;
            }
        }
        return in;
    }
}
