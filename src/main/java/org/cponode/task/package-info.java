/**
 * The robot task as the simulator, the node and the transfer trial all define it: the robot model and its
 * velocity limiter ({@link org.cponode.task.DiffDriveModel}, {@link org.cponode.task.VelocityLimiter}), the
 * circle and corridor ({@link org.cponode.task.CircleGeometry}), the reward, cost and action scaling of
 * {@code diffdrive-circle} ({@link org.cponode.task.DiffDriveTask}), its observation
 * ({@link org.cponode.task.DiffDriveObservation}), the node's safe area, a corridor or a polygon
 * ({@link org.cponode.task.SafeArea}), Safety Gymnasium's pseudo-lidar of objects around the robot
 * ({@link org.cponode.task.PseudoLidar}), and task files, which define a task in YAML
 * ({@link org.cponode.task.TaskFile}, read into a {@link org.cponode.task.TaskDefinition}). Pure functions, small
 * records and the file's parser; nothing here runs a loop.
 */
package org.cponode.task;
