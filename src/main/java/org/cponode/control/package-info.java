/**
 * The one control core every velocity command to a robot passes ({@link org.cponode.control.ControlCore}), in
 * parts with one job each: sensor health ({@link org.cponode.control.Supervisor}, {@link org.cponode.control.Fault}),
 * the window arbiter that decides who drives and what a step is charged
 * ({@link org.cponode.control.WindowArbiter}), the command sources (the policy, the way back of
 * {@link org.cponode.control.SafeAreaReturn}, zero), the actuator (limits, then the transport) and the
 * experience recorder that feeds the online learner; the fixed-rate {@link org.cponode.control.ControlLoop}
 * on the node's clock ({@link org.cponode.control.NodeClock}), and the contracts with the outside world
 * ({@link org.cponode.control.RobotTransport}, {@link org.cponode.control.SensorSink}). No ROS or MQTT: the node
 * and the transfer trial plug transports in.
 */
package org.cponode.control;
