package org.cponode.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.cponode.Allocations;
import org.junit.jupiter.api.Test;

/** The world's records: what they refuse, and which points their zones contain. */
class WorldTest {

    private static List<Point> points(double... xy) {
        Point[] p = new Point[xy.length / 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = new Point(xy[2 * i], xy[2 * i + 1]);
        }
        return List.of(p);
    }

    private static String refusal(Runnable construct) {
        return assertThrows(IllegalArgumentException.class, construct::run).getMessage();
    }

    @Test
    void shapesRefuseNonFiniteNumbersAndDegenerateSizesNamingWhatIsWrong() {
        assertEquals("a point needs finite x and y, got (NaN, 0.0)", refusal(() -> new Point(Double.NaN, 0)));
        assertEquals("a wall needs finite end points, got (0.0, 0.0) to (Infinity, 1.0)",
                refusal(() -> new Segment(0, 0, Double.POSITIVE_INFINITY, 1)));
        assertEquals("a wall needs two different end points, got (1.0, 2.0) twice",
                refusal(() -> new Segment(1, 2, 1, 2)));
        assertEquals("a circle needs a finite centre and a finite radius > 0, got centre (0.0, 0.0), radius 0.0",
                refusal(() -> new Circle(0, 0, 0)));
        assertTrue(refusal(() -> new Circle(0, 0, -1)).contains("radius -1.0"));
        assertTrue(refusal(() -> new Circle(0, Double.NaN, 1)).contains("centre (0.0, NaN)"));
        assertEquals("a box needs finite half extents > 0, got 0.5 by 0.0", refusal(() -> new Box(0, 0, 0.5, 0, 0)));
        assertEquals("a box needs a finite centre and yaw, got centre (0.0, 0.0), yaw Infinity",
                refusal(() -> new Box(0, 0, 1, 1, Double.POSITIVE_INFINITY)));
        assertEquals("an axis-aligned box needs finite bounds with min < max, got x 1.0 to 1.0, y 0.0 to 2.0",
                refusal(() -> Box.axisAligned(1, 0, 1, 2)));
        assertEquals("a room needs finite bounds with min < max, got x 0.0 to 4.0, y 3.0 to -3.0",
                refusal(() -> Segment.room(0, 3, 4, -3)));
        assertThrows(NullPointerException.class, () -> new World(List.of(), List.of(), List.of(), List.of(), null));
    }

    @Test
    void polygonsMustBeSimpleWithAtLeastThreeVertices() {
        assertEquals("a polygon needs at least 3 vertices, got 2", refusal(() -> new Polygon(points(0, 0, 1, 0))));
        assertEquals("polygon point 3 repeats point 2", refusal(() -> new Polygon(points(0, 0, 1, 0, 1, 0, 0, 1))));
        assertEquals("polygon point 4 repeats point 1",
                refusal(() -> new Polygon(points(0, 0, 1, 0, 0, 1, -0.0, 0))));
        assertEquals("polygon has zero area: its points lie on one line",
                refusal(() -> new Polygon(points(0.1, 0.2, 0.3, 0.6, 0.2, 0.4))));
        assertEquals("polygon is not a simple polygon: edge 1 (point 1 to 2) crosses edge 3 (point 3 to 4)",
                refusal(() -> new Polygon(points(0, 0, 1, 1, 1, 0, 0, 1))));
        assertEquals("polygon is not a simple polygon: edge 1 (point 1 to 2) and edge 2 (point 2 to 3) overlap",
                refusal(() -> new Polygon(points(0, 0, 2, 0, 1, 0, 1, 1))));
        assertEquals(Optional.empty(), Polygon.simplicityProblem(points(0, 0, 2, 0, 2, 2, 0, 2)));
    }

    @Test
    void aRoomIsFourWallsCounterClockwiseFromTheLowerLeftCorner() {
        assertEquals(List.of(new Segment(-1, -2, 3, -2), new Segment(3, -2, 3, 4), new Segment(3, 4, -1, 4),
                new Segment(-1, 4, -1, -2)), Segment.room(-1, -2, 3, 4));
    }

