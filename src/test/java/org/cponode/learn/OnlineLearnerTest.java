package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.parallel.WorkerPool;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The online updater fed through its ring as a control loop would: batching, measured cost, checkpoints, swaps. */
class OnlineLearnerTest {

    private static final int O = DiffDriveObservation.SIZE;
    private final WorkerPool pool = new WorkerPool(1);
    private final AtomicReference<TrainedPolicy> active = new AtomicReference<>();
    private final AtomicReference<TrainedPolicy> lastSafe = new AtomicReference<>();
    private final List<OnlineLearner.Update> updates = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** An Error the next update's report throws on the learner thread, as an exhausted heap would; or null. */
    private volatile Error onUpdate;
    private OnlineLearner learner;

    @AfterEach
    void close() {
        if (learner != null) {
            learner.close();
        }
        pool.close();
    }

    private OnlineLearner start(Path dir, int batchWindows, double costLimit) {
        Learner l = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE), 3, new double[] {costLimit}, 1), O, 2,
                pool);
        learner = new OnlineLearner(l, 10, new OnlineLearner.Settings(batchWindows, new double[] {costLimit}, dir,
                Tasks.DIFFDRIVE_CIRCLE, DiffDriveObservation.LAYOUT, 3, 0.0), active, lastSafe, 4096, pool,
                new OnlineLearner.Listener() {
                    @Override
                    public void updated(OnlineLearner.Update u) {
                        updates.add(u);
                        Error e = onUpdate;
                        if (e != null) {
                            throw e;
                        }
                    }

                    @Override
                    public void failed(String message) {
                        failures.add(message);
                    }
                });
        learner.start();
        return learner;
    }

    /** One window of {@code steps} steps with the given cost per step, as path {@code path}. */
    private static void window(StepRing ring, long version, long window, long path, int steps, double costPerStep) {
        ring.markWindow(window);
        double[] obs = new double[O];
        double[] action = new double[2];
        for (int t = 0; t < steps; t++) {
            obs[0] = Math.sin(t + window);
            obs[1] = Math.cos(t * 0.3);
            action[0] = 0.1 * (t % 5) - 0.2;
            action[1] = 0.05 * (t % 7) - 0.1;
            assertTrue(ring.offer(obs, obs, action, -1.5, 0.01 * t, new double[] {costPerStep}, version, path, window,
                    t));
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    /**
     * With two constraints every step carries both costs, the update measures each against its limit, the version
     * is the last safe one only when both are within, and its checkpoint records both.
     */
    @Test
    @Timeout(90)
    void twoConstraintsAreMeasuredEachAgainstItsLimit(@TempDir Path dir) throws Exception {
        double[] limits = {5.0, 1.0};
        Learner l = new Learner(OnlineLearner.freshConfig(Tasks.spec(Tasks.DIFFDRIVE_CIRCLE_2C), 3, limits, 1), O, 2,
                pool);
        learner = new OnlineLearner(l, 10, new OnlineLearner.Settings(1, limits, dir, Tasks.DIFFDRIVE_CIRCLE_2C,
                DiffDriveObservation.LAYOUT, 3, 0.0), active, lastSafe, 4096, pool, new OnlineLearner.Listener() {
                    @Override
                    public void updated(OnlineLearner.Update u) {
                        updates.add(u);
                    }

                    @Override
                    public void failed(String message) {
                        failures.add(message);
                    }
                });
        learner.start();
        StepRing ring = learner.ring();
        assertEquals(2, ring.constraints());
        double[] obs = new double[O];
        double[] action = new double[2];
        for (int window = 0; window < 2; window++) {
            long version = 10 + window;
            if (window == 1) {
                await("first update", () -> active.get().version() == 11);
            }
            ring.markWindow(window);
            for (int t = 0; t < 40; t++) {
                obs[0] = Math.sin(t + window);
                // window 0: outside 4 (within 5), speed 2 (above 1); window 1: outside 2, speed 0.4, both within
                double[] costs = window == 0 ? new double[] {0.1, 0.05} : new double[] {0.05, 0.01};
                assertTrue(ring.offer(obs, obs, action, -1.5, 0.01, costs, version, window + 1, window, t));
            }
            ring.markWindow(window + 1);
            int expected = window + 1;
            await("update " + expected, () -> updates.size() == expected);
        }
        OnlineLearner.Update first = updates.get(0);
        assertArrayEquals(new double[] {4.0, 2.0}, first.measuredCosts(), 1e-9);
        assertArrayEquals(limits, first.costLimits());
        assertArrayEquals(new double[] {2.0, 0.4}, updates.get(1).measuredCosts(), 1e-9);
        assertEquals(11, lastSafe.get().version(), "v10 broke the speed limit; v11 kept both");
        Checkpoint v10 = Checkpoint.read(learner.checkpointFile(10));
        assertEquals("outside,speed", v10.require("constraints"));
        assertArrayEquals(new double[] {4.0, 2.0}, TrainedPolicy.measuredCosts(v10), 1e-9);
        assertEquals("1.0", v10.require("config.more_cost_limits"));
        learner.setCostLimits(new double[] {5.0, 3.0});
        assertArrayEquals(new double[] {5.0, 3.0}, learner.costLimits());
        Learner resumed = OnlineLearner.resumeLearner(v10, DiffDriveObservation.LAYOUT, new double[] {6, 2}, 0.0,
                pool).learner();
        assertArrayEquals(new double[] {6, 2}, resumed.config().costLimits());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnlineLearner.resumeLearner(
                v10, DiffDriveObservation.LAYOUT, new double[] {6}, 0.0, pool));
        assertEquals("checkpoint was made with 2 constraint(s) (outside,speed), but this robot has 1", e.getMessage());
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    @Timeout(90)
    void batchOfWindowsBecomesOneUpdateWithItsMeasuredCost(@TempDir Path dir) throws Exception {
        start(dir, 2, 5.0);
        assertEquals(10, active.get().version(), "the learner's policy is published at start");
        StepRing ring = learner.ring();
        window(ring, 10, 0, 1, 40, 0.1); // path cost 4
        window(ring, 10, 1, 2, 40, 0.05); // path cost 2
        Thread.sleep(100);
        assertTrue(updates.isEmpty(), "no update before the second window is over");
        ring.markWindow(2);
        await("update", () -> !updates.isEmpty());
        OnlineLearner.Update u = updates.get(0);
        assertEquals(10, u.measuredVersion());
        assertEquals(11, u.newVersion());
        assertEquals(2, u.paths());
        assertEquals(80, u.samples());
        assertEquals(3.0, u.measuredCost(), 1e-9);
        assertEquals(11, active.get().version(), "new policy published");
        assertEquals(10, lastSafe.get().version(), "v10 measured within the limit");
        Checkpoint v10 = Checkpoint.read(learner.checkpointFile(10));
        assertEquals(3.0, Double.parseDouble(v10.require("measured_cost")), 1e-9);
        Checkpoint latest = Checkpoint.read(dir.resolve(OnlineLearner.LATEST));
        assertEquals("11", latest.require("policy_version"));
        TrainedPolicy reloaded = TrainedPolicy.fromCheckpoint(latest, DiffDriveObservation.LAYOUT);
        assertTrue(java.util.Arrays.equals(reloaded.params(), active.get().params()), "latest.bin holds v11");
        Learner resumed = OnlineLearner.resumeLearner(latest, DiffDriveObservation.LAYOUT, new double[] {7.0}, 0.0,
                pool).learner();
        assertEquals(7.0, resumed.config().costLimit());
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /**
     * A policy from train explores at least the floor on the robot, as a new version; a checkpoint made on a robot
     * (the node's own, a transfer trial's) continues as it was.
     */
    @Test
    void aTrainPolicyExploresAtLeastTheFloorAndARobotsOwnContinuesAsItWas() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Checkpoint untrained = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
            int logStd = OnlineLearner.resumeLearner(untrained, DiffDriveObservation.LAYOUT, new double[] {20}, 0.0, pool).learner()
                    .policy().logStdOffset();
            long version = Long.parseLong(untrained.require("policy_version"));
            double[] narrow = untrained.array("policy", -1).clone();
            narrow[logStd] = Math.log(0.2); // as training leaves it
            narrow[logStd + 1] = Math.log(0.9);
            Map<String, double[]> arrays = new LinkedHashMap<>(untrained.arrays());
            arrays.put("policy", narrow);
            Checkpoint trained = new Checkpoint(untrained.metadata(), arrays);

            OnlineLearner.Resumed handedOver = OnlineLearner.resumeLearner(trained, DiffDriveObservation.LAYOUT,
                    new double[] {20}, 0.7, pool);
            Learner l = handedOver.learner();
            assertEquals(0.7, Math.exp(l.policy().logStd(l.params(), 0)), 1e-12);
            assertEquals(0.9, Math.exp(l.policy().logStd(l.params(), 1)), 1e-12, "wider kept");
            double[] mean = l.params().clone();
            mean[logStd] = narrow[logStd];
            assertArrayEquals(narrow, mean, "only the narrow standard deviation moved");
            assertEquals(version + 1, handedOver.version(), "the raised policy is a new version");

            for (String kind : List.of("online", "transfer")) {
                Map<String, String> meta = new LinkedHashMap<>(untrained.metadata());
                meta.put("kind", kind);
                OnlineLearner.Resumed own = OnlineLearner.resumeLearner(new Checkpoint(meta, arrays),
                        DiffDriveObservation.LAYOUT, new double[] {20}, 0.7, pool);
                assertArrayEquals(narrow, own.learner().params(), kind + " checkpoint continues as it was");
                assertEquals(version, own.version());
            }
            OnlineLearner.Resumed kept = OnlineLearner.resumeLearner(trained, DiffDriveObservation.LAYOUT,
                    new double[] {20}, 0.0,
                    pool);
            assertArrayEquals(narrow, kept.learner().params(), "0 keeps the policy's exploration");
            assertEquals(version, kept.version());
        }
        assertThrows(IllegalArgumentException.class, () -> new OnlineLearner.Settings(1, new double[] {20}, Path.of("x"),
                Tasks.DIFFDRIVE_CIRCLE, DiffDriveObservation.LAYOUT, 1, -0.5));
    }

    @Test
    @Timeout(90)
    void stepsOfAReplacedVersionAreIgnoredAndUnsafeVersionsAreNotKept(@TempDir Path dir) throws Exception {
        start(dir, 1, 1.0);
        StepRing ring = learner.ring();
        window(ring, 9, 0, 1, 30, 1.0); // an old version: ignored
        window(ring, 10, 1, 2, 30, 0.5); // cost 15 > limit 1
        ring.markWindow(2);
        await("update", () -> !updates.isEmpty());
        assertEquals(30, updates.get(0).samples());
        assertNull(lastSafe.get(), "v10 exceeded the limit");
        assertTrue(Files.exists(learner.checkpointFile(10)), "every measured version is checkpointed");
    }

    @Test
    @Timeout(90)
    void pauseDiscardsTheBatchAndCostLimitChangesApply(@TempDir Path dir) throws Exception {
        start(dir, 1, 5.0);
        StepRing ring = learner.ring();
        learner.setPaused(true);
        await("paused", () -> learner.state() == OnlineLearner.State.PAUSED);
        window(ring, 10, 0, 1, 30, 0.0);
        ring.markWindow(1);
        Thread.sleep(100);
        assertTrue(updates.isEmpty(), "no update while paused");
        assertEquals(0, ring.available(), "paused learner drains and discards");
        learner.setCostLimits(new double[] {0.5});
        learner.setPaused(false);
        window(ring, 10, 1, 2, 30, 0.0);
        ring.markWindow(2);
        await("update", () -> !updates.isEmpty());
        assertEquals(0.5, updates.get(0).costLimits()[0]);
        Checkpoint latest = Checkpoint.read(dir.resolve(OnlineLearner.LATEST));
        assertEquals("0.5", latest.require("config.cost_limit"));
        assertThrows(IllegalArgumentException.class, () -> learner.setCostLimits(new double[] {Double.NaN}));
    }

    /** A raised exploration floor set while learning is a new acting version; 0, or a floor already met, is none. */
    @Test
    @Timeout(60)
    void raisingExplorationPublishesANewVersion(@TempDir Path dir) throws Exception {
        start(dir, 1, 5.0);
        TrainedPolicy before = active.get();
        double floor = 2 * Math.exp(before.policy().logStd(before.params(), 0));
        learner.raiseExploration(0.0);
        learner.raiseExploration(floor);
        await("the raised version", () -> active.get().version() == 11);
        TrainedPolicy raised = active.get();
        for (int j = 0; j < 2; j++) {
            assertTrue(Math.exp(raised.policy().logStd(raised.params(), j)) >= floor * (1 - 1e-12), "component " + j);
        }
        assertEquals(11, learner.version());
        learner.raiseExploration(floor / 2);
        Thread.sleep(100);
        assertEquals(11, active.get().version(), "a floor the policy already meets changes nothing");
        assertThrows(IllegalArgumentException.class, () -> learner.raiseExploration(Double.NaN));
    }

    @Test
    @Timeout(90)
    void loadSwitchesToACheckpointedVersion(@TempDir Path dir) throws Exception {
        start(dir, 1, 5.0);
        window(learner.ring(), 10, 0, 1, 30, 0.0);
        learner.ring().markWindow(1);
        await("update", () -> !updates.isEmpty());
        learner.load(Checkpoint.read(learner.checkpointFile(10)));
        await("loaded", () -> active.get().version() == 10 && learner.version() == 10);
        Checkpoint other = Checkpoint.read(learner.checkpointFile(10));
        Map<String, String> meta = new java.util.LinkedHashMap<>(other.metadata());
        meta.put("observation_layout", "point-circle/v3");
        assertThrows(IllegalArgumentException.class, () -> learner.load(new Checkpoint(meta, other.arrays())));
        assertFalse(failures.stream().anyMatch(f -> f.contains("cannot load")), failures.toString());
    }

    /**
     * A learner thread that dies of an Error (the heap exhausted) says so once, in one line, and reports FAILED:
     * it stops collecting (the control core then drives the mean action), and a new start does not revive it.
     */
    @Test
    @Timeout(90)
    void aLearnerThatDiesOfAnErrorSaysSoAndStopsCollecting(@TempDir Path dir) throws Exception {
        onUpdate = new OutOfMemoryError("Java heap space");
        start(dir, 1, 5.0);
        StepRing ring = learner.ring();
        assertTrue(learner.collecting());
        window(ring, 10, 0, 1, 30, 0.0);
        ring.markWindow(1);
        // the state turns FAILED just before the listener hears of it
        await("failed and said so", () -> learner.state() == OnlineLearner.State.FAILED && !failures.isEmpty());
        assertTrue(learner.failed());
        assertTrue(!learner.collecting(), "exploration stops");
        assertEquals(List.of("online learner stopped: java.lang.OutOfMemoryError: Java heap space; the policy's mean"
                + " action drives, no more updates until a restart"), failures);
        learner.close();
        learner.start();
        assertEquals(OnlineLearner.State.FAILED, learner.state(), "still failed after close and start");
    }
}
