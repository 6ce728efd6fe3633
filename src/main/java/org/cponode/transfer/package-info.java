/**
 * Sim-to-real transfer: domain-randomisation and target-robot files ({@link org.cponode.transfer.DynamicsFile}),
 * and the transfer trial that hands a simulation-trained policy to a robot and fine-tunes it online with CPO
 * under a start-safe cost budget, writing a report. The robot is reached through
 * {@link org.cponode.transfer.TargetRobot}, so the trial logic does not depend on how the robot is connected:
 * {@link org.cponode.transfer.SimTargetRobot} is the perturbed simulator in process,
 * {@link org.cponode.transfer.RosTargetRobot} a robot on ROS 2 topics (only that class uses {@code ros}).
 */
package org.cponode.transfer;