    @Test
    void circlesAndBoxesContainTheirBoundary() {
        Circle c = new Circle(1, 2, 5);
        assertTrue(c.contains(4, 6)); // 3^2 + 4^2 = 5^2
        assertFalse(c.contains(4, 6.001));
        assertTrue(c.contains(1, 2));
        Box axis = Box.axisAligned(-1, 0, 1, 0.5);
        assertEquals(new Box(0, 0.25, 1, 0.25, 0), axis);
        assertTrue(axis.contains(1, 0.5));
        assertFalse(axis.contains(1.001, 0.2));
        // A 2 x 1 box turned 90 degrees about (3, 3) stands 1 wide and 2 tall.
        Box turned = new Box(3, 3, 1, 0.5, Math.PI / 2);
        assertTrue(turned.contains(3, 3.99));
        assertTrue(turned.contains(3.49, 3));
        assertFalse(turned.contains(3.51, 3));
        assertFalse(turned.contains(3, 4.01));
        // Turned 45 degrees, a square's corner reaches its half-diagonal along the axes.
        Box diamond = new Box(0, 0, 1, 1, Math.PI / 4);
        assertTrue(diamond.contains(Math.sqrt(2) - 1e-9, 0));
        assertFalse(diamond.contains(Math.sqrt(2) + 1e-9, 0));
        assertFalse(diamond.contains(0.8, 0.8));
    }

    @Test
    void aConcavePolygonContainsItsInsideOnly() {
        // An L: the square 0..2 x 0..2 without its upper right quarter.
        Polygon l = new Polygon(points(0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2));
        assertTrue(l.contains(0.5, 0.5));
        assertTrue(l.contains(1.5, 0.5));
        assertTrue(l.contains(0.5, 1.5));
        assertFalse(l.contains(1.5, 1.5));
        assertFalse(l.contains(-0.1, 1));
        assertFalse(l.contains(2.5, 0.5));
        // Clockwise vertices describe the same area.
        Polygon clockwise = new Polygon(points(0, 2, 1, 2, 1, 1, 2, 1, 2, 0, 0, 0));
        assertTrue(clockwise.contains(1.5, 0.5));
        assertFalse(clockwise.contains(1.5, 1.5));
    }

    @Test
    void aPointIsInTheKeepOutZonesIfAnyZoneContainsItWithoutAllocating() {
        World world = new World(Segment.room(-3, -3, 3, 3), List.of(new Circle(2, 2, 0.3)), List.of(),
                List.of(new Circle(-1, 0, 0.5), Box.axisAligned(1, -2, 2, -1),
                        new Polygon(points(0, 1, 1, 1, 0.5, 2))),
                Optional.of(Box.axisAligned(2, 2, 2.5, 2.5)));
        assertTrue(world.inKeepOutZone(-1.2, 0.3));
        assertTrue(world.inKeepOutZone(1.5, -1.5));
        assertTrue(world.inKeepOutZone(0.5, 1.5));
        assertFalse(world.inKeepOutZone(0, 0));
        assertFalse(world.inKeepOutZone(2, 2), "an obstacle is not a keep-out zone");
        assertTrue(world.goal().orElseThrow().contains(2.2, 2.4));
        long bytes = Allocations.fewest(5, 1, () -> {
            for (int i = 0; i < 10_000; i++) {
                world.inKeepOutZone(i * 1e-3, -1.5);
            }
        });
        assertEquals(0, bytes);
    }

    @Test
    void aWorldKeepsItsOwnCopyOfItsLists() {
        List<Circle> circles = new java.util.ArrayList<>(List.of(new Circle(0, 0, 1)));
        World world = new World(List.of(), circles, List.of(), List.of(), Optional.empty());
        circles.clear();
        assertEquals(1, world.circles().size());
        assertThrows(UnsupportedOperationException.class, () -> world.circles().add(new Circle(1, 1, 1)));
    }
}
