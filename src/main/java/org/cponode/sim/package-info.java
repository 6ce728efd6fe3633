/**
 * The embedded simulator: the paper's Point-Circle and Point-Gather and Safety Gymnasium's Goal level 1
 * ({@link org.cponode.sim.PointGoal}) on the point robot, and the real-scale
 * differential-drive circle task with its dynamics departures ({@link org.cponode.sim.DiffDriveDynamics}), each
 * an {@link org.cponode.sim.Environment} listed in {@link org.cponode.sim.Tasks}. The diffdrive task's
 * definition (reward, cost, observation, limits) is in {@code task}, shared with the node. Steps allocate
 * nothing.
 */
package org.cponode.sim;
