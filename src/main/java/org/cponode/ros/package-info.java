/**
 * The node's ROS 2 transport: a {@link org.cponode.ros.RosNode} is its own DDS participant (Cyclone DDS
 * via FFM, {@code org.cponode.ros.dds}) and follows ROS 2's wire conventions itself.
 *
 * <h2>Using it (what the robot node does)</h2>
 * <pre>{@code
 * TopicNames.Remap r = TopicNames.Remap.parse("cmd_vel:=cmd_vel_nav");   // from --ros-args -r
 * RosNode node = RosNode.create(RosNode.Options.of("cpo_controller").withNamespace("robot1").withRemaps(List.of(r)));
 * Subscription<Odometry> odom = node.subscribe("odom", Odometry.TYPE, QosProfile.SENSOR_DATA, null);
 * Subscription<Bool> estop = node.subscribe("e_stop", Bool.TYPE, QosProfile.LATCHED, e -> latch(e.data()));
 * Publisher<Twist> cmd = node.publisher("cmd_vel", Twist.TYPE, QosProfile.DEFAULT);
 * FieldRef vx = Twist.TYPE.field("linear.x"), wz = Twist.TYPE.field("angular.z");   // once
 * // control loop, every tick: no blocking, no allocation
 * Odometry o = odom.latest();                          // volatile read; null before the first message
 * cmd.set(vx, v).set(wz, w).publishSample();           // in-place native sample
 * int peers = cmd.matchedCount();
 * node.close();                                         // stops the waitset thread, deletes the participant
 * }</pre>
 *
 * <h2>Threads</h2>
 * Each node has exactly one receive thread, {@code ros-waitset-<node>}, blocked in
 * {@code dds_waitset_wait}. It takes samples (returning every loan), decodes them into records, updates
 * {@link org.cponode.ros.Subscription#latest()} and then runs the subscription's callback, if any. Callbacks
 * therefore run one at a time on that thread and must return quickly (hand work to your own thread); a
 * callback that throws is counted and logged (see below), never fatal. The same thread handles matched and
 * incompatible-QoS events (log lines plus {@code matchedCount()} / {@code incompatibleQosCount()}).
 * Cyclone's log is the one thing that runs on Cyclone's threads: it goes to a sink that copies, counts and
 * rate-limits it (see below) instead of libddsc writing it to stderr.
 * Publishing happens on the caller's thread: {@code dds_write} serialises during the call. A control loop
 * that only calls {@code latest()}, the counters and the publish methods never waits for DDS (except a
 * reliable write into a full history, bounded at 100 ms).
 *
 * <h2>Dropped samples</h2>
 * A sample that cannot be decoded (invalid UTF-8, a string or sequence over the subscription's
 * {@link org.cponode.ros.Subscription.Limits}) is dropped; a sample whose callback threw is counted with them. A
 * sample whose CDR Cyclone cannot deserialise never reaches a subscription: Cyclone only logs a warning, which
 * counts it for its DDS topic. Counts are per topic and {@link org.cponode.ros.DropReason}:
 * {@link org.cponode.ros.Subscription#droppedCount(org.cponode.ros.DropReason)},
 * {@link org.cponode.ros.RosNode#sampleDrops()}.
 * Because a peer can send such samples as fast as the network carries them, none of this logs per sample: the
 * first drop of a topic and reason is logged at once (with the field, e.g. {@code header.frame_id}, and for a
 * callback the stack trace), later ones in one summary line per topic and reason every 5 s (how many, the first of
 * them, the total); a reason quiet for 5 s is logged at once again. Cyclone's messages are limited the same way per
 * source line (its first five at once). Closing the node logs the summaries still held back.
 *
 * <h2>Allocation</h2>
 * Receive: per message only the decoded record (and its strings, arrays and lists); per dropped sample one
 * exception without a stack trace. Publish:
 * {@link org.cponode.ros.Publisher#publish(Object)} encodes into reused native memory; the in-place setters
 * plus {@link org.cponode.ros.Publisher#publishSample()} need no record at all.
 *
 * <h2>Names and QoS</h2>
 * {@link org.cponode.ros.TopicNames} is the pure ROS name resolver (relative/absolute/{@code ~} names,
 * {@code {node}}/{@code {ns}} substitutions, namespace, {@code [node:]from:=to} remaps,
 * {@code __node}/{@code __ns}) and validates every name with rcl's and rmw's rules and length limits before
 * {@link org.cponode.ros.RosNode} hands it to libddsc; ROS topic {@code /a} is DDS topic {@code rt/a}.
 * {@link org.cponode.ros.QosProfile} has the ROS 2 profiles. The DDS domain is
 * {@code ROS_DOMAIN_ID} ({@link org.cponode.ros.RosNode#domainIdFromEnvironment}); libddsc reads
 * {@code CYCLONEDDS_URI} unless a configuration is passed in {@link org.cponode.ros.RosNode.Options}.
 *
 * <h2>Log</h2>
 * {@link org.cponode.ros.RosoutLog} is a java.util.logging handler that publishes a node's log records on
 * {@code /rosout} as rcl does (rcl_interfaces/msg/Log, the node's logger name,
 * {@link org.cponode.ros.QosProfile#ROSOUT}) from its own thread, {@code rosout-<node>}, fed through a bounded drop-oldest queue, so a log call never waits
 * for DDS. {@link org.cponode.ros.RosLogging} holds the logging ROS arguments ({@code --log-level}, {@code
 * --enable-}/{@code --disable-stdout-logs} and {@code -rosout-logs}) and sets java.util.logging's levels and
 * console from them; {@link org.cponode.ros.LogSeverity} maps rcl's severities to java.util.logging's levels.
 *
 * <h2>Services and the lifecycle</h2>
 * {@link org.cponode.ros.ServiceServer} and {@link org.cponode.ros.ServiceClient} are ROS 2 services as
 * rmw_cyclonedds puts them on the wire. {@link org.cponode.ros.LifecycleServer} makes a node a managed node: rcl's
 * state machine ({@link org.cponode.ros.LifecycleState}, {@link org.cponode.ros.LifecycleTransition}) with
 * rclcpp_lifecycle's services and {@code ~/transition_event}, running the node's callbacks in each transition.
 *
 * <h2>Security</h2>
 * {@link org.cponode.ros.RosSecurity} holds the SROS 2 settings as rcl reads them ({@code ROS_SECURITY_*},
 * the enclave); {@link org.cponode.ros.RosNode#create} secures the participant with the enclave's files, refuses
 * to start unsecured under {@code Enforce} ({@link org.cponode.ros.RosSecurityException}, one line naming the
 * file), and otherwise says at start that the domain is open. The participant's USER_DATA is
 * {@code enclave=<name>;}.
 */
package org.cponode.ros;
