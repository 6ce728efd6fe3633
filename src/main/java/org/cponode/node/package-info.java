/**
 * The robot-control node: ROS arguments and the parameter table ({@link org.cponode.node.NodeParameters},
 * {@link org.cponode.node.NodeConfiguration}), its values while the node runs and their live sets
 * ({@link org.cponode.node.LiveParameters}) with the ROS parameter services and events that serve them
 * ({@link org.cponode.node.ParameterServices}), the node's phases (configure, activate, deactivate) around the
 * control core and the online learner ({@link org.cponode.node.RobotNode}), those phases as a ROS 2 managed node's
 * transitions on one transport ({@link org.cponode.node.ManagedNode}, {@link org.cponode.node.SharedTransport}),
 * its typed state ({@link org.cponode.node.NodeSnapshot}), the operations a fleet may call
 * ({@link org.cponode.node.NodeControl}) and its ROS 2 transport ({@link org.cponode.node.DdsRobotTransport}).
 */
package org.cponode.node;
