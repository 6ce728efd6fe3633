package org.cponode.transfer;

import java.util.Objects;
import org.cponode.control.ControlCore;
import org.cponode.control.NodeClock;
import org.cponode.control.NodeStatus;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorInputs;
import org.cponode.control.SensorSink;
import org.cponode.control.WindowSummary;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.sim.Tasks;

/**
 * A robot the trial steps itself on simulated time: each window starts from a pose of its own (so a trial is
 * reproducible window by window), then each control step runs the core, applies its command for one period and
 * delivers the odometry that results. The clock's wall time is simulated time too, so a slow policy update
 * between windows is no stale-odometry fault.
 */
public abstract class SteppedTargetRobot implements TargetRobot {

    /** Seconds of simulated time without odometry before the supervisor stops the robot. */
    private static final double SENSOR_TIMEOUT = 0.5;

    private final SteppedClock clock = new SteppedClock();
    private final SensorInputs inputs = new SensorInputs(clock);
    private final CommandCapture transport = new CommandCapture();
    private final PolicyCompatibility.Requirements requirements;
    private final double period;
    private final int windowSteps;
    /** x, y, yaw, linear, angular of the odometry. */
    private final double[] odometry = new double[5];
    /** reward and each constraint's cost of the last step from the true pose (NaN when not known). */
    private final double[] truth;
    /** The true cost of each of the task's constraints over the last step, as the robot's own measurement. */
    private final double[] trueCosts;
    private ControlCore core;
    private WindowSummary closed;

    /**
     * @param task the task the robot runs, whose constraints it measures ({@link #move})
     * @param controlRate control steps per second
     * @param windowSteps steps per window
     */
    protected SteppedTargetRobot(String task, double controlRate, int windowSteps) {
        this.requirements = PolicyCompatibility.Requirements.forTask(task);
        int constraints = Tasks.spec(task).constraints().size();
        this.truth = new double[1 + constraints];
        this.trueCosts = new double[constraints];
        this.period = 1.0 / controlRate;
        this.windowSteps = windowSteps;
    }

    /**
     * Puts the robot down at rest for window {@code window}.
     *
     * @param odometry receives x, y, yaw, linear, angular of the first odometry. Modified.
     */
    protected abstract void startWindow(long window, double[] odometry);

    /**
     * Applies a velocity command for one control period.
     *
     * @param odometry receives x, y, yaw, linear, angular of the odometry after it. Modified.
     * @param truth receives the step's reward, then each of the task's constraints' cost in its order, from the
     *     true pose, NaN when not known; a known cost is delivered to the core as the robot's own measurement.
     *     Modified.
     */
    protected abstract void move(double linear, double angular, double[] odometry, double[] truth);

    @Override
    public final PolicyCompatibility.Requirements requirements() {
        return requirements;
    }

    @Override
    public final int windowSteps() {
        return windowSteps;
    }

    @Override
    public final double controlRate() {
        return 1.0 / period;
    }

    @Override
    public final double sensorTimeout() {
        return SENSOR_TIMEOUT;
    }

    /** No e-stop reaches a robot stepped in process, so nothing needs a grace to arrive. */
    @Override
    public final double startupGrace() {
        return 0;
    }

    @Override
    public final NodeClock clock() {
        return clock;
    }

    @Override
    public final SensorInputs inputs() {
        return inputs;
    }

    @Override
    public final RobotTransport transport() {
        return transport;
    }

    @Override
    public final boolean realTime() {
        return false;
    }

    @Override
    public final void start(ControlCore controlCore) {
        this.core = Objects.requireNonNull(controlCore);
        transport.start(inputs);
        core.setWindowListener(w -> closed = w);
    }

    @Override
    public final Window runWindow(long window) {
        startWindow(window, odometry);
        clock.advance(period);
        inputs.stepCosts(null);
        deliver();
        core.robotRelocated();
        double trueReturn = 0;
        double[] windowCosts = new double[trueCosts.length];
        for (int t = 0; t < windowSteps; t++) {
            core.step();
            move(transport.linear, transport.angular, odometry, truth);
            trueReturn += truth[0];
            System.arraycopy(truth, 1, trueCosts, 0, trueCosts.length);
            for (int k = 0; k < trueCosts.length; k++) {
                windowCosts[k] += trueCosts[k];
            }
            clock.advance(period);
            inputs.stepCosts(trueCosts);
            deliver();
        }
        core.closeWindow();
        WindowSummary summary = closed;
        if (summary == null || summary.window() != window) {
            throw new IllegalStateException("window " + window + " did not close on its last step");
        }
        return new Window(summary, trueReturn, windowCosts);
    }

    private void deliver() {
        double yaw = odometry[2];
        inputs.odometry(clock.now(), odometry[0], odometry[1], 0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2),
                odometry[3], odometry[4]);
    }

    @Override
    public void close() {
        if (core != null) {
            core.publishZero();
        }
    }

    /** Simulated time that only the trial moves; its wall time is the same simulated time. */
    private static final class SteppedClock extends NodeClock {
        private long nanos;

        void advance(double seconds) {
            nanos += Math.round(seconds * 1e9);
        }

        @Override
        public double now() {
            return nanos * 1e-9;
        }

        @Override
        public long wallNanos() {
            return nanos;
        }
    }

    /** Keeps the core's last command for the next {@link #move}. */
    private static final class CommandCapture implements RobotTransport {
        double linear;
        double angular;

        @Override
        public void start(SensorSink sink) {
            // odometry is delivered by the trial's own steps
        }

        @Override
        public void publishVelocity(double stamp, double linearVelocity, double angularVelocity) {
            linear = linearVelocity;
            angular = angularVelocity;
        }

        @Override
        public void publishDiagnostics(NodeStatus status) {
            // a stepped trial reports windows, not diagnostics
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
