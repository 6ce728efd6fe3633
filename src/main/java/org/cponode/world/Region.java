package org.cponode.world;

/**
 * An area of the floor a point can be in: a keep-out zone's shape or the goal's. Tests allocate nothing.
 */
public sealed interface Region permits Circle, Box, Polygon {

    /**
     * Whether (x, y) lies in the area; each shape says how its boundary counts.
     *
     * @param x m, world frame
     * @param y m, world frame
     */
    boolean contains(double x, double y);
}
