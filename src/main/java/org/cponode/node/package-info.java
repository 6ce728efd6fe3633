/**
 * The robot-control node: ROS arguments and the parameter table ({@link org.cponode.node.NodeParameters},
 * {@link org.cponode.node.NodeConfiguration}), the node's phases (configure, activate, deactivate) around the
 * control core and the online learner ({@link org.cponode.node.RobotNode}), those phases as a ROS 2 managed node's
 * transitions ({@link org.cponode.node.ManagedNode}), its typed state ({@link org.cponode.node.NodeSnapshot}), the
 * operations a fleet may call ({@link org.cponode.node.NodeControl}) and its ROS 2 transport
 * ({@link org.cponode.node.DdsRobotTransport}).
 */
package org.cponode.node;
