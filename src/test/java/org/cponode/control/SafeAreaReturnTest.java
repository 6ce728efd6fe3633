package org.cponode.control;

import org.cponode.task.DiffDriveTask;

import org.cponode.sim.Unicycle;
import org.cponode.task.CircleGeometry;
import org.cponode.task.DiffDriveModel;
import org.cponode.task.VelocityLimiter;

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
        // facing along the boundary: it aims 0.3 m ahead and 0.11 + 0.05 + 0.2 = 0.36 m in, a turn of
        // atan(0.36 / 0.3) = 0.876 rad, 2 sqrt(0.876 / 3.2) = 1.046 s, then 0.16 m in along the aim, a path of
        // 0.16 * hypot(0.3, 0.36) / 0.36 = 0.208 m, 0.208 / 0.22 + 0.088 = 1.035 s: total 2.081 s -> 42 steps
        assertEquals(3 + 42, r.stepsToReturn(0.11, 0, 1, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SafeAreaReturn(MODEL, -1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new SafeAreaReturn(MODEL, 1, -0.1));
    }

    @Test
    void facingTheBoundarySquarelyDrivesOrBacksStraightIn() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 0, 0.05);
        double[] a = new double[2];
        r.command(0.1, -1, 0, -1, 0, 0, 0, a);
        assertEquals(1.0, a[0], 1e-12, "facing the way back: full speed ahead");
        assertEquals(0.0, a[1], 1e-12);
        r.command(0.1, 1, 0, -1, 0, 0, 0, a);
        assertEquals(-1.0, a[0], 1e-12, "facing away: full speed in reverse");
        assertEquals(0.0, a[1], 1e-12);
    }

    @Test
    void runningAlongTheBoundaryBendsTheTrackInWithoutStopping() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 0, 0.05);
        double[] a = new double[2];
        // Right edge (inside is -x), 0.01 m out, heading +y: aims 0.3 m ahead and 0.01 + 0.05 + 0.2 m in,
        // so turns counter-clockwise by atan(0.26 / 0.3) while driving on.
        double e = Math.atan2(0.26, SafeAreaReturn.LOOKAHEAD);
        r.command(0.01, 0, 1, -1, 0, 0, 0, a);
        assertEquals(Math.cos(e), a[0], 1e-12);
        assertEquals(Math.min(1, SafeAreaReturn.HEADING_GAIN * e / MODEL.maxAngularVelocity()), a[1], 1e-12);
        // Heading -y on the same edge: clockwise, still forward.
        r.command(0.01, 0, -1, -1, 0, 0, 0, a);
        assertEquals(Math.cos(e), a[0], 1e-12);
        assertEquals(-Math.min(1, SafeAreaReturn.HEADING_GAIN * e / MODEL.maxAngularVelocity()), a[1], 1e-12);
        // 0.2 m out, heading 20 degrees off straight out: in reverse, whose track is 20 degrees off the way
        // straight in; the aim (0.3 sin 20 along, 0.2 + 0.05 + 0.2 in) is atan(0.1026 / 0.45) = 12.8 degrees
        // off it, so it turns by -7.2 degrees (clockwise) while backing in.
        double h = Math.toRadians(20);
        r.command(0.2, Math.cos(h), Math.sin(h), -1, 0, 0, 0, a);
        double turn = Math.atan2(SafeAreaReturn.LOOKAHEAD * Math.sin(h), 0.45) - h;
        assertEquals(-Math.cos(turn), a[0], 1e-12, "reverse");
        assertEquals(SafeAreaReturn.HEADING_GAIN * turn / MODEL.maxAngularVelocity(), a[1], 1e-12);
    }

    /**
     * Running along the boundary, forward and reverse need nearly the same turn; once a way back has chosen one,
     * heading noise must not flip it (a robot whose command flipped every step stayed where it was, outside, for
     * 20 steps in a trial).
     */
    @Test
    void aWayBackKeepsTheDirectionItChose() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        double[] a = new double[2];
        // Up the right edge (inside is -x), 2 cm out, 2 degrees outwards: reverse turns less, and is chosen first.
        double out = Math.toRadians(88);
        assertEquals(-1, r.command(0.02, Math.cos(out), Math.sin(out), -1, 0, 0, 0, a));
        for (double degrees : new double[] {86, 88, 90, 92, 94}) {
            double yaw = Math.toRadians(degrees);
            assertEquals(1, r.command(0.02, Math.cos(yaw), Math.sin(yaw), -1, 0, 0, 1, a), degrees + " degrees");
            assertTrue(a[0] > 0.5 && a[1] > 0, "forward, turning in (counter-clockwise): " + a[0] + ", " + a[1]);
            assertEquals(-1, r.command(0.02, Math.cos(yaw), Math.sin(yaw), -1, 0, 0, -1, a), degrees + " degrees");
            assertTrue(a[0] < -0.5 && a[1] < 0, "reverse, the back swinging in (clockwise): " + a[0] + ", " + a[1]);
        }
        // Facing straight out, forward would need a half turn: a forward way back changes to reverse.
        assertEquals(-1, r.command(0.02, 1, 0, -1, 0, 0, 1, a));
        assertEquals(-1.0, a[0], 1e-12);
    }

    /**
     * Down the left edge (inside is +x), 4.5 degrees outwards: reverse needs the smaller turn from a standstill
     * (48.6 against 57.6 degrees), but a robot already turning counter-clockwise at 1.5 rad/s swings 20 degrees
     * further before it can turn back, which forward, turning the same way, uses (a trial's robot that reversed
     * against its spin stayed outside for 26 steps).
     */
    @Test
    void theFirstDirectionAllowsForTheTurnTheRobotIsIn() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        double[] a = new double[2];
        double yaw = Math.toRadians(-94.5);
        assertEquals(-1, r.command(0.0, Math.cos(yaw), Math.sin(yaw), 1, 0, 0.0, 0, a), "at rest");
        assertEquals(1, r.command(0.0, Math.cos(yaw), Math.sin(yaw), 1, 0, 1.5, 0, a), "turning counter-clockwise");
        assertTrue(a[1] > 0, "and keeps turning that way: " + a[1]);
        assertEquals(-1, r.command(0.0, Math.cos(yaw), Math.sin(yaw), 1, 0, -1.5, 0, a), "turning clockwise");
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
            double outside = ROOM.corridorDistance(pose[0]);
            double ux = CircleGeometry.corridorDirection(pose[0]);
            int estimate = r.stepsToReturn(outside, Math.cos(pose[2]), Math.sin(pose[2]), ux, 0, limiter.linear(),
                    limiter.angular());
            int steps = 0;
            int direction = 0;
            while (ROOM.corridorDistance(pose[0]) > 0) {
                assertTrue(steps < estimate, "trial " + trial + ": still outside after the estimated " + estimate
                        + " steps");
                double x = pose[0];
                direction = r.command(ROOM.corridorDistance(x), Math.cos(pose[2]),
                        Math.sin(pose[2]), CircleGeometry.corridorDirection(x), 0, limiter.angular(), direction,
                        action);
                limiter.update(DiffDriveTask.linearCommand(MODEL, action[0]),
                        DiffDriveTask.angularCommand(MODEL, action[1]), dt);
                Unicycle.integrate(pose, limiter.linear(), limiter.angular(), dt);
                steps++;
            }
        }
    }

    /**
     * The usual way out: running along the corridor's edge at full speed, a little outwards, on a robot 30 %
     * weaker than the model and 2 steps late (the trials' perturbed robot), 5 mm out. Turning to face the
     * boundary's normal first (the previous way back) kept it outside for 10 to 17 steps (17 running parallel to
     * the edge); bending the track in, for 8 to 12.
     */
    @Test
    void aWeakLateRobotLeavingAlongTheEdgeIsBackWithinAFewSteps() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        int worst = 0;
        for (int degrees = 0; degrees <= 30; degrees += 5) {
            WeakLateRobot robot = new WeakLateRobot(ROOM.xLimit() + 0.005, Math.PI / 2 - Math.toRadians(degrees));
            int outside = 0;
            while (robot.outside() > 0) {
                assertTrue(outside < 40, degrees + " degrees: still outside after 40 steps");
                robot.step(r, true);
                outside++;
            }
            worst = Math.max(worst, outside);
        }
        assertTrue(worst <= 12, "worst excursion " + worst + " steps");
    }

    @Test
    void predictsWhereARobotHeadingOutWillBe() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        // straight out of the right edge at 0.22 m/s: 5 reaction steps (0.25 s) and braking (0.22 / (2 * 2.5) s)
        assertEquals(-0.1 + 0.22 * (0.25 + 0.044), r.predictedDistance(-0.1, 1, 0, -1, 0, 0.22), 1e-12);
        assertEquals(-0.1, r.predictedDistance(-0.1, 0, 1, -1, 0, 0.22), 1e-12, "along the edge: stays");
        assertEquals(-0.1, r.predictedDistance(-0.1, -1, 0, -1, 0, 0.22), 1e-12, "heading in: stays");
        assertEquals(-0.1 + 0.22 * (0.25 + 0.044), r.predictedDistance(-0.1, -1, 0, -1, 0, -0.22), 1e-12,
                "backing out");
    }

    @Test
    void takesOverBeforeTheRobotLeavesWhenTheBudgetCannotPayForTheWayBack() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        assertTrue(r.mustReturn(0, 10, -0.01, 1, 0, -1, 0, 0.22, 0), "1 cm inside, heading straight out");
        assertTrue(!r.mustReturn(0, 10, -0.1, 1, 0, -1, 0, 0.22, 0), "10 cm inside: it can still stop in time");
        assertTrue(!r.mustReturn(0, 10, -0.01, 0, 1, -1, 0, 0.22, 0), "running along the edge: left to the policy");
        assertTrue(!r.mustReturn(0, 100, -0.01, 1, 0, -1, 0, 0.22, 0), "a budget that pays for the way back");
        assertTrue(r.mustReturn(0, 10, 0.05, -1, 0, -1, 0, 0.22, 0), "outside by its estimate, nothing spent yet");
        assertTrue(r.mustReturn(1, 10, 0.01, 0, 1, -1, 0, 0.22, 0), "outside and paying: the way back counts");
    }

    /**
     * Closed loop: a weak, late robot driving at the edge at full speed from 0.1 m inside, at 5 to 85 degrees to
     * it, the supervisor checking {@link SafeAreaReturn#mustReturn} every step with a budget of 10 steps. Taken
     * over on the predicted exit, the robot never leaves; without the prediction the first step outside was the
     * earliest take-over, and the robot stayed out for 7 or 8 steps.
     */
    @Test
    void predictedTakeOverKeepsAWeakLateRobotNearlyInside() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 5, 0.2);
        int worst = 0;
        for (int degrees = 5; degrees < 90; degrees += 5) {
            WeakLateRobot robot = new WeakLateRobot(ROOM.xLimit() - 0.1, Math.toRadians(degrees));
            boolean supervised = false;
            int outside = 0;
            for (int step = 0; step < 200; step++) {
                double d = robot.outside();
                supervised = supervised || r.mustReturn(outside, 10, d, Math.cos(robot.pose[2]),
                        Math.sin(robot.pose[2]), CircleGeometry.corridorDirection(robot.pose[0]), 0,
                        robot.wheels.linear(), robot.wheels.angular());
                robot.step(r, supervised);
                if (robot.outside() > 0) {
                    outside++;
                }
            }
            assertTrue(supervised, degrees + " degrees: never taken over");
            worst = Math.max(worst, outside);
        }
        assertEquals(0, worst, "steps outside, worst case");
    }

    /**
     * Closed loop, as traced in a transfer trial: a weak, late robot 3 mm outside the left edge, heading down and
     * slightly out, spinning counter-clockwise, the way its forward way back turns. It drives forward, keeps that
     * direction and is back inside in 12 steps; counting the turns from the heading before the spin and the
     * braking after the reaction steps, the way back reversed against the spin and stayed out for 28.
     */
    @Test
    void aRobotSpinningTheRightWayKeepsItsDirection() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 8, 0.2);
        WeakLateRobot robot = new WeakLateRobot(-ROOM.xLimit() - 0.003, -2.0, 1.9);
        int outside = 0;
        int firstDirection = 0;
        for (int step = 0; step < 100 && robot.outside() > 0; step++) {
            robot.step(r, true);
            firstDirection = firstDirection == 0 ? robot.direction : firstDirection;
            assertEquals(firstDirection, robot.direction, "step " + step + ": the direction changed");
            outside++;
        }
        assertEquals(1, firstDirection, "forward: the turn the robot is already in");
        assertTrue(outside <= 12, "steps outside: " + outside);
    }

    /**
     * The turns net of the spin are angles, so they are wrapped: unwrapped, a spin at the full rate (a swing of
     * 2.4 rad with 8 reaction steps) made both directions' turns exceed a quarter turn, and the way back flipped
     * between them at every step for the same state.
     */
    @Test
    void aFastSpinDoesNotFlipTheDirectionForTheSameState() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 8, 0.2);
        double[] a = new double[2];
        for (int degrees = 0; degrees < 360; degrees += 5) {
            double yaw = Math.toRadians(degrees);
            for (double spin : new double[] {-MODEL.maxAngularVelocity(), MODEL.maxAngularVelocity()}) {
                int first = r.command(0.03, Math.cos(yaw), Math.sin(yaw), -1, 0, spin, 0, a);
                assertEquals(first, r.command(0.03, Math.cos(yaw), Math.sin(yaw), -1, 0, spin, first, a),
                        degrees + " degrees, spinning at " + spin + " rad/s");
            }
        }
    }

    /**
     * Closed loop: a weak, late robot 3 cm outside, at every heading, spinning at the full turn rate either way:
     * back inside, changing direction at most twice.
     */
    @Test
    void aFastSpinDoesNotMakeTheWayBackFlipDirections() {
        SafeAreaReturn r = new SafeAreaReturn(MODEL, 8, 0.2);
        for (int degrees = 0; degrees < 360; degrees += 15) {
            for (double turn : new double[] {-MODEL.maxAngularVelocity(), MODEL.maxAngularVelocity()}) {
                WeakLateRobot robot = new WeakLateRobot(ROOM.xLimit() + 0.03, Math.toRadians(degrees), turn);
                int changes = 0;
                int previous = 0;
                int step = 0;
                for (; step < 100 && robot.outside() > -0.01; step++) {
                    robot.step(r, true);
                    changes += previous != 0 && robot.direction != previous ? 1 : 0;
                    previous = robot.direction;
                }
                String at = degrees + " degrees, turning " + turn + " rad/s";
                assertTrue(changes <= 2, at + ": the direction changed " + changes + " times");
                assertTrue(step < 100, at + ": not back inside");
            }
        }
    }

    /**
     * diffdrive-circle's robot with the trials' perturbation: commands act 2 steps late and 30 % weak, through
     * the model's velocity and acceleration limits; it starts driving straight at full speed, or turning.
     */
    private static final class WeakLateRobot {
        static final double GAIN = 0.7;
        final double[] pose;
        final VelocityLimiter commanded = VelocityLimiter.forModel(MODEL);
        final VelocityLimiter wheels = VelocityLimiter.forModel(MODEL);
        final double[][] inFlight = {{MODEL.maxLinearVelocity(), 0}, {MODEL.maxLinearVelocity(), 0}};
        final double[] action = new double[2];
        int direction;

        WeakLateRobot(double x, double yaw) {
            this(x, yaw, 0.0);
        }

        /** @param turn the yaw rate commanded so far, rad/s (the robot turns at 70 % of it) */
        WeakLateRobot(double x, double yaw, double turn) {
            pose = new double[] {x, 0.0, yaw};
            commanded.reset(MODEL.maxLinearVelocity(), turn);
            wheels.reset(GAIN * MODEL.maxLinearVelocity(), GAIN * turn);
            inFlight[0][1] = turn;
            inFlight[1][1] = turn;
        }

        double outside() {
            return ROOM.corridorDistance(pose[0]);
        }

        /** One control step: the way back when {@code returning}, else straight on at full speed. */
        void step(SafeAreaReturn r, boolean returning) {
            if (returning) {
                direction = r.command(outside(), Math.cos(pose[2]), Math.sin(pose[2]),
                        CircleGeometry.corridorDirection(pose[0]), 0, wheels.angular(), direction, action);
            } else {
                action[0] = 1;
                action[1] = 0;
            }
            double dt = MODEL.controlPeriod();
            commanded.update(DiffDriveTask.linearCommand(MODEL, action[0]),
                    DiffDriveTask.angularCommand(MODEL, action[1]), dt);
            double[] acting = inFlight[0];
            inFlight[0] = inFlight[1];
            inFlight[1] = new double[] {commanded.linear(), commanded.angular()};
            wheels.update(GAIN * acting[0], GAIN * acting[1], dt);
            Unicycle.integrate(pose, wheels.linear(), wheels.angular(), dt);
        }
    }
}
