/**
 * The embedded simulator: robot models times task designs (Point-Circle, Point-Gather, the real-scale
 * differential-drive circle task), each an {@link org.cponode.sim.Environment} listed in
 * {@link org.cponode.sim.Tasks}. The diffdrive task's command shaping ({@link org.cponode.task.VelocityLimiter}),
 * observation ({@link org.cponode.task.DiffDriveObservation}), reward and cost live here once, so the ROS node
 * reuses them. Steps allocate nothing. Depends only on {@code java.base} (and, once it exists, {@code math}).
 */
package org.cponode.sim;
