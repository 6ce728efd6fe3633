package org.cponode.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cponode.learn.TrainedPolicy;
import org.cponode.task.CircleGeometry;
import org.cponode.sim.DiffDriveCircle;
import org.cponode.sim.Environment;
import org.cponode.sim.PointCircle;
import org.cponode.sim.StepOutcome;
import org.cponode.sim.Tasks;

/**
 * Rollouts of a trained policy on a Circle task, recording the robot's path for plots. Actions are sampled
 * from the Gaussian policy as during training, because the returns and costs reported for a run are those of
 * the stochastic policy; its mean action alone can behave very differently while the variance is still large.
 */
public final class Trajectories {

    private Trajectories() {}

    /**
     * One episode's path.
     *
     * @param x positions, the start first
     * @param y positions, the start first
     * @param episodeReturn undiscounted reward sum
     * @param episodeCost undiscounted cost sum
     */
    public record Episode(double[] x, double[] y, double episodeReturn, double episodeCost) {}

    /** Whether {@link #rollout} can draw a task: the Circle tasks, whose geometry the plot shows. */
    public static boolean supports(String task) {
        return task.equals(Tasks.POINT_CIRCLE) || task.equals(Tasks.DIFFDRIVE_CIRCLE)
                || task.equals(Tasks.DIFFDRIVE_CIRCLE_2C);
    }

    /** The target circle and safe corridor of a Circle task. */
    public static CircleGeometry geometry(String task) {
        return switch (Tasks.create(task)) {
            case PointCircle p -> CircleGeometry.POINT;
            case DiffDriveCircle d -> d.geometry();
            default -> throw new IllegalArgumentException("no trajectory plot for task " + task + " (Circle tasks only)");
        };
    }

    /** Runs {@code episodes} episodes with sampled actions; starts and actions are drawn from {@code seed}. */
    public static List<Episode> rollout(TrainedPolicy policy, String task, long seed, int episodes) {
        if (!supports(task)) {
            throw new IllegalArgumentException("no trajectory plot for task " + task + " (Circle tasks only)");
        }
        Environment env = Tasks.create(task);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = new double[env.observationSize()];
        double[] action = new double[env.actionSize()];
        double[] normalized = new double[env.observationSize()];
        StepOutcome outcome = new StepOutcome();
        List<Episode> out = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            env.reset(rng, obs);
            double[] xs = new double[64];
            double[] ys = new double[64];
            int n = 0;
            double ret = 0;
            double cost = 0;
            do {
                if (n == xs.length) {
                    xs = Arrays.copyOf(xs, 2 * n);
                    ys = Arrays.copyOf(ys, 2 * n);
                }
                xs[n] = positionX(env, obs);
                ys[n] = positionY(env, obs);
                n++;
                policy.sampleAction(obs, rng, normalized, action);
                outcome.clear();
                env.step(action, rng, obs, outcome);
                ret += outcome.reward;
                cost += outcome.cost;
            } while (!outcome.done());
            xs = Arrays.copyOf(xs, n + 1);
            ys = Arrays.copyOf(ys, n + 1);
            xs[n] = positionX(env, obs);
            ys[n] = positionY(env, obs);
            out.add(new Episode(xs, ys, ret, cost));
        }
        return out;
    }

    /** Point-Circle observations start with qpos (x, y, theta); the diffdrive task exposes its true pose. */
    private static double positionX(Environment env, double[] obs) {
        return env instanceof DiffDriveCircle d ? d.x() : obs[0];
    }

    private static double positionY(Environment env, double[] obs) {
        return env instanceof DiffDriveCircle d ? d.y() : obs[1];
    }
}
