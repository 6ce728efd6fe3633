/**
 * The geometry of a robot's floor and what a range sensor sees of it, shared by the simulator and the node: a
 * {@link org.cponode.world.World} of walls ({@link org.cponode.world.Segment}), circle and box obstacles
 * ({@link org.cponode.world.Circle}, {@link org.cponode.world.Box}), keep-out zones
 * ({@link org.cponode.world.Region}: circles, boxes, simple {@link org.cponode.world.Polygon}s) and a goal box;
 * exact ray casting against it ({@link org.cponode.world.RayCaster}); whether a round robot touches its walls or
 * obstacles ({@link org.cponode.world.Footprint}); a LaserScan-like simulated range sensor
 * ({@link org.cponode.world.RangeSensor}); and the reduction of a simulated or real scan to a policy's angular
 * bins ({@link org.cponode.world.RangeBins}, {@link org.cponode.world.ScanStatus}). Immutable records and
 * allocation-free scans; nothing here runs a loop or reads a file.
 */
package org.cponode.world;
