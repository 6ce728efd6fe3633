package org.cponode.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Single rays against single shapes, where the hit (or the miss) can be written down exactly. */
class RayCasterTest {

    private static final double EXACT = 1e-12;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double DIAGONAL = Math.sqrt(0.5);

    private static RayCaster walls(Segment... walls) {
        return new RayCaster(new World(List.of(walls), List.of(), List.of(), List.of(), Optional.empty()));
    }

    private static RayCaster circles(Circle... circles) {
        return new RayCaster(new World(List.of(), List.of(circles), List.of(), List.of(), Optional.empty()));
    }

    private static RayCaster boxes(Box... boxes) {
        return new RayCaster(new World(List.of(), List.of(), List.of(boxes), List.of(), Optional.empty()));
    }

    @Test
    void aWallIsHitBetweenItsEndPointsFromEitherSide() {
        RayCaster wall = walls(new Segment(2, -1, 2, 1));
        assertEquals(2, wall.distance(0, 0, 1, 0, 10), EXACT);
        assertEquals(1, wall.distance(3, 0.5, -1, 0, 10), EXACT, "the back of the wall");
        // Towards (2, 1) from the origin: the end point counts.
        double length = Math.sqrt(5);
        assertEquals(length, wall.distance(0, 0, 2 / length, 1 / length, 10), EXACT);
        assertEquals(INF, wall.distance(0, 0, 2 / length, 1.001 / length, 10));
        assertEquals(INF, wall.distance(0, 0, -1, 0, 10), "behind the ray");
    }

    @Test
    void aRayAlongAWallsOwnLineDoesNotSeeIt() {
        RayCaster wall = walls(new Segment(1, 0, 2, 0));
        assertEquals(INF, wall.distance(0, 0, 1, 0, 10));
        assertEquals(INF, wall.distance(0, 1, 1, 0, 10), "parallel beside it");
    }

    @Test
    void aCircleIsHitAtTheNearerRootAndATangentRayTouchesIt() {
        RayCaster circle = circles(new Circle(3, 0, 1));
        assertEquals(2, circle.distance(0, 0, 1, 0, 10), EXACT);
        // Centre (2, 1), radius 1: the x axis touches it at (2, 0), where b = -2, k = 4 and b^2 - k = 0.
        RayCaster touching = circles(new Circle(2, 1, 1));
        assertEquals(2, touching.distance(0, 0, 1, 0, 10), 0, "tangent ray");
        RayCaster justMissed = circles(new Circle(2, 1, 1 - 1e-12));
        assertEquals(INF, justMissed.distance(0, 0, 1, 0, 10));
        // Along y = 0.5 the chord of (3, 0) r 1 starts at x = 3 - sqrt(1 - 0.5^2).
        assertEquals(3 - Math.sqrt(0.75), circle.distance(0, 0.5, 1, 0, 10), EXACT);
        assertEquals(INF, circle.distance(0, 0, -1, 0, 10), "behind the ray");
    }

    @Test
    void aBoxIsHitOnItsFaceAndARayThroughOnlyItsCornerOrAlongItsFaceTouchesIt() {
        RayCaster box = boxes(Box.axisAligned(1, 1, 2, 2));
        assertEquals(1, box.distance(0, 1.5, 1, 0, 10), EXACT);
        assertEquals(1, box.distance(1.5, 3, 0, -1, 10), EXACT);
        // From (0, 2) down and to the right, y = 2 - x meets the box only at its corner (1, 1).
        assertEquals(Math.sqrt(2), box.distance(0, 2, DIAGONAL, -DIAGONAL, 10), EXACT);
        // Along the line y = 1 of its lower face: it touches the face's start.
        assertEquals(1, box.distance(0, 1, 1, 0, 10), EXACT);
        assertEquals(INF, box.distance(0, 1 - 1e-12, 1, 0, 10));
        assertEquals(INF, box.distance(0, 1.5, -1, 0, 10), "behind the ray");
    }

