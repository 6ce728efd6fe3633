package org.cponode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnicycleTest {

    @Test
    void constantTwistFollowsTheExactCircle() {
        double v = 0.2;
        double omega = 1.3;
        double dt = 0.05;
        double[] pose = {0.3, -0.1, 0.7};
        double radius = v / omega;
        // centre of the arc: left of the heading at distance v/omega
        double cx = 0.3 - radius * Math.sin(0.7);
        double cy = -0.1 + radius * Math.cos(0.7);
        for (int k = 1; k <= 400; k++) {
            Unicycle.integrate(pose, v, omega, dt);
            double yaw = 0.7 + omega * dt * k;
            assertEquals(cx + radius * Math.sin(yaw), pose[0], 1e-12, "x at step " + k);
            assertEquals(cy - radius * Math.cos(yaw), pose[1], 1e-12, "y at step " + k);
            assertEquals(yaw, pose[2], 1e-12);
        }
    }

    @Test
    void zeroTurnRateIsAStraightLine() {
        double[] pose = {1, 2, Math.PI / 3};
        Unicycle.integrate(pose, 0.5, 0.0, 0.1);
        assertEquals(1 + 0.05 * Math.cos(Math.PI / 3), pose[0], 1e-15);
        assertEquals(2 + 0.05 * Math.sin(Math.PI / 3), pose[1], 1e-15);
        assertEquals(Math.PI / 3, pose[2], 0);
    }

    @Test
    void tinyTurnRatesAgreeWithTheArcFormula() {
        // The series takes over below |omega dt / 2| = 1e-3, i.e. omega = 0.04 at dt = 0.05: compare with the
        // textbook arc form on both sides, where its cancellation error (~ v/omega * 1e-16) is still tiny.
        double dt = 0.05;
        for (double omega : new double[] {0.0399, 0.0401, 0.01, -0.0399}) {
            double[] pose = {0, 0, 0.4};
            Unicycle.integrate(pose, 0.22, omega, dt);
            double x = 0.22 / omega * (Math.sin(0.4 + omega * dt) - Math.sin(0.4));
            double y = -0.22 / omega * (Math.cos(0.4 + omega * dt) - Math.cos(0.4));
            assertEquals(x, pose[0], 1e-14, "omega " + omega);
            assertEquals(y, pose[1], 1e-14, "omega " + omega);
        }
        // At omega = 1e-7 the textbook form has lost ~7 digits; the straight step along the mid-step heading is
        // exact there to (omega dt)^2 / 24 relative, far below double precision.
        double[] pose = {0, 0, 0.4};
        Unicycle.integrate(pose, 0.22, 1e-7, dt);
        assertEquals(0.22 * dt * Math.cos(0.4 + 0.5e-7 * dt), pose[0], 1e-18);
        assertEquals(0.22 * dt * Math.sin(0.4 + 0.5e-7 * dt), pose[1], 1e-18);
        assertEquals(1.0, Unicycle.sinc(0.0), 0);
        assertEquals(Math.sin(1e-3) / 1e-3, Unicycle.sinc(1e-3), 1e-16);
        assertEquals(Math.sin(0.9e-3) / 0.9e-3, Unicycle.sinc(0.9e-3), 1e-16);
    }
}
