/**
 * The fleet link: the robot's MQTT (v5, Eclipse Paho) connection to the operators' fleet manager —
 * retained status with an offline Last Will, rate-limited telemetry, events, and checked remote commands
 * (pause/resume learning, e-stop and release, a constraint's cost limit, policy version). Entry points:
 * {@link org.cponode.fleet.FleetConfig#fromParameters}, {@link org.cponode.fleet.FleetLink},
 * {@link org.cponode.fleet.FleetCommandHandler}. Depends on nothing else in cpo-node but its queues ({@link org.cponode.queue.DropOldestQueue}); the robot
 * node wires it in. Topics, payloads and the broker set-up are in docs/FLEET.md.
 *
 * <p>Inside, {@code FleetLink} keeps the queues, the rate limit and the command path; {@code FleetConnection}
 * owns the Paho client (reconnect with backoff, the offline Last Will, the command subscription);
 * {@code Payloads} writes the robot's JSON with jackson-core's generator, {@code StrictJson} reads commands
 * with its parser (strict RFC 8259, with limits), and {@code CommandGate} checks them.
 *
 * <h2>Parameters</h2>
 * Read from the node's parameters file by {@link org.cponode.fleet.FleetConfig#fromParameters}; any other
 * {@code fleet.*} key is rejected as a typo.
 * <table>
 * <caption>fleet.* parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>unit / meaning</th></tr>
 * <tr><td>fleet.enabled</td><td>bool</td><td>false</td><td>the link is off unless true</td></tr>
 * <tr><td>fleet.broker_uri</td><td>string</td><td>required</td><td>{@code tcp://host:port} or {@code ssl://host:port}</td></tr>
 * <tr><td>fleet.robot_id</td><td>string</td><td>required</td><td>one topic level, {@code A-Z a-z 0-9 _ . : -}, ≤ 64 chars</td></tr>
 * <tr><td>fleet.topic_prefix</td><td>string</td><td>fleet</td><td>topic levels before the robot id</td></tr>
 * <tr><td>fleet.username</td><td>string</td><td>robot id if a password file is set, else none</td><td>broker account</td></tr>
 * <tr><td>fleet.password_file</td><td>path</td><td>none</td><td>file whose first line is the password</td></tr>
 * <tr><td>fleet.tls.ca_file</td><td>path</td><td>JVM trust store</td><td>PEM CA certificate(s); ssl:// only</td></tr>
 * <tr><td>fleet.tls.cert_file</td><td>path</td><td>none</td><td>PEM client certificate (mutual TLS)</td></tr>
 * <tr><td>fleet.tls.key_file</td><td>path</td><td>none</td><td>PEM PKCS#8 unencrypted client key</td></tr>
 * <tr><td>fleet.telemetry_rate</td><td>double</td><td>2.0</td><td>Hz, per telemetry stream, (0, 1000]</td></tr>
 * <tr><td>fleet.offline_buffer</td><td>int</td><td>1024</td><td>telemetry messages kept while offline, [2, 65536]</td></tr>
 * <tr><td>fleet.command_max_age</td><td>double</td><td>5.0</td><td>s; older (or further in the future) commands are stale</td></tr>
 * <tr><td>fleet.cost_limit_min</td><td>double</td><td>0.0</td><td>lowest cost limit {@code set_cost_limit} may set</td></tr>
 * <tr><td>fleet.cost_limit_max</td><td>double</td><td>1000.0</td><td>highest cost limit {@code set_cost_limit} may set</td></tr>
 * <tr><td>fleet.keepalive</td><td>double</td><td>10</td><td>s, whole seconds; offline Will after ~1.5×</td></tr>
 * <tr><td>fleet.reconnect_min</td><td>double</td><td>0.5</td><td>s, first reconnect wait</td></tr>
 * <tr><td>fleet.reconnect_max</td><td>double</td><td>30</td><td>s, the wait doubles up to this</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * {@code publishTelemetry}, {@code publishEvent} and {@code publishStatus} never wait: the first two write JSON
 * with jackson-core on the caller's thread (the node's telemetry thread, not the control loop) into bounded
 * drop-oldest queues, the third replaces the status the link publishes. The link thread of
 * {@code FleetConnection} owns the connection; commands reach the {@link org.cponode.fleet.FleetCommandHandler}
 * on Paho's callback thread and the handler must not block.
 */
package org.cponode.fleet;
