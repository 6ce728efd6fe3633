package org.cponode.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.VelocityLimiter;

/**
 * A simulated differential-drive robot, the one every diff-drive task moves ({@link DiffDriveCircle}, a task file's
 * {@link TaskFileEnvironment}): the policy's action passes the node's command shaping ({@link VelocityLimiter} with
 * the model's limits), then the departures of {@link DiffDriveDynamics} (latency, actuation error, the physical
 * drive's limits, slip, odometry noise and drift) as that record's diagram shows, and the body follows the exact
 * unicycle arc. Keeps the true pose (for reward and cost) and the odometry pose (for the observation).
 * Single-threaded; {@link #step} allocates nothing.
 */
final class DiffDriveRobot {

    private final DiffDriveModel model;
    private final double controlPeriod;
    /** The node's command shaping, always with the model's limits. */
    private final VelocityLimiter commandLimiter;
    /** The physical drive; rebuilt at reset only when an episode's limit scales change. */
    private VelocityLimiter drive;
    /** Limited commands waiting out the latency: slot {@code k mod length} holds step k's command. */
    private double[] delayedLinear = new double[1];
    private double[] delayedAngular = new double[1];
    private final double[] truePose = new double[3];
    private final double[] odometryPose = new double[3];
    /** Both poses before the last step, for {@link #stopAtContact}. */
    private final double[] truePoseBefore = new double[3];
    private final double[] odometryPoseBefore = new double[3];
    private double trueLinear;
    private double trueAngular;
    private double measuredLinear;
    private double measuredAngular;
    private DiffDriveDynamics dynamics = DiffDriveDynamics.NOMINAL;
    private int steps;

    DiffDriveRobot(DiffDriveModel model) {
        this.model = model;
        this.controlPeriod = model.controlPeriod();
        this.commandLimiter = VelocityLimiter.forModel(model);
        this.drive = VelocityLimiter.forModel(model);
    }

    /** Puts the robot at rest at (x, y, yaw), true and odometry pose alike, with {@code next} as its dynamics. */
    void reset(DiffDriveDynamics next, double x, double y, double yaw) {
        if (next.velocityLimitScale() != dynamics.velocityLimitScale()
                || next.accelerationLimitScale() != dynamics.accelerationLimitScale()) {
            drive = new VelocityLimiter(
                    model.maxLinearVelocity() * next.velocityLimitScale(),
                    model.maxAngularVelocity() * next.velocityLimitScale(),
                    model.maxLinearAcceleration() * next.accelerationLimitScale(),
                    model.maxAngularAcceleration() * next.accelerationLimitScale());
        }
        dynamics = next;
        if (delayedLinear.length <= dynamics.latencySteps()) {
            delayedLinear = new double[dynamics.latencySteps() + 1];
            delayedAngular = new double[dynamics.latencySteps() + 1];
        }
        Arrays.fill(delayedLinear, 0.0);
        Arrays.fill(delayedAngular, 0.0);
        truePose[Unicycle.X] = x;
        truePose[Unicycle.Y] = y;
        truePose[Unicycle.YAW] = yaw;
        System.arraycopy(truePose, 0, odometryPose, 0, 3);
        commandLimiter.reset(0, 0);
        drive.reset(0, 0);
        trueLinear = 0;
        trueAngular = 0;
        measuredLinear = 0;
        measuredAngular = 0;
        steps = 0;
    }

    /** Advances one control period with the policy's {@code action} (fractions of the model's limits). */
    void step(double[] action, SplittableRandom rng) {
        System.arraycopy(truePose, 0, truePoseBefore, 0, 3);
        System.arraycopy(odometryPose, 0, odometryPoseBefore, 0, 3);
        commandLimiter.update(DiffDriveTask.linearCommand(model, action[0]),
                DiffDriveTask.angularCommand(model, action[1]), controlPeriod);

        int slots = delayedLinear.length;
        delayedLinear[steps % slots] = commandLimiter.linear();
        delayedAngular[steps % slots] = commandLimiter.angular();
        int applied = Math.floorMod(steps - dynamics.latencySteps(), slots);
        double linearCommand = delayedLinear[applied];
        double angularCommand = delayedAngular[applied];

        double dt = controlPeriod;
        if (dynamics.controlPeriodJitter() > 0) {
            dt *= 1.0 + rng.nextDouble(-dynamics.controlPeriodJitter(), dynamics.controlPeriodJitter());
        }
        drive.update(dynamics.linearGain() * linearCommand + dynamics.linearBias(),
                dynamics.angularGain() * angularCommand + dynamics.angularBias(), dt);
        double wheelLinear = drive.linear();
        double wheelAngular = drive.angular();

        trueLinear = (1.0 - dynamics.wheelSlip()) * wheelLinear;
        trueAngular = (1.0 - dynamics.wheelSlip()) * wheelAngular;
        Unicycle.integrate(truePose, trueLinear, trueAngular, dt);

        measuredLinear = wheelLinear;
        measuredAngular = wheelAngular;
        // Exact zeros draw nothing and add nothing, so nominal dynamics keep the plain task's numbers and stream.
        if (dynamics.odometryNoiseStd() > 0) {
            measuredLinear += dynamics.odometryNoiseStd() * model.maxLinearVelocity() * rng.nextGaussian();
            measuredAngular += dynamics.odometryNoiseStd() * model.maxAngularVelocity() * rng.nextGaussian();
        }
        if (dynamics.odometryDriftRate() != 0) {
            measuredAngular += dynamics.odometryDriftRate();
        }
        Unicycle.integrate(odometryPose, measuredLinear, measuredAngular, dt);
        steps++;
    }

    /**
     * Undoes the last step's motion because the body met a wall or obstacle: both poses go back to where the step
     * began, and the body, the drive and the wheel odometry stand still (the wheels stall against the contact).
     */
    void stopAtContact() {
        System.arraycopy(truePoseBefore, 0, truePose, 0, 3);
        System.arraycopy(odometryPoseBefore, 0, odometryPose, 0, 3);
        drive.reset(0, 0);
        trueLinear = 0;
        trueAngular = 0;
        measuredLinear = 0;
        measuredAngular = 0;
    }

    DiffDriveModel model() {
        return model;
    }

    DiffDriveDynamics dynamics() {
        return dynamics;
    }

    double x() {
        return truePose[Unicycle.X];
    }

    double y() {
        return truePose[Unicycle.Y];
    }

    double yaw() {
        return truePose[Unicycle.YAW];
    }

    double linearVelocity() {
        return trueLinear;
    }

    double angularVelocity() {
        return trueAngular;
    }

    double odometryX() {
        return odometryPose[Unicycle.X];
    }

    double odometryY() {
        return odometryPose[Unicycle.Y];
    }

    double odometryYaw() {
        return odometryPose[Unicycle.YAW];
    }

    double measuredLinearVelocity() {
        return measuredLinear;
    }

    double measuredAngularVelocity() {
        return measuredAngular;
    }

    double commandedLinearVelocity() {
        return commandLimiter.linear();
    }

    double commandedAngularVelocity() {
        return commandLimiter.angular();
    }
}
