package org.cponode.transfer;

import org.cponode.control.ControlCore;
import org.cponode.control.NodeClock;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorInputs;
import org.cponode.control.WindowSummary;
import org.cponode.learn.PolicyCompatibility;

/**
 * The robot a transfer trial runs on. The trial never commands it directly: it builds the node's
 * {@link ControlCore} on the robot's clock, sensor inputs and transport, so every command the trial sends passes
 * the same supervisor as the node's (faults, e-stop, budget, fallback). A robot is either stepped by the trial
 * itself, one control period at a time ({@link SteppedTargetRobot}: the embedded simulator in process), or runs
 * in real time on the control loop ({@link RosTargetRobot}: a robot on ROS 2 topics).
 */
public interface TargetRobot extends AutoCloseable {

    /** One line naming the robot for the report, e.g. {@code sim-robot with config/perturbed_robot.yaml}. */
    String description();

    /** What a policy must be made for to drive this robot; its task is the trial's, with that task's constraints. */
    PolicyCompatibility.Requirements requirements();

    /** Control steps in one episode window. */
    int windowSteps();

    /** Control steps per second. */
    double controlRate();

    /** Seconds without odometry before the supervisor stops the robot. */
    double sensorTimeout();

    /** Seconds of zero velocity from the first step while a latched e-stop reaches the core (0: no e-stop input). */
    double startupGrace();

    /** The time the core runs on. */
    NodeClock clock();

    /** Where the robot's odometry arrives. */
    SensorInputs inputs();

    /** Where the core's commands go. */
    RobotTransport transport();

    /** True if windows run in real time, with learning on its own thread; false if the trial steps the robot. */
    boolean realTime();

    /** Starts the robot under {@code core} (built on {@link #clock}, {@link #inputs} and {@link #transport}). */
    void start(ControlCore core);

    /**
     * Runs episode window {@code window} to its end.
     *
     * @throws IllegalStateException if the robot cannot complete the window (e.g. no odometry for all of it)
     */
    Window runWindow(long window);

    /** Stops the robot (zero velocity) and releases it. */
    @Override
    void close();

    /**
     * One window as the robot ran it.
     *
     * @param summary the control core's account (costs from odometry, as on any robot)
     * @param trueReturn the window's return from the true pose, NaN when the robot cannot know it
     * @param trueCosts each constraint's cost over the window from the true pose, in the task's order, NaN where
     *     the robot cannot know it
     */
    record Window(WindowSummary summary, double trueReturn, double[] trueCosts) {
        public Window {
            if (trueCosts.length != summary.costs().length) {
                throw new IllegalArgumentException("a window has a true cost per constraint of the core's "
                        + summary.costs().length + ", got " + trueCosts.length);
            }
            trueCosts = trueCosts.clone();
        }
    }
}
