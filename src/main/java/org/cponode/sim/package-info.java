/**
 * The embedded simulator: the paper's Point-Circle and Point-Gather and Safety Gymnasium's Goal level 1
 * ({@link org.cponode.sim.PointGoal}) on the point robot, the real-scale differential-drive robot
 * ({@link org.cponode.sim.DiffDriveRobot}, with its dynamics departures, {@link org.cponode.sim.DiffDriveDynamics})
 * on the circle task and in the environments task files define ({@link org.cponode.sim.TaskFileEnvironment}), each
 * an {@link org.cponode.sim.Environment} listed in {@link org.cponode.sim.Tasks}. The diffdrive tasks' definitions
 * (reward, cost, observation, limits, task files) are in {@code task}, shared with the node. Steps allocate
 * nothing.
 */
package org.cponode.sim;
