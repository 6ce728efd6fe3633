package org.cponode.world;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A round footprint touches walls, circles and turned boxes at exactly its radius, and never keep-out zones. */
class FootprintTest {

    private static final World ROOM = new World(Segment.room(-2, -2, 2, 2), List.of(new Circle(1, 1, 0.2)),
            List.of(new Box(-1, 1, 0.3, 0.1, Math.PI / 4)), List.of(new Circle(0, 0, 0.5)), Optional.empty());
    private static final Footprint ROBOT = new Footprint(ROOM, 0.1);

    @Test
    void touchesAWallAtItsRadius() {
        assertTrue(ROBOT.touches(1.901, 0));
        assertFalse(ROBOT.touches(1.899, 0));
        assertTrue(ROBOT.touches(-1.95, -1.95), "in a corner");
    }

    @Test
    void touchesACircleWithinTheSumOfTheRadii() {
        assertTrue(ROBOT.touches(1.299, 1));
        assertFalse(ROBOT.touches(1.301, 1));
    }

    @Test
    void touchesATurnedBoxAlongItsOwnAxes() {
        double c = Math.cos(Math.PI / 4);
        // 0.3 + 0.1 along the box's own x axis, and just beyond that.
        assertTrue(ROBOT.touches(-1 + 0.399 * c, 1 + 0.399 * c));
        assertFalse(ROBOT.touches(-1 + 0.401 * c, 1 + 0.401 * c));
        // Along its own y axis the half width is 0.1.
        assertTrue(ROBOT.touches(-1 - 0.199 * c, 1 + 0.199 * c));
        assertFalse(ROBOT.touches(-1 - 0.201 * c, 1 + 0.201 * c));
    }

    @Test
    void keepOutZonesAreNotTouchedAndTheRadiusIsChecked() {
        assertFalse(ROBOT.touches(0, 0), "a painted zone cannot be touched");
        assertThrows(IllegalArgumentException.class, () -> new Footprint(ROOM, 0));
    }
}
