/**
 * The embedded differential-drive robot as a ROS 2 robot: {@link org.cponode.simrobot.SimRobot} steps the
 * simulator on {@code cmd_vel} and publishes odometry (and {@code /clock}), over DDS
 * ({@link org.cponode.simrobot.DdsSimRobotTransport}) or in memory with a node
 * ({@link org.cponode.simrobot.InMemoryLink}).
 */
package org.cponode.simrobot;
