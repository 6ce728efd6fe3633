package org.cponode.transfer;

import org.cponode.task.DiffDriveTask;

import java.util.SplittableRandom;
import org.cponode.learn.PolicyCompatibility;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.StepOutcome;
import org.cponode.sim.Tasks;

/**
 * The {@code sim-robot} target in process: {@code diffdrive-circle} with one fixed perturbed dynamics (e.g.
 * {@code config/perturbed_robot.yaml}). Each window is one episode of the task from a fresh start pose, with
 * its random stream derived from (seed, window), so a trial is reproducible for its seed. A stop is the zero
 * action, which the node-side limiter ramps down within the acceleration limits as on the real robot.
 */
public final class SimTargetRobot implements TargetRobot {

    private final String description;
    private final long seed;
    private final DiffDriveCircle env;
    private final double[] observation = new double[DiffDriveObservation.SIZE];
    private final double[] action = new double[2];
    private final double[] stop = new double[2];
    private final StepOutcome outcome = new StepOutcome();

    /**
     * @param dynamics the robot's fixed departure from the model
     * @param description names the dynamics' origin in the report
     * @param seed seed of start poses and sensor noise
     */
    public SimTargetRobot(DiffDriveDynamics dynamics, String description, long seed) {
        this.env = new DiffDriveCircle(rng -> dynamics);
        this.description = description;
        this.seed = seed;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public PolicyCompatibility.Requirements requirements() {
        return PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE);
    }

    @Override
    public int windowSteps() {
        return DiffDriveTask.HORIZON;
    }

    @Override
    public void runWindow(long window, StepDriver driver) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + window);
        env.reset(rng, observation);
        for (int t = 0; t < DiffDriveTask.HORIZON; t++) {
            boolean drive = driver.act(observation, action);
            outcome.clear();
            env.step(drive ? action : stop, rng, observation, outcome);
            driver.outcome(outcome.reward, outcome.cost);
        }
    }

    @Override
    public void close() {
        // Nothing to release: the simulator lives in this object.
    }
}
