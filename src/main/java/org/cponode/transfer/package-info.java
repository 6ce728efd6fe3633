/**
 * Sim-to-real transfer: domain-randomisation and target-robot files ({@link org.cponode.transfer.DynamicsFile}),
 * and the transfer trial ({@link org.cponode.transfer.TransferTrial}): the node's control core and online learner
 * plus a trial policy (baseline windows, a start-safe budget, a report). The robot is a
 * {@link org.cponode.transfer.TargetRobot}: the perturbed simulator stepped in process
 * ({@link org.cponode.transfer.SimTargetRobot}) or a robot on ROS 2 topics through the node's transport and
 * control loop ({@link org.cponode.transfer.RosTargetRobot}).
 */
package org.cponode.transfer;
