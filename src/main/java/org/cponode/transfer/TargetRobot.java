package org.cponode.transfer;

import org.cponode.learn.PolicyCompatibility;

/**
 * The robot a transfer trial runs on, reached one episode window at a time: the window goes in, per step an
 * observation goes out to the trial's {@link StepDriver}, its action (or a stop) comes back, and the step's
 * reward and cost go out. The embedded simulator with a perturbed dynamics file ({@link SimTargetRobot})
 * stands in for the physical robot; a robot reached over ROS implements the same contract with its odometry
 * and {@code cmd_vel}.
 */
public interface TargetRobot extends AutoCloseable {

    /** One line naming the robot for the report, e.g. {@code sim-robot with config/perturbed_robot.yaml}. */
    String description();

    /** What a policy must be made for to drive this robot. */
    PolicyCompatibility.Requirements requirements();

    /** Control steps in one episode window. */
    int windowSteps();

    /**
     * Runs episode window {@code window}: {@link #windowSteps()} control steps, each calling
     * {@link StepDriver#act} with the current observation and then {@link StepDriver#outcome} with what the
     * step produced.
     *
     * @throws IllegalStateException if the robot cannot complete the window (e.g. the link to it is lost)
     */
    void runWindow(long window, StepDriver driver);

    /** Releases the robot (for a real robot: stops it and closes the link). */
    @Override
    void close();

    /** The trial's side of a window: chooses each action and receives each outcome. */
    interface StepDriver {
        /**
         * Chooses the action for the current step. Called on the robot's control thread; must not block.
         *
         * @param observation the task's observation of the current state. Not modified.
         * @param action receives the action. Modified.
         * @return true to apply {@code action}, false to command a stop (zero velocity) instead
         */
        boolean act(double[] observation, double[] action);

        /** The reward and cost of the step just taken. */
        void outcome(double reward, double cost);
    }
}