    @Test
    void aTurnedBoxIsHitOnItsTurnedFaces() {
        // A square of side 2 turned 45 degrees about (3, 0): a diamond with corners sqrt(2) from its centre.
        RayCaster diamond = boxes(new Box(3, 0, 1, 1, Math.PI / 4));
        assertEquals(3 - Math.sqrt(2), diamond.distance(0, 0, 1, 0, 10), EXACT);
        // Its lower left face lies on x + y = 3 - sqrt(2); straight up from (2.5, -2) meets it at y = a - 2.5.
        double a = 3 - Math.sqrt(2);
        assertEquals(a - 2.5 - (-2), diamond.distance(2.5, -2, 0, 1, 10), EXACT);
    }

    @Test
    void fromOutsideABoxIsSeenAsItsFourEdgesAsWalls() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            Box box = new Box(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(0.05, 1),
                    rng.nextDouble(0.05, 1), rng.nextDouble(-4, 4));
            RayCaster solid = boxes(box);
            RayCaster edges = walls(edges(box));
            for (int ray = 0; ray < 200; ray++) {
                double x = rng.nextDouble(-3, 3);
                double y = rng.nextDouble(-3, 3);
                if (box.contains(x, y)) {
                    continue;
                }
                double angle = rng.nextDouble(0, 2 * Math.PI);
                double dx = Math.cos(angle);
                double dy = Math.sin(angle);
                assertEquals(edges.distance(x, y, dx, dy, 10), solid.distance(x, y, dx, dy, 10), 1e-9,
                        box + " from (" + x + ", " + y + ") at " + angle);
            }
        }
    }

    /** The box's outline as four segments, corners turned by its yaw about its centre. */
    private static Segment[] edges(Box b) {
        double c = Math.cos(b.yaw());
        double s = Math.sin(b.yaw());
        double[][] corners = {{b.halfLength(), b.halfWidth()}, {-b.halfLength(), b.halfWidth()},
            {-b.halfLength(), -b.halfWidth()}, {b.halfLength(), -b.halfWidth()}};
        Segment[] edges = new Segment[4];
        for (int i = 0; i < 4; i++) {
            double[] p = corners[i];
            double[] q = corners[(i + 1) % 4];
            edges[i] = new Segment(b.x() + c * p[0] - s * p[1], b.y() + s * p[0] + c * p[1],
                    b.x() + c * q[0] - s * q[1], b.y() + s * q[0] + c * q[1]);
        }
        return edges;
    }

    @Test
    void theNearestSurfaceWinsAndHitsBeyondTheLimitDoNotCount() {
        RayCaster world = new RayCaster(new World(List.of(new Segment(5, -1, 5, 1)), List.of(new Circle(3, 0, 0.5)),
                List.of(Box.axisAligned(1, -0.1, 1.2, 0.1)), List.of(), Optional.empty()));
        assertEquals(1, world.distance(0, 0, 1, 0, 10), EXACT);
        assertEquals(0.8, world.distance(2, 0, -1, 0, 10), EXACT, "the box's back face; the circle is behind");
        assertEquals(1, world.distance(1.5, 0, 1, 0, 10), EXACT, "the circle before the wall");
        assertEquals(1, world.distance(1.5, 0, 1, 0, 1), "a hit exactly at the limit counts");
        assertEquals(INF, world.distance(1.5, 0, 1, 0, 0.9999));
        assertEquals(INF, world.distance(4, 0, 0, 1, 10));
    }

    @Test
    void insideIsInsideOrOnACircleOrBoxAndAWallHasNoInside() {
        RayCaster world = new RayCaster(new World(List.of(new Segment(0, 0, 1, 0)), List.of(new Circle(3, 0, 0.5)),
                List.of(new Box(0, 3, 1, 0.25, Math.PI / 2)), List.of(), Optional.empty()));
        assertTrue(world.insideObstacle(3.1, 0.1));
        assertTrue(world.insideObstacle(3.5, 0));
        assertFalse(world.insideObstacle(3.51, 0));
        assertTrue(world.insideObstacle(0.2, 3.9), "the turned box stands along y");
        assertFalse(world.insideObstacle(0.3, 3));
        assertFalse(world.insideObstacle(0.5, 0));
        // Seen from inside, the circle itself is not hit: the wall beyond is.
        RayCaster circleAndWall = new RayCaster(new World(List.of(new Segment(2, -1, 2, 1)),
                List.of(new Circle(0, 0, 1)), List.of(), List.of(), Optional.empty()));
        assertEquals(2, circleAndWall.distance(0, 0, 1, 0, 10), EXACT);
    }
}
