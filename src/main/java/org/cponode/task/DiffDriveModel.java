package org.cponode.task;

/**
 * Geometry and actuator limits of a differential-drive robot, in SI units (metres, kilograms, seconds,
 * radians). The embedded {@code diffdrive-circle} task simulates this model, the URDF in {@code urdf/}
 * describes the same robot for Gazebo, and a test checks that the two agree.
 *
 * @param wheelRadius wheel radius, m
 * @param wheelSeparation distance between the wheel centres, m
 * @param wheelWidth wheel width, m
 * @param chassisLength chassis box length along x, m
 * @param chassisWidth chassis box width along y, m
 * @param chassisHeight chassis box height, m
 * @param chassisMass chassis mass, kg
 * @param wheelMass mass of one wheel, kg
 * @param maxLinearVelocity forward speed limit, m/s (symmetric)
 * @param maxAngularVelocity yaw rate limit, rad/s (symmetric)
 * @param maxLinearAcceleration forward acceleration limit, m/s^2
 * @param maxAngularAcceleration yaw acceleration limit, rad/s^2
 * @param controlRate control loop rate, Hz
 */
public record DiffDriveModel(
        double wheelRadius,
        double wheelSeparation,
        double wheelWidth,
        double chassisLength,
        double chassisWidth,
        double chassisHeight,
        double chassisMass,
        double wheelMass,
        double maxLinearVelocity,
        double maxAngularVelocity,
        double maxLinearAcceleration,
        double maxAngularAcceleration,
        double controlRate) {

    /**
     * A TurtleBot3-Burger-like robot: 0.22 m/s, 2.84 rad/s (its published limits), the acceleration limits of
     * its navigation configuration, wheel radius 0.033 m and separation 0.160 m, 20 Hz control.
     */
    public static final DiffDriveModel BURGER =
            new DiffDriveModel(0.033, 0.160, 0.018, 0.140, 0.140, 0.120, 0.82, 0.05, 0.22, 2.84, 2.5, 3.2, 20.0);

    public DiffDriveModel {
        double[] positive = {wheelRadius, wheelSeparation, wheelWidth, chassisLength, chassisWidth, chassisHeight,
            chassisMass, wheelMass, maxLinearVelocity, maxAngularVelocity, maxLinearAcceleration,
            maxAngularAcceleration, controlRate};
        for (double v : positive) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("every DiffDriveModel quantity must be finite and > 0: " + v);
            }
        }
    }

    /** The same robot with other speed and acceleration limits and control rate. */
    public DiffDriveModel withLimits(double maxLinearVelocity, double maxAngularVelocity, double maxLinearAcceleration,
            double maxAngularAcceleration, double controlRate) {
        return new DiffDriveModel(wheelRadius, wheelSeparation, wheelWidth, chassisLength, chassisWidth, chassisHeight,
                chassisMass, wheelMass, maxLinearVelocity, maxAngularVelocity, maxLinearAcceleration,
                maxAngularAcceleration, controlRate);
    }

    /** Control period, s. */
    public double controlPeriod() {
        return 1.0 / controlRate;
    }

    /** Total mass (chassis and two wheels), kg. */
    public double totalMass() {
        return chassisMass + 2 * wheelMass;
    }
}
