package org.cponode.control;

/**
 * Where a transport delivers what it receives, already reduced to numbers so the node copies nothing per
 * message. Called from the transport's thread; implementations must be thread-safe and must not block.
 */
public interface SensorSink {

    /**
     * One odometry message (nav_msgs/Odometry).
     *
     * @param stamp header stamp, s
     * @param x position in the odometry frame, m
     * @param y m
     * @param qx orientation quaternion
     * @param qy orientation quaternion
     * @param qz orientation quaternion
     * @param qw orientation quaternion
     * @param linear forward speed in the body frame (twist.linear.x), m/s
     * @param angular yaw rate (twist.angular.z), rad/s
     */
    void odometry(double stamp, double x, double y, double qx, double qy, double qz, double qw, double linear,
            double angular);

    /**
     * One laser scan (sensor_msgs/LaserScan), its angle 0 along the robot's forward axis.
     *
     * @param valid false when its geometry or ranges are unusable
     * @param angleMin angle of the first ray, rad
     * @param angleIncrement angle between rays, rad
     * @param rangeMin readings below this are no obstacle, m
     * @param rangeMax readings above this (and +inf) are no obstacle, m
     * @param ranges one reading per ray, m. Not modified, not kept.
     */
    void scan(double stamp, boolean valid, double angleMin, double angleIncrement, double rangeMin, double rangeMax,
            float[] ranges);

    /** One IMU message; {@code valid} is false when a field is NaN or infinite. */
    void imu(double stamp, boolean valid);

    /** One {@code /clock} message, s of simulated time. */
    void clock(double simulatedTime);

    /**
     * The cost of each constraint over the last control period as the robot measured it independently of its
     * odometry (an external tracker, a simulator's true pose), null when it measures none: where given, the
     * supervisor budgets and the learner learns these costs instead of the ones computed from the odometry pose.
     * Delivered before the odometry of the same period.
     *
     * @param costs one per constraint in the task's order (NaN where not measured), or null. Not modified.
     */
    void stepCosts(double[] costs);

    /** One e-stop message: true stops and latches, false is the explicit release. */
    void estop(boolean stop);
}
