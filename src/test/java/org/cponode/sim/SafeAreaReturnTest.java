package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SafeAreaReturnTest {

    private static final DiffDriveModel MODEL = DiffDriveModel.BURGER;
    private static final CircleGeometry ROOM = CircleGeometry.ROOM;

    @Test
    void estimateCountsMarginTurnAndDistance() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 3, 0.05);
        // The robot parks 0.05 m inside, so the way back is counted to there.
        assertEquals(0, r.stepsToReturn(-0.2, 1, 0, -1, 0, 0.2, 0), "well inside: nothing to do");
        assertEquals(0, r.stepsToReturn(-0.05, 1, 0, -1, 0, 0.2, 0), "at the parking line: nothing to do");
        // on the boundary at rest: 0.05 m to go, 0.05 / 0.22 + 0.22 / 2.5 = 0.315 s -> 7 steps
        assertEquals(3 + 7, r.stepsToReturn(0.0, 1, 0, -1, 0, 0, 0), "odometry may be wrong near the boundary");
        // 0.11 m outside, at rest, facing straight out: back in reverse, no turn;
        // 0.16 / 0.22 + 0.22 / 2.5 = 0.815 s -> 17 steps
        assertEquals(3 + 17, r.stepsToReturn(0.11, 1, 0, -1, 0, 0, 0));
        // facing straight in: the same
        assertEquals(3 + 17, r.stepsToReturn(0.11, -1, 0, -1, 0, 0, 0));
        // driving out at 0.22 m/s: braking first, 0.088 s more -> 0.903 s -> 19 steps
        assertEquals(3 + 19, r.stepsToReturn(0.11, 1, 0, -1, 0, 0.22, 0));
        // facing along the boundary: a quarter turn first, 2 sqrt((pi/2) / 3.2) = 1.401 s, total 2.217 s -> 45
        assertEquals(3 + 45, r.stepsToReturn(0.11, 0, 1, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SafeAreaReturn(MODEL, -1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new SafeAreaReturn(MODEL, 1, -0.1));
    }

    @Test
    void drivesForwardOrInReverseWhicheverFacesTheWayBack() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 0, 0.05);
        double[] a = new double[2];
        r.command(-1, 0, -1, 0, a);
        assertEquals(1.0, a[0], 1e-12, "facing the way back: full speed ahead");
        assertEquals(0.0, a[1], 1e-12);
        r.command(1, 0, -1, 0, a);
        assertEquals(-1.0, a[0], 1e-12, "facing away: full speed in reverse");
        assertEquals(0.0, a[1], 1e-12);
        // heading 150 degrees, the way back at 180: turn counter-clockwise by 30, slower while misaligned
        double h = Math.toRadians(30);
        r.command(Math.cos(Math.PI - h), Math.sin(Math.PI - h), -1, 0, a);
        assertEquals(Math.cos(h), a[0], 1e-12);
        assertEquals(Math.min(1, SafeAreaReturn.HEADING_GAIN * h / MODEL.maxAngularVelocity()), a[1], 1e-12);
        // heading -30 degrees, facing away from the way back: reverse, turning counter-clockwise so the back faces it
        r.command(Math.cos(-h), Math.sin(-h), -1, 0, a);
        assertEquals(-Math.cos(h), a[0], 1e-12);
        assertEquals(Math.min(1, SafeAreaReturn.HEADING_GAIN * h / MODEL.maxAngularVelocity()), a[1], 1e-12);
    }

    @Test
    void parksOnlyWellInsideAndDrivesAgainOnlyWhenOutside() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 0, 0.1);
        assertTrue(!r.parked(false, 0.02), "outside: drive");
        assertTrue(!r.parked(false, -0.05), "inside but within the inset: keep driving");
        assertTrue(r.parked(false, -0.1), "the inset reached: park");
        assertTrue(r.parked(true, -0.02), "parked, odometry noise inside: stay");
        assertTrue(!r.parked(true, 0.01), "parked but outside again: drive");
    }

    /**
     * Closed loop through the simulator's own actuator model (velocity and acceleration limits, unicycle):
     * from random poses outside the corridor, the robot is back inside within the estimate when the margin
     * covers its braking (it may be driving outwards at full speed when the return starts).
     */
    @Test
    void theRobotIsBackInsideWithinTheEstimate() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 3, 0.05);
        SplittableRandom rng = new SplittableRandom(5);
        double dt = MODEL.controlPeriod();
        double[] action = new double[2];
        for (int trial = 0; trial < 500; trial++) {
            double[] pose = {(rng.nextBoolean() ? 1 : -1) * (ROOM.xLimit() + 0.3 * rng.nextDouble() + 1e-3),
                rng.nextDouble(-1.5, 1.5), rng.nextDouble(-Math.PI, Math.PI)};
            VelocityLimiter limiter = VelocityLimiter.forModel(MODEL);
            limiter.reset(rng.nextDouble(-1, 1) * MODEL.maxLinearVelocity(),
                    rng.nextDouble(-1, 1) * MODEL.maxAngularVelocity());
            double outside = SafeAreaReturn.corridorDistance(ROOM, pose[0]);
            double ux = SafeAreaReturn.corridorDirection(pose[0]);
            int estimate = r.stepsToReturn(outside, Math.cos(pose[2]), Math.sin(pose[2]), ux, 0, limiter.linear(),
                    limiter.angular());
            int steps = 0;
            while (SafeAreaReturn.corridorDistance(ROOM, pose[0]) > 0) {
                assertTrue(steps < estimate, "trial " + trial + ": still outside after the estimated " + estimate
                        + " steps");
                double x = pose[0];
                r.command(Math.cos(pose[2]), Math.sin(pose[2]), SafeAreaReturn.corridorDirection(x), 0, action);
                limiter.update(DiffDriveCircle.linearCommand(MODEL, action[0]),
                        DiffDriveCircle.angularCommand(MODEL, action[1]), dt);
                Unicycle.integrate(pose, limiter.linear(), limiter.angular(), dt);
                steps++;
            }
        }
    }
}
