package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.cponode.learn.TrainConfig;
import org.junit.jupiter.api.Test;

class TasksTest {

    @Test
    void registryListsTheTasksAndCreatesFreshInstances() {
        assertEquals(List.of("point-circle", "point-gather", "point-goal", "diffdrive-circle", "diffdrive-circle-2c",
                "diffdrive-goal"),
                Tasks.names());
        assertInstanceOf(PointCircle.class, Tasks.create("point-circle"));
        assertInstanceOf(PointGather.class, Tasks.create("point-gather"));
        assertInstanceOf(PointGoal.class, Tasks.create("point-goal"));
        assertInstanceOf(DiffDriveCircle.class, Tasks.create("diffdrive-circle"));
        assertNotSame(Tasks.create("point-circle"), Tasks.create("point-circle"));
        assertEquals(12, Tasks.create("point-circle").observationSize());
        assertEquals(29, Tasks.create("point-gather").observationSize());
        assertEquals(41, Tasks.create("point-goal").observationSize());
        assertEquals(10, Tasks.create("diffdrive-circle").observationSize());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tasks.create("ant-circle"));
        assertTrue(e.getMessage().contains("ant-circle"));
        for (String name : Tasks.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Tasks.spec(null));
    }

    @Test
    void specsCarryEachTasksDefaults() {
        TaskSpec circle = Tasks.spec("point-circle");
        assertEquals(5.0, circle.costLimit());
        assertEquals(64, circle.maxEpisodeLength());
        assertEquals(50_000, circle.batchSize());
        assertEquals(0.995, circle.gamma());
        assertEquals(0.95, circle.gaeLambda());
        assertEquals(0.92, circle.costGaeLambda());
        TaskSpec gather = Tasks.spec("point-gather");
        assertEquals(0.1, gather.costLimit());
        assertEquals(15, gather.maxEpisodeLength());
        assertEquals(50_000, gather.batchSize());
        TaskSpec goal = Tasks.spec("point-goal");
        assertEquals(List.of("hazards"), goal.constraintNames());
        assertEquals(25.0, goal.costLimit());
        assertEquals(1_000, goal.maxEpisodeLength());
        assertEquals(32_000, goal.batchSize());
        assertEquals(0.99, goal.gamma());
        assertEquals(0.97, goal.gaeLambda());
        assertEquals(0.97, goal.costGaeLambda());
        assertEquals("point-goal/v1", goal.observationLayout());
        TaskSpec diffdrive = Tasks.spec("diffdrive-circle");
        assertEquals(20.0, diffdrive.costLimit());
        assertEquals(400, diffdrive.maxEpisodeLength());
        assertEquals(40_000, diffdrive.batchSize());
        TaskSpec twoConstraints = Tasks.spec("diffdrive-circle-2c");
        assertEquals(List.of("outside", "speed"), twoConstraints.constraintNames());
        assertArrayEquals(new double[] {20.0, 10.0}, twoConstraints.costLimits());
        assertEquals(diffdrive.observationLayout(), twoConstraints.observationLayout());
        List<TaskSpec.Constraint> one = List.of(new TaskSpec.Constraint("cost", 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskSpec.Constraint("cost", -1));
        assertThrows(IllegalArgumentException.class, () -> new TaskSpec.Constraint("Bad name", 1));
        assertThrows(IllegalArgumentException.class, () -> new TaskSpec("x", "", one, 10, 5, 0.99, 0.95, 1, "x/v1"));
        assertThrows(IllegalArgumentException.class, () -> new TaskSpec("x", "", List.of(), 10, 100, 0.99, 0.95, 1,
                "x/v1"));
        assertThrows(IllegalArgumentException.class, () -> new TaskSpec("x", "", List.of(one.get(0), one.get(0)), 10,
                100, 0.99, 0.95, 1, "x/v1"));
    }

    @Test
    void everyTaskDeclaresItsEnvironmentsConstraintsAndTheDefaultsTakeEveryLimit() {
        for (String name : Tasks.names()) {
            TaskSpec spec = Tasks.spec(name);
            assertEquals(Tasks.create(name).constraintNames(), spec.constraintNames(), name);
            TrainConfig defaults = TrainConfig.defaults(spec);
            assertArrayEquals(spec.costLimits(), defaults.costLimits(), name);
            assertEquals(spec.costLimit(), defaults.costLimit(), name);
        }
    }

    @Test
    void noEpisodeIsLongerThanItsSpecSays() {
        SplittableRandom rng = new SplittableRandom(1);
        StepOutcome out = new StepOutcome();
        for (String name : Tasks.names()) {
            Environment env = Tasks.create(name);
            double[] obs = new double[env.observationSize()];
            double[] action = new double[env.actionSize()];
            int limit = Tasks.spec(name).maxEpisodeLength();
            for (int episode = 0; episode < 50; episode++) {
                env.reset(rng, obs);
                int steps = 0;
                do {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = rng.nextDouble(env.actionLow(i), env.actionHigh(i));
                    }
                    env.step(action, rng, obs, out);
                    steps++;
                } while (!out.done());
                assertTrue(steps <= limit, name + " ran " + steps + " steps");
            }
        }
    }
}
