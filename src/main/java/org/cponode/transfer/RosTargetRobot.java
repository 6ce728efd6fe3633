package org.cponode.transfer;

import org.cponode.task.DiffDriveTask;

import org.cponode.learn.PolicyCompatibility;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.Odometry;
import org.cponode.ros.msg.Quaternion;
import org.cponode.ros.msg.Twist;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.Tasks;
import org.cponode.task.VelocityLimiter;

/**
 * A robot reached over ROS 2 topics, as the node reaches it: {@code nav_msgs/Odometry} in, {@code cmd_vel}
 * ({@code geometry_msgs/Twist}) out, on the DDS transport of {@code org.cponode.ros}. The physical robot, or
 * {@code cpo-node sim-robot --dynamics FILE} standing in for it.
 *
 * <p>One control step per odometry message: on each new message the trial's driver sees the observation built
 * from it ({@link DiffDriveObservation}, task origin at the odometry origin, as the node's defaults), its action
 * passes the node's velocity limiter and is published; the next message gives the step's reward and cost
 * ({@link DiffDriveTask#reward}, {@link DiffDriveTask#cost} from the odometry pose). If messages arrived
 * while the trial was busy, the newest counts and the older ones are skipped. A stop publishes zero velocity.
 * Windows follow each other in time without a reset; between windows (while CPO updates) the robot is
 * commanded to stand still. No odometry for {@code odometryTimeout} stops the robot and fails the window.
 */
public final class RosTargetRobot implements TargetRobot {

    private static final DiffDriveModel MODEL = DiffDriveTask.MODEL;
    private static final CircleGeometry GEOMETRY = DiffDriveTask.GEOMETRY;

    private final RosNode node;
    private final Publisher<Twist> cmdVel;
    private final MessageType.FieldRef linearField = Twist.TYPE.field("linear.x");
    private final MessageType.FieldRef angularField = Twist.TYPE.field("angular.z");
    private final VelocityLimiter limiter = VelocityLimiter.forModel(MODEL);
    private final String odomTopic;
    private final int domainId;
    private final int windowSteps;
    private final long timeoutNanos;
    private final double[] observation = new double[DiffDriveObservation.SIZE];
    private final double[] action = new double[2];
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the newest odometry and how many have arrived. */
    private Odometry latest;
    private long arrivals;
    private long consumed;

    /**
     * @param options the trial's own ROS node (name, namespace, remaps, domain, Cyclone configuration)
     * @param odomTopic odometry topic, e.g. {@code odom}
     * @param cmdVelTopic command topic, e.g. {@code cmd_vel}
     * @param windowSteps control steps per episode window, >= 1 (400 = 20 s at 20 Hz, the task's episode)
     * @param odometryTimeout s without odometry after which a window fails, > 0
     */
    public RosTargetRobot(RosNode.Options options, String odomTopic, String cmdVelTopic, int windowSteps,
            double odometryTimeout) {
        if (windowSteps < 1 || !(odometryTimeout > 0) || !Double.isFinite(odometryTimeout)) {
            throw new IllegalArgumentException("need window steps >= 1 and an odometry timeout > 0 s, got "
                    + windowSteps + " and " + odometryTimeout);
        }
        this.odomTopic = odomTopic;
        this.domainId = options.domainId();
        this.windowSteps = windowSteps;
        this.timeoutNanos = Math.round(odometryTimeout * 1e9);
        this.node = RosNode.create(options);
        try {
            cmdVel = node.publisher(cmdVelTopic, Twist.TYPE, QosProfile.DEFAULT);
            node.subscribe(odomTopic, Odometry.TYPE, QosProfile.SENSOR_DATA, m -> {
                synchronized (lock) {
                    latest = m;
                    arrivals++;
                    lock.notifyAll();
                }
            });
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public String description() {
        return "ROS 2 robot on '" + node.names().resolve(odomTopic) + "' (domain " + domainId + ")";
    }

    @Override
    public PolicyCompatibility.Requirements requirements() {
        return PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE);
    }

    @Override
    public int windowSteps() {
        return windowSteps;
    }

    @Override
    public void runWindow(long window, StepDriver driver) {
        try {
            Odometry odom = next();
            for (int t = 0; t < windowSteps; t++) {
                writeObservation(odom);
                if (driver.act(observation, action)) {
                    limiter.update(DiffDriveTask.linearCommand(MODEL, action[0]),
                            DiffDriveTask.angularCommand(MODEL, action[1]), MODEL.controlPeriod());
                    publish(limiter.linear(), limiter.angular());
                } else {
                    stop();
                }
                odom = next();
                double yaw = yaw(odom.pose().pose().orientation());
                double x = odom.pose().pose().position().x();
                double y = odom.pose().pose().position().y();
                driver.outcome(DiffDriveTask.reward(GEOMETRY, x, y, yaw, odom.twist().twist().linear().x()),
                        DiffDriveTask.cost(GEOMETRY, x));
            }
        } finally {
            stop();
        }
    }

    /** Waits for an odometry message newer than the last one used. */
    private Odometry next() {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (arrivals == consumed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no odometry on '" + node.names().resolve(odomTopic) + "' for "
                            + timeoutNanos / 1e9 + " s (domain " + domainId
                            + "): is the robot or 'cpo-node sim-robot' running?");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for odometry");
                }
            }
            consumed = arrivals;
            return latest;
        }
    }

    private void writeObservation(Odometry odom) {
        var pose = odom.pose().pose();
        var twist = odom.twist().twist();
        DiffDriveObservation.write(GEOMETRY, MODEL, pose.position().x(), pose.position().y(),
                yaw(pose.orientation()), twist.linear().x(), twist.angular().z(), observation, 0);
    }

    /** Heading of a quaternion about z, rad. */
    private static double yaw(Quaternion q) {
        return Math.atan2(2 * (q.w() * q.z() + q.x() * q.y()), 1 - 2 * (q.y() * q.y() + q.z() * q.z()));
    }

    private void stop() {
        limiter.reset(0, 0);
        publish(0, 0);
    }

    private void publish(double linear, double angular) {
        cmdVel.set(linearField, linear).set(angularField, angular).publishSample();
    }

    /** Commands zero velocity and leaves the ROS graph. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            node.close();
        }
    }
}
