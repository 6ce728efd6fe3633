/**
 * The robot-control node: ROS arguments and parameters, the fixed-rate control loop (odometry to observation,
 * policy, velocity limits, {@code cmd_vel}), the safety supervisor, the online CPO driver, diagnostics, and the
 * embedded simulator exposed as a robot. Talks to the outside world only through {@link
 * org.cponode.robot.RobotTransport}, so everything here is tested in-process; the DDS adapter is a thin class.
 */
package org.cponode.robot;
