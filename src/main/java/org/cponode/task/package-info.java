/**
 * The robot task as the simulator, the node and the transfer trial all define it: the robot model and its
 * velocity limiter ({@link org.cponode.task.DiffDriveModel}, {@link org.cponode.task.VelocityLimiter}), the
 * circle and corridor ({@link org.cponode.task.CircleGeometry}), the reward, cost and action scaling of
 * {@code diffdrive-circle} ({@link org.cponode.task.DiffDriveTask}), its observation
 * ({@link org.cponode.task.DiffDriveObservation}), the node's safe area, a corridor or a polygon
 * ({@link org.cponode.task.SafeArea}), and Safety Gymnasium's pseudo-lidar of objects around the robot
 * ({@link org.cponode.task.PseudoLidar}). Pure functions and small records; nothing here runs a loop.
 */
package org.cponode.task;
