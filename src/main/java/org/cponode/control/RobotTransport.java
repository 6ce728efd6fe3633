package org.cponode.control;

/**
 * The node's only contact with the outside: odometry, scan, IMU, {@code /clock} and e-stop in (through a
 * {@link SensorSink}), velocity commands and diagnostics out. The DDS adapter implements it over ROS 2 topics;
 * tests implement it in memory.
 */
public interface RobotTransport extends AutoCloseable {

    /** Starts delivering inputs to {@code sink}; called once before any publish. */
    void start(SensorSink sink);

    /**
     * Publishes one velocity command (Twist, or TwistStamped with {@code stamp}). Called on the control thread at
     * the control rate: must not allocate or block for long.
     *
     * @param stamp node time, s
     * @param linear forward speed, m/s
     * @param angular yaw rate, rad/s
     */
    void publishVelocity(double stamp, double linear, double angular);

    /** Publishes one diagnostics report (about 1 Hz, off the control thread). */
    void publishDiagnostics(NodeStatus status);

    /** Releases the transport; inputs stop. */
    @Override
    void close();
}
