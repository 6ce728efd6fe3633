package org.cponode.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cponode.simrobot.SimRobot;
import org.cponode.simrobot.SimRobotTransport;
import org.cponode.sim.DiffDriveDynamics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sim-robot --dynamics}: the served robot moves as the dynamics file says, not as the nominal model. */
class PerturbedSimRobotTest {

    /** Keeps the command sink and the newest odometry speed. */
    private static final class LastSpeed implements SimRobotTransport {
        volatile CommandSink sink;
        volatile double speed = Double.NaN;

        @Override
        public void start(CommandSink s) {
            sink = s;
        }

        @Override
        public void publishOdometry(double stamp, double x, double y, double yaw, double v, double w) {
            speed = v;
        }

        @Override
        public void publishClock(double time) {}

        @Override
        public void close() {}
    }

    /** Forward speed after 1 simulated second of commanding 0.2 m/s. */
    private static double steadySpeed(DiffDriveDynamics dynamics) throws InterruptedException {
        LastSpeed transport = new LastSpeed();
        try (SimRobot robot = new SimRobot(new SimRobot.Settings(true, 10.0, 0.5, 3), transport, dynamics)) {
            robot.start();
            double start = robot.simTime();
            while (robot.simTime() < start + 1.0) {
                transport.sink.command(0.2, 0.0);
                Thread.sleep(1);
            }
            return transport.speed;
        }
    }

    @Test
    @Timeout(30)
    void aWeakerRobotDrivesSlowerForTheSameCommand() throws Exception {
        assertEquals(0.2, steadySpeed(DiffDriveDynamics.NOMINAL), 1e-9);
        DiffDriveDynamics half = DynamicsFile.parseRobot("linear_gain: 0.5\n", "half.yaml");
        assertEquals(0.1, steadySpeed(half), 1e-9, "gain 0.5 halves the speed");
    }
}
