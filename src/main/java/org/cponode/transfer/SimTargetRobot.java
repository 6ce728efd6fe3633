package org.cponode.transfer;

import java.util.SplittableRandom;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.sim.StepOutcome;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;

/**
 * The {@code sim-robot} target in process: {@code diffdrive-circle} or {@code diffdrive-circle-2c} with one fixed
 * perturbed dynamics (e.g. {@code config/perturbed_robot.yaml}). Each window is one episode of the task from a
 * fresh start pose, with its random stream derived from (seed, window), so a trial is reproducible for its seed.
 * The core sees the simulated odometry (with the dynamics' noise and drift), as it would a real robot's, and the
 * step's cost of each constraint from the true pose and speed as the robot's own cost measurement
 * ({@link org.cponode.control.SensorSink#stepCosts}), as a robot under an external tracker would report it; the
 * report also gets the window's true return. A command enters the task as the fraction of the model's limits it
 * is, so the task's own command shaping, latency and drive move the robot as in training.
 */
public final class SimTargetRobot extends SteppedTargetRobot {

    private static final DiffDriveModel MODEL = DiffDriveTask.MODEL;

    private final String description;
    private final long seed;
    private final DiffDriveCircle env;
    private final double[] observation = new double[DiffDriveObservation.SIZE];
    private final double[] action = new double[DiffDriveTask.ACTION_SIZE];
    private final StepOutcome outcome = new StepOutcome();
    private SplittableRandom rng;

    /**
     * @param task {@code diffdrive-circle} or {@code diffdrive-circle-2c}
     * @param dynamics the robot's fixed departure from the model
     * @param description names the dynamics' origin in the report
     * @param seed seed of start poses and sensor noise
     */
    public SimTargetRobot(String task, DiffDriveDynamics dynamics, String description, long seed) {
        super(task, MODEL.controlRate(), DiffDriveTask.HORIZON);
        this.env = DiffDriveCircle.forTask(task, r -> dynamics);
        this.description = description;
        this.seed = seed;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    protected void startWindow(long window, double[] odometry) {
        rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + window);
        env.reset(rng, observation);
        readOdometry(odometry);
    }

    @Override
    protected void move(double linear, double angular, double[] odometry, double[] truth) {
        action[0] = linear / MODEL.maxLinearVelocity();
        action[1] = angular / MODEL.maxAngularVelocity();
        outcome.clear();
        env.step(action, rng, observation, outcome);
        readOdometry(odometry);
        truth[0] = outcome.reward;
        truth[1] = outcome.cost;
        System.arraycopy(outcome.furtherCosts, 0, truth, 2, truth.length - 2);
    }

    private void readOdometry(double[] odometry) {
        odometry[0] = env.odometryX();
        odometry[1] = env.odometryY();
        odometry[2] = env.odometryYaw();
        odometry[3] = env.measuredLinearVelocity();
        odometry[4] = env.measuredAngularVelocity();
    }
}
