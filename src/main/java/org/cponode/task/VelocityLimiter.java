package org.cponode.task;

/**
 * Clamp and slew limiter for a differential-drive velocity command (v, omega): each channel is first clamped
 * to its speed limit, then moved from the previous output towards that target by at most
 * {@code maxAcceleration * dt}. The simulator applies it to the policy's action, and the ROS node applies the
 * same class to its {@code cmd_vel} output, so both see identical command shaping.
 *
 * <pre>
 *   target = clamp(command, -maxVelocity, maxVelocity)
 *   output = previous + clamp(target - previous, -maxAcceleration dt, maxAcceleration dt)
 * </pre>
 *
 * <p>When the target is reachable within one step the output is the target itself (not
 * {@code previous + (target - previous)}, which can differ in the last bit), so a second limiter with the same
 * or looser limits passes a limited command through unchanged. Mutable, single-threaded, allocation-free.
 */
public final class VelocityLimiter {

    private double maxLinearVelocity;
    private double maxAngularVelocity;
    private final double maxLinearAcceleration;
    private final double maxAngularAcceleration;
    private double linear;
    private double angular;

    /**
     * @param maxLinearVelocity forward speed limit, m/s (symmetric), finite and > 0
     * @param maxAngularVelocity yaw rate limit, rad/s (symmetric), finite and > 0
     * @param maxLinearAcceleration forward acceleration limit, m/s^2, finite and > 0
     * @param maxAngularAcceleration yaw acceleration limit, rad/s^2, finite and > 0
     * @throws IllegalArgumentException if a limit is not finite and positive
     */
    public VelocityLimiter(double maxLinearVelocity, double maxAngularVelocity, double maxLinearAcceleration,
            double maxAngularAcceleration) {
        requirePositive("maxLinearVelocity", maxLinearVelocity);
        requirePositive("maxAngularVelocity", maxAngularVelocity);
        requirePositive("maxLinearAcceleration", maxLinearAcceleration);
        requirePositive("maxAngularAcceleration", maxAngularAcceleration);
        this.maxLinearVelocity = maxLinearVelocity;
        this.maxAngularVelocity = maxAngularVelocity;
        this.maxLinearAcceleration = maxLinearAcceleration;
        this.maxAngularAcceleration = maxAngularAcceleration;
    }

    /**
     * Replaces the speed limits (a node's limits changed while it runs); the next {@link #update} clamps to them.
     *
     * @throws IllegalArgumentException if a limit is not finite and positive; the limits are then unchanged
     */
    public void setSpeedLimits(double maxLinearVelocity, double maxAngularVelocity) {
        requirePositive("maxLinearVelocity", maxLinearVelocity);
        requirePositive("maxAngularVelocity", maxAngularVelocity);
        this.maxLinearVelocity = maxLinearVelocity;
        this.maxAngularVelocity = maxAngularVelocity;
    }

    /** A limiter with the model's velocity and acceleration limits. */
    public static VelocityLimiter forModel(DiffDriveModel model) {
        return new VelocityLimiter(model.maxLinearVelocity(), model.maxAngularVelocity(),
                model.maxLinearAcceleration(), model.maxAngularAcceleration());
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    /**
     * Sets the current output, e.g. to the measured velocity when a controller takes over, or to zero at the
     * start of an episode. Values are taken as given (not clamped), so the next {@link #update} slews from there.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public void reset(double linearVelocity, double angularVelocity) {
        if (!Double.isFinite(linearVelocity) || !Double.isFinite(angularVelocity)) {
            throw new IllegalArgumentException(
                    "limiter state must be finite, got (" + linearVelocity + ", " + angularVelocity + ")");
        }
        linear = linearVelocity;
        angular = angularVelocity;
    }

    /**
     * Limits one command and makes the result the new output.
     *
     * @param linearCommand commanded forward speed, m/s
     * @param angularCommand commanded yaw rate, rad/s
     * @param dt time since the previous output, s, finite and > 0
     * @throws IllegalArgumentException if a command is NaN or infinite or {@code dt} is not positive; the
     *     output is then unchanged (a caller such as the node's watchdog decides what a bad command means)
     */
    public void update(double linearCommand, double angularCommand, double dt) {
        if (!Double.isFinite(linearCommand) || !Double.isFinite(angularCommand)) {
            throw new IllegalArgumentException(
                    "velocity command must be finite, got (" + linearCommand + ", " + angularCommand + ")");
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("limiter period must be finite and > 0, got " + dt);
        }
        linear = slew(linear, clamp(linearCommand, maxLinearVelocity), maxLinearAcceleration * dt);
        angular = slew(angular, clamp(angularCommand, maxAngularVelocity), maxAngularAcceleration * dt);
    }

    private static double clamp(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }

    private static double slew(double previous, double target, double maxChange) {
        double change = target - previous;
        if (change > maxChange) {
            return previous + maxChange;
        }
        if (change < -maxChange) {
            return previous - maxChange;
        }
        return target;
    }

    /** Current limited forward speed, m/s. */
    public double linear() {
        return linear;
    }

    /** Current limited yaw rate, rad/s. */
    public double angular() {
        return angular;
    }

    /** Forward speed limit, m/s. */
    public double maxLinearVelocity() {
        return maxLinearVelocity;
    }

    /** Yaw rate limit, rad/s. */
    public double maxAngularVelocity() {
        return maxAngularVelocity;
    }

    /** Forward acceleration limit, m/s^2. */
    public double maxLinearAcceleration() {
        return maxLinearAcceleration;
    }

    /** Yaw acceleration limit, rad/s^2. */
    public double maxAngularAcceleration() {
        return maxAngularAcceleration;
    }
}
