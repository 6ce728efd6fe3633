/**
 * The embedded simulator: robot models times task designs (Point-Circle, Point-Gather, the real-scale
 * differential-drive circle task), each an {@link org.cponode.sim.Environment}. The diffdrive task's
 * geometry, observation and cost live here once, so the ROS node reuses them. Depends only on {@code math}.
 */
package org.cponode.sim;
