package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointRobotTest {

    private static PointRobot atOrigin(double size) {
        PointRobot robot = new PointRobot(size);
        robot.x = 0;
        robot.y = 0;
        robot.theta = 0;
        robot.cosTheta = 1;
        robot.sinTheta = 0;
        return robot;
    }

    @Test
    void stepTurnsFirstThenMovesAlongTheNewHeading() {
        PointRobot robot = atOrigin(40);
        robot.step(1.0, 0.25);
        // theta = 0.25; x = cos(0.25), y = sin(0.25), by hand
        assertEquals(0.25, robot.theta, 0);
        assertEquals(0.9689124217106447, robot.x, 1e-15);
        assertEquals(0.24740395925452294, robot.y, 1e-15);
        robot.step(-0.5, -0.25);
        // theta back to 0: move 0.5 backwards along +x
        assertEquals(0.0, robot.theta, 0);
        assertEquals(0.9689124217106447 - 0.5, robot.x, 1e-15);
        assertEquals(0.24740395925452294, robot.y, 1e-15);
        assertEquals(-0.5, robot.vx, 1e-15);
        assertEquals(0.0, robot.vy, 1e-15);
        assertEquals(-0.25, robot.vtheta, 0);
    }

    @Test
    void actionsAreClippedToTheCtrlrange() {
        PointRobot clipped = atOrigin(40);
        PointRobot limit = atOrigin(40);
        clipped.step(7.0, -3.0);
        limit.step(1.0, -0.25);
        assertEquals(limit.x, clipped.x, 0);
        assertEquals(limit.y, clipped.y, 0);
        assertEquals(limit.theta, clipped.theta, 0);
        assertEquals(1.0, PointRobot.actionHigh(0));
        assertEquals(-1.0, PointRobot.actionLow(1), "the tasks' actions are normalised");
    }

    @Test
    void normalisedActionsScaleToTheCtrlrangeAfterClipping() {
        PointRobot normalised = atOrigin(40);
        PointRobot direct = atOrigin(40);
        normalised.stepNormalized(0.5, -0.6);
        direct.step(0.5, -0.15);
        assertEquals(direct.x, normalised.x, 0);
        assertEquals(direct.y, normalised.y, 0);
        assertEquals(direct.theta, normalised.theta, 0);
        normalised.stepNormalized(3.0, 9.0);
        direct.step(1.0, 0.25);
        assertEquals(direct.theta, normalised.theta, 0);
        assertEquals(direct.x, normalised.x, 0);
        assertThrows(IllegalArgumentException.class, () -> normalised.stepNormalized(Double.NaN, 0));
    }

    @Test
    void positionIsClippedToTheSquareAndVelocityIsTheActualMotion() {
        PointRobot robot = atOrigin(40);
        robot.x = 39.5;
        robot.y = -39.8;
        robot.step(1.0, 0.0);
        assertEquals(40.0, robot.x, 0);
        assertEquals(0.5, robot.vx, 1e-12);
        robot.theta = -Math.PI / 2;
        robot.step(1.0, 0.0);
        assertEquals(-40.0, robot.y, 0);
        assertEquals(-0.2, robot.vy, 1e-12);
    }

    @Test
    void comSitsAheadOfTheBodyOriginAtHalfHeight() {
        PointRobot robot = atOrigin(40);
        robot.step(0.0, 0.2); // heading 0.2 rad, within the ctrlrange
        double[] obs = new double[9];
        robot.writeObservation(obs, 0);
        // 0.6 * 0.04 / (0.04 + pi/6) by hand
        double offset = 0.6 * 0.04 / (0.04 + Math.PI / 6);
        assertEquals(0.042583, offset, 1e-6);
        assertEquals(offset * Math.cos(0.2), obs[6], 1e-15);
        assertEquals(offset * Math.sin(0.2), obs[7], 1e-15);
        assertEquals(0.5, obs[8], 0);
        assertEquals(0.2, obs[2], 0);
        assertEquals(0.2, obs[5], 0);
    }

    @Test
    void resetDrawsSmallPositionsAndLargerVelocities() {
        PointRobot robot = new PointRobot(40);
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20_000;
        double sumSqPos = 0;
        double sumSqVel = 0;
        for (int i = 0; i < n; i++) {
            robot.reset(rng);
            sumSqPos += robot.x * robot.x + robot.y * robot.y + robot.theta * robot.theta;
            sumSqVel += robot.vx * robot.vx + robot.vy * robot.vy + robot.vtheta * robot.vtheta;
        }
        assertEquals(0.01, Math.sqrt(sumSqPos / (3 * n)), 0.0005);
        assertEquals(0.1, Math.sqrt(sumSqVel / (3 * n)), 0.005);
    }

    @Test
    void aShorterForwardRangeScalesOnlyTheForwardStep() {
        PointRobot robot = new PointRobot(3.5, 0.05);
        robot.placeAt(0.5, -0.5, Math.PI / 2);
        assertEquals(0.0, robot.vx);
        assertEquals(Math.cos(Math.PI / 2), robot.cosTheta, 0);
        robot.stepNormalized(1, 0);
        assertEquals(-0.45, robot.y, 1e-15);
        robot.step(7.0, -3.0); // clipped to 0.05 forward and the usual 0.25 rad turn
        assertEquals(Math.PI / 2 - 0.25, robot.theta, 0);
        assertEquals(0.05 * Math.sin(Math.PI / 2 - 0.25), robot.vy, 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new PointRobot(3.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new PointRobot(3.5, Double.NaN));
    }

    @Test
    void nonFiniteActionsAndBadSizesAreRejected() {
        PointRobot robot = atOrigin(40);
        assertThrows(IllegalArgumentException.class, () -> robot.step(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> robot.step(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new PointRobot(0));
        assertThrows(IndexOutOfBoundsException.class, () -> PointRobot.actionHigh(2));
    }
}
