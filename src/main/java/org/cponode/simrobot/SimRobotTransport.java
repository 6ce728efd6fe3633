package org.cponode.simrobot;

import org.cponode.control.RobotTransport;

/**
 * The simulated robot's contact with the outside: velocity commands in, odometry and {@code /clock} out
 * (the mirror image of {@link RobotTransport}). The DDS adapter implements it over ROS 2 topics.
 */
public interface SimRobotTransport extends AutoCloseable {

    /** Receives velocity commands; called from the transport's thread. */
    interface CommandSink {
        /** One cmd_vel message: forward speed m/s, yaw rate rad/s. */
        void command(double linear, double angular);
    }

    /** Starts delivering commands to {@code sink}. */
    void start(CommandSink sink);

    /**
     * Publishes one odometry message (frame {@code odom}, child {@code base_footprint}).
     *
     * @param stamp s (sim time with {@code --sim-time}, else wall time)
     * @param x m
     * @param y m
     * @param yaw rad
     * @param linear body forward speed, m/s
     * @param angular yaw rate, rad/s
     */
    void publishOdometry(double stamp, double x, double y, double yaw, double linear, double angular);

    /** Publishes {@code /clock}, s. */
    void publishClock(double time);

    @Override
    void close();
}
