package org.cponode.task;

import java.util.List;
import java.util.OptionalDouble;
import org.cponode.world.Box;
import org.cponode.world.Point;
import org.cponode.world.RangeSensor;
import org.cponode.world.World;

/**
 * A task as a task file defines it ({@link TaskFile}; format and defaults in docs/TASKS.md): the robot, the episode,
 * the reward, the constraints, the observation, and for the simulator the world and the range sensor. Records
 * throughout; every value is checked by the parser, with the file and line of a bad one.
 *
 * @param name the task's name, as checkpoints and progress files record it
 * @param description one line on what the robot must do and what costs
 * @param robot the differential-drive robot whose limits shape commands and scale actions
 * @param robotRadius m, the radius of the robot's footprint: it touches a wall or obstacle closer than this
 * @param episodeSteps control steps per episode; episodes are truncated there and have no terminal state
 * @param start where episodes start: uniformly in this box, heading uniform, redrawn while the footprint
 *     touches a wall or obstacle or the centre is in a keep-out zone
 * @param reward what the robot is paid for each step
 * @param costs the constraints, in the order of the environment's costs; at least one
 * @param observation what the policy sees
 * @param world walls, obstacles, keep-out zones and the goal region (empty for a task in open space)
 * @param sensor the simulated range sensor, cast against the world when the observation or a cost reads it
 * @param training the task's training defaults
 */
public record TaskDefinition(String name, String description, DiffDriveModel robot, double robotRadius,
        int episodeSteps, Box start, Reward reward, List<Cost> costs, Observation observation, World world,
        RangeSensor sensor, Training training) {

    public TaskDefinition {
        costs = List.copyOf(costs);
    }

    /** Whether a scan of {@link #sensor} is needed each step: the observation's range bins or a proximity cost. */
    public boolean scans() {
        return observation.rangeBins() > 0 || costs.stream().anyMatch(c -> c instanceof ProximityCost);
    }

    /** The constraints' names, in order. */
    public List<String> constraintNames() {
        return costs.stream().map(Cost::name).toList();
    }

    /** What a step pays. */
    public sealed interface Reward permits CircleReward, GoalReward, SpeedReward {}

    /**
     * {@code diffdrive-circle}'s reward ({@link DiffDriveTask#reward}) on a circle and corridor.
     *
     * @param geometry the target circle's radius d and the corridor's half-width x_lim, m
     */
    public record CircleReward(CircleGeometry geometry) implements Reward {}

    /**
     * Progress towards the current goal, and a bonus on reaching it, then the next goal:
     * {@code R = progressGain (d_before - d_after) + bonus 1[d_after <= radius]}, d the distance from the robot's
     * centre to the goal, m.
     *
     * @param waypoints the goals in turn, from the first each episode, round again after the last; empty: each
     *     goal drawn uniformly in the world's goal region
     * @param radius m, arrival within this distance of the goal
     * @param bonus reward on arrival
     * @param progressGain reward per metre of progress
     */
    public record GoalReward(List<Point> waypoints, double radius, double bonus, double progressGain)
            implements Reward {
        public GoalReward {
            waypoints = List.copyOf(waypoints);
        }

        /** Whether goals are drawn from the world's goal region rather than taken from a list. */
        public boolean drawn() {
            return waypoints.isEmpty();
        }

        /** The reward of a step that took the robot from {@code before} to {@code after} metres from the goal. */
        public double reward(double before, double after) {
            return progressGain * (before - after) + (after <= radius ? bonus : 0.0);
        }
    }

    /**
     * Tracking a forward speed: {@code R = 1 - |v - target| / v_max}, 1 at the target speed.
     *
     * @param target m/s
     */
    public record SpeedReward(double target) implements Reward {
        /** The reward of a step held at forward speed {@code v} (m/s) by a robot of top speed {@code maxSpeed}. */
        public double reward(double v, double maxSpeed) {
            return 1.0 - Math.abs(v - target) / maxSpeed;
        }
    }

    /** A constraint: its name (the file's key) and the default limit on its expected cost per episode. */
    public sealed interface Cost permits OutsideCost, KeepOutCost, ProximityCost, SpeedCost {
        String name();

        double limit();
    }

    /**
     * 1 per step with the robot's centre outside the safe area ({@link SafeArea#cost}).
     *
     * @param area a polygon, or the circle reward's corridor
     */
    public record OutsideCost(double limit, SafeArea area) implements Cost {
        @Override
        public String name() {
            return "outside";
        }
    }

    /** 1 per step with the robot's centre in a keep-out zone of the world. */
    public record KeepOutCost(double limit) implements Cost {
        @Override
        public String name() {
            return "keep_out";
        }
    }

    /**
     * 1 per step whose scan reads an obstacle nearer than {@code distance} m to the sensor (a reading too close to
     * measure counts as 0 m).
     */
    public record ProximityCost(double limit, double distance) implements Cost {
        @Override
        public String name() {
            return "proximity";
        }

        /** The cost of a step whose nearest reading is {@code nearest} m. */
        public double cost(double nearest) {
            return nearest < distance ? 1.0 : 0.0;
        }
    }

    /**
     * 1 per step faster than {@code maxSpeed} m/s in either direction; with an {@code edgeBand}, only when the
     * robot's centre is within that many metres of the circle corridor's edge or beyond it
     * ({@link DiffDriveTask#speedCost}).
     */
    public record SpeedCost(double limit, double maxSpeed, OptionalDouble edgeBand) implements Cost {
        @Override
        public String name() {
            return "speed";
        }
    }

    /**
     * What the policy sees, the parts present in this order.
     *
     * @param layout the identifier checkpoints record, so that a policy never runs on another layout
     * @param odometry {@link DiffDriveObservation}'s 10 values (needs the circle reward)
     * @param velocity v / v_max and omega / omega_max
     * @param goal distance to the current goal, m, and cos and sin of its bearing from the heading
     * @param rangeBins the scan in this many {@link org.cponode.world.RangeBins} over the sensor's range_max; 0 for
     *     none
     * @param keepOutBins keep-out zones' centres as a {@link PseudoLidar} of this many bins; 0 for none
     * @param keepOutRange m, the pseudo-lidar's range
     */
    public record Observation(String layout, boolean odometry, boolean velocity, boolean goal, int rangeBins,
            int keepOutBins, double keepOutRange) {
        /** Values the observation holds. */
        public int size() {
            return (odometry ? DiffDriveObservation.SIZE : 0) + (velocity ? 2 : 0) + (goal ? 3 : 0) + rangeBins
                    + keepOutBins;
        }
    }

    /**
     * The task's training defaults, which the simulator's task registry turns into its TaskSpec.
     *
     * @param batchSize environment steps per policy update
     * @param gamma reward discount
     * @param gaeLambda GAE lambda of reward advantages
     * @param costGaeLambda GAE lambda of cost advantages
     */
    public record Training(int batchSize, double gamma, double gaeLambda, double costGaeLambda) {
        /** The paper's discount (App. 10.3.2), a task file's default. */
        public static final double PAPER_GAMMA = 0.995;
        /** The paper's GAE lambda (App. 10.3.2), a task file's default. */
        public static final double PAPER_GAE_LAMBDA = 0.95;
        /** {@code diffdrive-circle}'s cost GAE lambda, a task file's default. */
        public static final double DIFFDRIVE_COST_GAE_LAMBDA = 0.5;
        /** A task file's default batch: this many whole episodes per update. */
        public static final int EPISODES_PER_BATCH = 100;
    }
}
