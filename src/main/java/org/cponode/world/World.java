package org.cponode.world;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a robot's floor holds, in one world frame (metres): walls, obstacles a range sensor sees (circles and
 * boxes), keep-out zones it does not see (painted or virtual areas the robot must not enter, which a cost counts)
 * and an optional goal region. Immutable; {@link #inKeepOutZone} allocates nothing. {@link RayCaster} casts rays
 * against the walls and obstacles.
 *
 * @param walls line segments
 * @param circles round obstacles
 * @param boxes box obstacles, axis-aligned or turned
 * @param keepOutZones circles, boxes or simple polygons
 * @param goal the goal region, if the world has one
 */
public record World(List<Segment> walls, List<Circle> circles, List<Box> boxes, List<Region> keepOutZones,
        Optional<Box> goal) {

    public World {
        walls = List.copyOf(walls);
        circles = List.copyOf(circles);
        boxes = List.copyOf(boxes);
        keepOutZones = List.copyOf(keepOutZones);
        Objects.requireNonNull(goal, "goal (Optional.empty() for none)");
    }

    /** Whether (x, y) lies in any keep-out zone, boundaries as each zone's shape counts them. */
    public boolean inKeepOutZone(double x, double y) {
        for (int i = 0; i < keepOutZones.size(); i++) {
            if (keepOutZones.get(i).contains(x, y)) {
                return true;
            }
        }
        return false;
    }
}
