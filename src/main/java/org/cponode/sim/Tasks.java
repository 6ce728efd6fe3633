package org.cponode.sim;

import org.cponode.task.DiffDriveObservation;
import org.cponode.task.DiffDriveTask;
import org.cponode.task.TaskDefinition;
import org.cponode.task.TaskFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of embedded tasks: names, training defaults and fresh {@link Environment} instances.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>task</th><th>cost limits</th><th>max length</th><th>batch</th><th>gamma</th><th>lambda</th>
 *       <th>lambda_C</th></tr>
 *   <tr><td>point-circle</td><td>5</td><td>64</td><td>50,000</td><td>0.995</td><td>0.95</td><td>0.92</td></tr>
 *   <tr><td>point-gather</td><td>0.1</td><td>15</td><td>50,000</td><td>0.995</td><td>0.95</td><td>1</td></tr>
 *   <tr><td>point-goal</td><td>hazards 25</td><td>1,000</td><td>32,000</td><td>0.99</td><td>0.97</td>
 *       <td>0.97</td></tr>
 *   <tr><td>diffdrive-circle</td><td>20</td><td>400</td><td>40,000</td><td>0.995</td><td>0.95</td><td>0.5</td></tr>
 *   <tr><td>diffdrive-circle-2c</td><td>outside 20, speed 10</td><td>400</td><td>40,000</td><td>0.995</td>
 *       <td>0.95</td><td>0.5</td></tr>
 *   <tr><td>diffdrive-goal</td><td>keep_out 25, proximity 25</td><td>1,000</td><td>32,000</td><td>0.99</td>
 *       <td>0.97</td><td>0.97</td></tr>
 * </table>
 * All but point-goal use gamma 0.995 and lambda 0.95 (paper App. 10.3.2). Point-Circle's and Point-Gather's values
 * are the paper's but for Point-Circle's lambda_C: 0.92, from the paper's own search grid {0.5, 0.92, 1}, instead
 * of its 1. With 1 every action is charged the noise of all the cost still to come in its episode (when the policy leaves the corridor,
 * where the random horizon cuts the episode), so CPO's cost gradient is noisy and its linear cost model misses
 * by about 0.8 (its learned margin); with 0.92 the margin falls to about 0.05, the cost tracks the limit more
 * closely and the return rises faster (docs/RESULTS.md).
 * {@code diffdrive-circle} is not in the paper: its limit of 20 cost-steps per 400-step episode allows 5 % of
 * the time outside the corridor, the same fraction as the Safety-Gymnasium Circle tasks' cost limit 25 per
 * 500 steps, and below Point-Circle's 5 per ~57 steps (9 %), because a slow real robot that
 * overshoots the corridor pays for many steps before it is back; 40,000 steps are 100 whole episodes per update.
 * {@code diffdrive-circle-2c} keeps that limit for its {@code outside} constraint and allows its {@code speed}
 * constraint ({@link org.cponode.task.DiffDriveTask#speedCost}) 10 fast steps near the edge per episode, half a
 * second: it binds, as TRPO, unconstrained, pays about 319 of them per episode after 100 iterations of 40,000
 * steps, and it is satisfiable, by slowing down before the edge or turning back earlier, as CPO's policies pay
 * 4.5 to 9.3 over iterations 91 to 100 (5 seeds, docs/RESULTS.md).
 * {@code point-goal} is Safety Gymnasium's {@code SafetyPointGoal1} and takes the settings of the benchmark that
 * introduced that task (Ray, Achiam and Amodei 2019, run with OpenAI's safety-starter-agents): the cost limit 25
 * per 1,000-step episode; the reward's gamma 0.99; GAE lambda 0.97 for reward and cost; and its 30,000 steps per
 * update, rounded to 32,000, because each of the 8 rollout slots runs whole episodes and a share of 3,750 steps
 * would run 4 of them anyway: 32 whole episodes per update. The settings are that benchmark's so that its runs
 * are a reference; the robot differs ({@link PointGoal}). The shorter discount suits the task: its reward
 * is paid as progress towards a goal that a new one replaces on arrival, a few tens of steps apart for a robot
 * that drives straight to each at 0.05 per step, and 0.99 weighs about the next 100 steps, where 0.995 would
 * credit an action with more of the progress towards goals drawn after it.
 * {@code diffdrive-goal} is defined by its task file, {@code config/tasks/diffdrive-goal.yaml} (on the class path
 * as {@code org/cponode/sim/tasks/}), and runs in a {@link TaskFileEnvironment}; its settings and limits are
 * point-goal's for the same reasons (docs/TASKS.md). Any task file can be trained without registering it
 * ({@code train --task FILE.yaml}, {@link #specOf}).
 */
public final class Tasks {

    /** Paper task: the point robot runs a circle of radius 15 while staying within |x| <= 2.5. */
    public static final String POINT_CIRCLE = "point-circle";
    /** Paper task: the point robot collects apples and avoids bombs. */
    public static final String POINT_GATHER = "point-gather";
    /** Real-scale task: a TurtleBot3-Burger-like robot runs a 1.5 m circle within |x| <= 0.5 m. */
    public static final String DIFFDRIVE_CIRCLE = "diffdrive-circle";
    /** {@code diffdrive-circle} with a second constraint: no fast driving near the corridor's edge. */
    public static final String DIFFDRIVE_CIRCLE_2C = "diffdrive-circle-2c";
    /** Safety Gymnasium's Goal level 1: the point robot reaches goal after goal among 8 hazards. */
    public static final String POINT_GOAL = "point-goal";
    /** Real-scale task from a task file: the diffdrive robot reaches goals in a walled room, two constraints. */
    public static final String DIFFDRIVE_GOAL = "diffdrive-goal";

    private static final double GAMMA = TaskDefinition.Training.PAPER_GAMMA;
    private static final double GAE_LAMBDA = TaskDefinition.Training.PAPER_GAE_LAMBDA;
    /** {@code diffdrive-circle-2c}'s limit on its {@code speed} constraint per episode (see the class comment). */
    private static final double SPEED_LIMIT_2C = 10.0;
    /** {@code point-goal}'s settings, Safety Gymnasium's benchmark's (see the class comment). */
    private static final double POINT_GOAL_LIMIT = 25.0;
    private static final int POINT_GOAL_BATCH = 32_000;
    private static final double POINT_GOAL_GAMMA = 0.99;
    private static final double POINT_GOAL_LAMBDA = 0.97;

    private record Entry(TaskSpec spec, Supplier<Environment> factory) {}

    private static final Map<String, Entry> TASKS = new LinkedHashMap<>();

    static {
        register(new TaskSpec(POINT_CIRCLE,
                "point robot runs along a circle of radius 15; cost 1 per step with |x| > 2.5",
                one(5.0), PointCircle.MAX_HORIZON, 50_000, GAMMA, GAE_LAMBDA, 0.92, "point-circle/v4"), PointCircle::new);
        register(new TaskSpec(POINT_GATHER,
                "point robot collects 2 apples (+10) among 8 bombs (-1); cost 1 per step a bomb is collected",
                one(0.1), PointGather.HORIZON, 50_000, GAMMA, GAE_LAMBDA, 1.0, "point-gather/v2"), PointGather::new);
        register(new TaskSpec(POINT_GOAL,
                "point robot reaches goal after goal (+1 each, plus distance progress) among 8 hazards;"
                        + " cost 1 per step inside a hazard",
                List.of(new TaskSpec.Constraint(PointGoal.CONSTRAINT, POINT_GOAL_LIMIT)), PointGoal.HORIZON,
                POINT_GOAL_BATCH, POINT_GOAL_GAMMA, POINT_GOAL_LAMBDA, POINT_GOAL_LAMBDA, "point-goal/v1"),
                PointGoal::new);
        register(new TaskSpec(DIFFDRIVE_CIRCLE,
                "differential-drive robot (0.22 m/s, 20 Hz) runs a 1.5 m circle; cost 1 per step with |x| > 0.5 m",
                List.of(new TaskSpec.Constraint(DiffDriveCircle.OUTSIDE, 20.0)), DiffDriveTask.HORIZON, 40_000, GAMMA,
                GAE_LAMBDA, 0.5, DiffDriveObservation.LAYOUT), DiffDriveCircle::new);
        register(new TaskSpec(DIFFDRIVE_CIRCLE_2C,
                "diffdrive-circle with two constraints: outside, 1 per step with |x| > 0.5 m (limit 20), and speed,"
                        + " 1 per step faster than 0.15 m/s with |x| > 0.3 m (limit 10)",
                List.of(new TaskSpec.Constraint(DiffDriveCircle.CONSTRAINTS_2C.get(0), 20.0),
                        new TaskSpec.Constraint(DiffDriveCircle.CONSTRAINTS_2C.get(1), SPEED_LIMIT_2C)),
                DiffDriveTask.HORIZON, 40_000, GAMMA, GAE_LAMBDA, 0.5, DiffDriveObservation.LAYOUT),
                DiffDriveCircle::withSpeedConstraint);
        TaskDefinition goal = bundled(DIFFDRIVE_GOAL);
        register(specOf(goal), () -> new TaskFileEnvironment(goal));
    }

    /** The task file {@code config/tasks/NAME.yaml}, read from the class path where the build puts it. */
    private static TaskDefinition bundled(String name) {
        String file = "config/tasks/" + name + ".yaml";
        try (InputStream in = Tasks.class.getResourceAsStream("tasks/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the class path; rebuild with scripts/build");
            }
            return TaskFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from the class path", e);
        }
    }

    /** The training defaults a task file gives its task. */
    public static TaskSpec specOf(TaskDefinition task) {
        TaskDefinition.Training t = task.training();
        return new TaskSpec(task.name(), task.description(),
                task.costs().stream().map(c -> new TaskSpec.Constraint(c.name(), c.limit())).toList(),
                task.episodeSteps(), t.batchSize(), t.gamma(), t.gaeLambda(), t.costGaeLambda(),
                task.observation().layout());
    }

    private Tasks() {}

    /** The one constraint of a task whose environments keep {@link Environment#constraintNames()}' default name. */
    private static List<TaskSpec.Constraint> one(double limit) {
        return List.of(new TaskSpec.Constraint("cost", limit));
    }

    private static void register(TaskSpec spec, Supplier<Environment> factory) {
        TASKS.put(spec.name(), new Entry(spec, factory));
    }

    /** Every task name, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /**
     * The training defaults of task {@code name}.
     *
     * @throws IllegalArgumentException if no task has that name; the message lists the valid names
     */
    public static TaskSpec spec(String name) {
        return entry(name).spec();
    }

    /**
     * A new, independent instance of task {@code name} (nominal dynamics for {@code diffdrive-circle}).
     *
     * @throws IllegalArgumentException if no task has that name; the message lists the valid names
     */
    public static Environment create(String name) {
        return entry(name).factory().get();
    }

    private static Entry entry(String name) {
        Entry entry = TASKS.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "unknown task '" + name + "'; valid tasks: " + String.join(", ", TASKS.keySet()));
        }
        return entry;
    }
}
