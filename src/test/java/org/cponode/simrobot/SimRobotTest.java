package org.cponode.simrobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated robot: commands move it, a stale command stops it, sim time runs at the requested factor. */
class SimRobotTest {

    /** Records what the robot publishes. */
    static final class Recorder implements SimRobotTransport {
        volatile CommandSink sink;
        final List<double[]> odometry = new CopyOnWriteArrayList<>();
        final List<Double> clock = new CopyOnWriteArrayList<>();

        @Override
        public void start(CommandSink s) {
            sink = s;
        }

        @Override
        public void publishOdometry(double stamp, double x, double y, double yaw, double v, double w) {
            odometry.add(new double[] {stamp, x, y, yaw, v, w});
        }

        @Override
        public void publishClock(double time) {
            clock.add(time);
        }

        @Override
        public void close() {}

        double[] last() {
            return odometry.get(odometry.size() - 1);
        }
    }

    @Test
    @Timeout(30)
    void commandsMoveItAndAStaleCommandStopsIt() throws Exception {
        Recorder r = new Recorder();
        SimRobot robot = new SimRobot(new SimRobot.Settings(true, 5.0, 0.5, 2), r);
        robot.start();
        try {
            // Command 0.1 m/s for 1 simulated second; [before, after] brackets the last command's receive time.
            double start = robot.simTime();
            double before = start;
            double after = start;
            while (robot.simTime() < start + 1.0) {
                before = robot.simTime();
                r.sink.command(0.1, 0.0);
                after = robot.simTime();
                Thread.sleep(2);
            }
            while (robot.simTime() < after + 1.0) {
                Thread.sleep(2);
            }
            r.sink.command(Double.NaN, 0.0);
            assertEquals(0.1, robot.commandLinear(), "malformed commands are ignored");
            // A step stamped s checked freshness at s - 0.05: fresh up to before + 0.55, stale after after + 0.55
            // (and 0.1 m/s stops within one step at 2.5 m/s^2).
            int fresh = 0;
            int stale = 0;
            for (double[] o : r.odometry) {
                if (o[0] > start + 0.5 && o[0] <= before + 0.55 - 1e-9) {
                    assertEquals(0.1, o[4], 1e-9, "within the command timeout the last command holds, t=" + o[0]);
                    fresh++;
                } else if (o[0] > after + 0.55 + 1e-9) {
                    assertEquals(0.0, o[4], 1e-9, "after the 0.5 s timeout the robot has stopped, t=" + o[0]);
                    stale++;
                }
            }
            assertTrue(fresh > 5 && stale > 5, fresh + " fresh and " + stale + " stale steps checked");
        } finally {
            robot.close();
        }
        // Sim time: /clock advances one model period per step, odometry is stamped with it.
        for (int i = 1; i < r.clock.size(); i++) {
            assertEquals(0.05, r.clock.get(i) - r.clock.get(i - 1), 1e-9);
        }
        assertEquals(r.clock.get(r.clock.size() - 1), r.last()[0], 1e-9);
    }

    @Test
    @Timeout(30)
    void simulatedTimeRunsAtTheRealTimeFactor() throws Exception {
        Recorder r = new Recorder();
        SimRobot robot = new SimRobot(new SimRobot.Settings(true, 4.0, 0.5, 2), r);
        robot.start();
        try {
            Thread.sleep(1000);
        } finally {
            robot.close();
        }
        // Never faster than asked; slower only if this shared machine starves the thread (no catch-up bursts).
        assertTrue(robot.simTime() > 2.0 && robot.simTime() <= 4.0 + 0.1, "simulated " + robot.simTime() + " s in 1 s");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SimRobot.Settings(false, 2.0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimRobot.Settings(true, 0.0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimRobot.Settings(true, 1.0, 0.0, 1));
        assertTrue(new SimRobot.Settings(true, 100.0, 0.1, 1).simTime());
    }
}
