package org.cponode.fleet;

/**
 * The robot node's side of the fleet commands. {@link FleetLink} calls these only for commands that passed
 * its own checks (this robot's topic, not retained, strict JSON, fresh timestamp, new {@code seq}, values in
 * range), one at a time, in arrival order; {@link #estop} is called for every message on this robot's e-stop
 * topic, whatever is wrong with it, since a stop request must fail safe.
 *
 * <p><b>Threading: every method runs on the MQTT client's callback thread and must not block</b> — no I/O,
 * no waiting for the control loop, no locks held by slow code. Record the request (an atomic flag, a
 * lock-free queue) and return; while a handler blocks, no other command, acknowledgement or keep-alive
 * traffic of this client is processed. Exceptions thrown here are caught and reported to the operator as a
 * rejection.
 *
 * <p>Each method returns {@link CommandOutcome#accept()} if the request took effect (or already was in
 * effect) or {@link CommandOutcome#reject(String)} with a reason for the operator.
 */
public interface FleetCommandHandler {

    /** Stop policy updates; the robot keeps running the current policy. Verb {@code pause_learning}. */
    CommandOutcome pauseLearning();

    /** Resume policy updates after {@link #pauseLearning()}. Verb {@code resume_learning}. */
    CommandOutcome resumeLearning();

    /**
     * Latch an emergency stop: zero velocity until {@link #releaseEstop()}. Verb {@code estop}.
     *
     * @param reason the operator's reason, for the node's logs and diagnostics (never blank).
     */
    CommandOutcome estop(String reason);

    /** Release a latched emergency stop (the node may refuse, e.g. while a fault persists). Verb {@code release_estop}. */
    CommandOutcome releaseEstop();

    /**
     * Set one constraint's CPO cost limit. Verb {@code set_cost_limit}.
     *
     * @param constraint the constraint's name as the command gives it (a non-blank string of printable
     *     characters), or null if it names none; reject a name the task does not have, and null unless the task
     *     has only one constraint.
     * @param limit the new limit, already checked to lie within [{@link FleetConfig#costLimitMin()},
     *     {@link FleetConfig#costLimitMax()}]; the node may apply stricter bounds and reject.
     */
    CommandOutcome setCostLimit(String constraint, double limit);

    /**
     * Swap to the saved policy checkpoint {@code version}. Verb {@code load_policy}.
     *
     * @param version checkpoint version, ≥ 0; reject it if no such checkpoint exists.
     */
    CommandOutcome loadPolicy(int version);
}
