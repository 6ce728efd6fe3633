/**
 * The fleet link: the robot's MQTT (v5, Eclipse Paho) connection to the operators' fleet manager —
 * retained status with an offline Last Will, rate-limited telemetry, events, and checked remote commands
 * (pause/resume learning, e-stop and release, a constraint's cost limit, policy version). Entry points:
 * {@link org.cponode.fleet.FleetConfig#fromParameters}, {@link org.cponode.fleet.FleetLink},
 * {@link org.cponode.fleet.FleetCommandHandler}. Depends on nothing else in cpo-node but its queues
 * ({@link org.cponode.queue.DropOldestQueue}) and the parameter declarations ({@code param}); the robot node wires
 * it in. Topics, payloads and the broker set-up are in docs/FLEET.md.
 *
 * <p>Inside, {@code FleetLink} keeps the queues, the rate limit and the command path; {@code FleetConnection}
 * owns the Paho client (reconnect with backoff, the offline Last Will, the command subscription);
 * {@code Payloads} writes the robot's JSON with jackson-core's generator, {@code StrictJson} reads commands
 * with its parser (strict RFC 8259, with limits), and {@code CommandGate} checks them.
 *
 * <h2>Parameters</h2>
 * {@link org.cponode.fleet.FleetConfig#DECLARATIONS} declares every {@code fleet.*} parameter (type, default,
 * unit, range, meaning) in the terms of {@code org.cponode.param}; the node's parameter table includes them, so
 * parameter files, {@code -p}, {@code --list-parameters} and the ROS parameter services treat them like the
 * node's own, all read-only while running. {@link org.cponode.fleet.FleetConfig#fromParameters} builds the link's
 * settings from the accepted values. docs/FLEET.md lists them.
 *
 * <h2>Threads</h2>
 * {@code publishTelemetry}, {@code publishEvent} and {@code publishStatus} never wait: the first two write JSON
 * with jackson-core on the caller's thread (the node's telemetry thread, not the control loop) into bounded
 * drop-oldest queues, the third replaces the status the link publishes. The link thread of
 * {@code FleetConnection} owns the connection; commands reach the {@link org.cponode.fleet.FleetCommandHandler}
 * on Paho's callback thread and the handler must not block.
 */
package org.cponode.fleet;
