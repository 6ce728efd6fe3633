package org.cponode.transfer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cponode.control.ControlCore;
import org.cponode.control.ControlLoop;
import org.cponode.control.NodeClock;
import org.cponode.control.RobotTransport;
import org.cponode.control.SensorInputs;
import org.cponode.control.WindowSummary;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.node.DdsRobotTransport;
import org.cponode.node.NodeConfiguration;
import org.cponode.node.NodeParameters;
import org.cponode.ros.RosSecurity;
import org.cponode.task.DiffDriveTask;

/**
 * A robot reached over ROS 2 topics exactly as the node reaches it: the node's {@link DdsRobotTransport}
 * ({@code nav_msgs/Odometry} and the e-stop topic in, {@code cmd_vel} and {@code /diagnostics} out) and its
 * {@link ControlLoop} on the wall clock, so the trial's commands pass the node's supervisor at the node's rate:
 * stale, frozen or non-finite odometry and a latched e-stop give zero velocity within one control period. The
 * physical robot, or {@code cpo-node sim-robot --dynamics FILE} standing in for it. Windows follow each other in
 * real time without a reset, and the learner updates on its own thread while the robot drives, as on the node.
 * The robot reports no costs of its own: the node's control core measures each of the task's constraints from
 * odometry, as on the node.
 */
public final class RosTargetRobot implements TargetRobot {

    private final NodeClock clock = new NodeClock.Wall();
    private final SensorInputs inputs = new SensorInputs(clock);
    private final PolicyCompatibility.Requirements requirements;
    private final DdsRobotTransport transport;
    private final String odomTopic;
    private final int domainId;
    private final int windowSteps;
    private final double sensorTimeout;
    private final double startupGrace;
    private final BlockingQueue<WindowSummary> ended = new LinkedBlockingQueue<>();
    private ControlLoop loop;
    private boolean closed;

    /**
     * @param task the task the robot runs: {@code diffdrive-circle} or {@code diffdrive-circle-2c}
     * @param nodeName the trial's ROS node name
     * @param odomTopic odometry topic, e.g. {@code odom}
     * @param cmdVelTopic command topic, e.g. {@code cmd_vel}
     * @param windowSteps control steps per episode window, >= 1 (400 = 20 s at 20 Hz, the task's episode)
     * @param odometryTimeout s without odometry before the supervisor stops the robot, > 0
     * @param domainId the DDS domain
     * @param cycloneXml Cyclone configuration, or null for libddsc's own
     * @param security SROS 2 settings of the trial's participant
     */
    public RosTargetRobot(String task, String nodeName, String odomTopic, String cmdVelTopic, int windowSteps,
            double odometryTimeout, int domainId, String cycloneXml, RosSecurity security) {
        this.requirements = PolicyCompatibility.Requirements.forTask(task);
        if (windowSteps < 1 || !(odometryTimeout > 0) || !Double.isFinite(odometryTimeout)) {
            throw new IllegalArgumentException("need window steps >= 1 and an odometry timeout > 0 s, got "
                    + windowSteps + " and " + odometryTimeout);
        }
        NodeParameters params = NodeParameters.from(Map.of("odom_topic", odomTopic, "cmd_vel_topic", cmdVelTopic,
                "sensor_timeout", odometryTimeout));
        this.transport = new DdsRobotTransport(new NodeConfiguration(nodeName, "/", List.of(), params), domainId,
                cycloneXml, security);
        this.odomTopic = odomTopic;
        this.domainId = domainId;
        this.windowSteps = windowSteps;
        this.sensorTimeout = odometryTimeout;
        this.startupGrace = params.startupGrace();
    }

    @Override
    public String description() {
        return "ROS 2 robot on '" + transport.rosNode().names().resolve(odomTopic) + "' (domain " + domainId + ")";
    }

    @Override
    public PolicyCompatibility.Requirements requirements() {
        return requirements;
    }

    @Override
    public int windowSteps() {
        return windowSteps;
    }

    @Override
    public double controlRate() {
        return DiffDriveTask.MODEL.controlRate();
    }

    @Override
    public double sensorTimeout() {
        return sensorTimeout;
    }

    @Override
    public double startupGrace() {
        return startupGrace;
    }

    @Override
    public NodeClock clock() {
        return clock;
    }

    @Override
    public SensorInputs inputs() {
        return inputs;
    }

    @Override
    public RobotTransport transport() {
        return transport;
    }

    @Override
    public boolean realTime() {
        return true;
    }

    @Override
    public void start(ControlCore core) {
        core.setWindowListener(ended::add);
        transport.start(inputs);
        loop = new ControlLoop(core, clock);
        loop.start();
    }

    /**
     * Waits for window {@code window} to end on the control loop.
     *
     * @throws IllegalStateException if the supervisor found no healthy odometry at any step of the window
     */
    @Override
    public Window runWindow(long window) {
        double seconds = windowSteps / controlRate();
        try {
            while (true) {
                WindowSummary w = ended.poll((long) Math.ceil(2 * seconds + 5), TimeUnit.SECONDS);
                if (w == null) {
                    throw new IllegalStateException("the control loop closed no window for " + (2 * seconds + 5)
                            + " s");
                }
                if (w.window() < window) {
                    continue; // ended while the trial was starting
                }
                if (w.faultSteps() == windowSteps) {
                    throw new IllegalStateException("no healthy odometry on '"
                            + transport.rosNode().names().resolve(odomTopic) + "' for a whole window (" + seconds
                            + " s, domain " + domainId + "): is the robot or 'cpo-node sim-robot' running?");
                }
                double[] unknown = new double[w.costs().length];
                Arrays.fill(unknown, Double.NaN);
                return new Window(w, Double.NaN, unknown);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the robot drove window " + window);
        }
    }

    /** Stops the loop with zero velocity and leaves the ROS graph; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (loop != null) {
                loop.stopWithZeros();
            }
        } finally {
            transport.close();
        }
    }
}
