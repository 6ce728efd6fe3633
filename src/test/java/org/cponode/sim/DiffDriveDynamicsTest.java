package org.cponode.sim;

import org.cponode.task.DiffDriveObservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiffDriveDynamicsTest {

    private static final DiffDriveDynamics.Span S = new DiffDriveDynamics.Span(0, 0);

    /** Every quantity randomised. */
    static final DiffDriveDynamics.Ranges WIDE = new DiffDriveDynamics.Ranges(
            new DiffDriveDynamics.Span(0.7, 1.3), new DiffDriveDynamics.Span(0.7, 1.3),
            new DiffDriveDynamics.Span(-0.02, 0.02), new DiffDriveDynamics.Span(-0.1, 0.1),
            new DiffDriveDynamics.Span(0.8, 1.2), new DiffDriveDynamics.Span(0.5, 1.5),
            new DiffDriveDynamics.StepSpan(0, 3), new DiffDriveDynamics.Span(0, 0.05),
            new DiffDriveDynamics.Span(-0.02, 0.02), new DiffDriveDynamics.Span(0, 0.2),
            new DiffDriveDynamics.Span(0, 0.2));

    private static DiffDriveDynamics with(double linearGain, double angularBias, double velocityScale, int latency,
            double noise, double drift, double jitter, double slip) {
        return new DiffDriveDynamics(linearGain, 1, 0, angularBias, velocityScale, 1, latency, noise, drift, jitter,
                slip);
    }

    private static DiffDriveCircle started(DiffDriveDynamics dynamics, SplittableRandom rng, double[] obs) {
        DiffDriveCircle env = new DiffDriveCircle(r -> dynamics);
        env.reset(rng, obs);
        return env;
    }

    @Test
    void samplesStayInTheirRangesAndCoverThem() {
        SplittableRandom rng = new SplittableRandom(1);
        Set<Integer> latencies = new HashSet<>();
        double minGain = 2;
        double maxGain = 0;
        for (int i = 0; i < 5_000; i++) {
            DiffDriveDynamics d = DiffDriveDynamics.sample(WIDE, rng);
            assertTrue(d.linearGain() >= 0.7 && d.linearGain() < 1.3);
            assertTrue(d.angularBias() >= -0.1 && d.angularBias() < 0.1);
            assertTrue(d.accelerationLimitScale() >= 0.5 && d.accelerationLimitScale() < 1.5);
            assertTrue(d.wheelSlip() >= 0 && d.wheelSlip() < 0.2);
            latencies.add(d.latencySteps());
            minGain = Math.min(minGain, d.linearGain());
            maxGain = Math.max(maxGain, d.linearGain());
        }
        assertEquals(Set.of(0, 1, 2, 3), latencies);
        assertTrue(minGain < 0.72 && maxGain > 1.28);
    }

    @Test
    void unrandomisedRangesGiveNominalWithoutDrawing() {
        SplittableRandom rng = new SplittableRandom(5);
        SplittableRandom untouched = new SplittableRandom(5);
        assertEquals(DiffDriveDynamics.NOMINAL, DiffDriveDynamics.sample(DiffDriveDynamics.Ranges.NONE, rng));
        assertEquals(untouched.nextLong(), rng.nextLong());
    }

    @Test
    void invalidValuesAndRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> with(0, 0, 1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, Double.NaN, 1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, 0, 1, -1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, 0, 1, 51, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, 0, 1, 0, -0.1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, 0, 1, 0, 0, 0, 0.6, 0));
        assertThrows(IllegalArgumentException.class, () -> with(1, 0, 1, 0, 0, 0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new DiffDriveDynamics.Span(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DiffDriveDynamics.StepSpan(2, 1));
        // A range whose upper end is invalid (slip 0.95) is refused when built, not when first sampled
        DiffDriveDynamics.Ranges base = DiffDriveDynamics.Ranges.NONE;
        assertThrows(IllegalArgumentException.class, () -> new DiffDriveDynamics.Ranges(base.linearGain(),
                base.angularGain(), base.linearBias(), base.angularBias(), base.velocityLimitScale(),
                base.accelerationLimitScale(), base.latencySteps(), base.odometryNoiseStd(), base.odometryDriftRate(),
                base.controlPeriodJitter(), new DiffDriveDynamics.Span(0, 0.95)));
        assertThrows(IllegalArgumentException.class, () -> new DiffDriveDynamics.Ranges(null, base.angularGain(),
                base.linearBias(), base.angularBias(), base.velocityLimitScale(), base.accelerationLimitScale(),
                base.latencySteps(), base.odometryNoiseStd(), base.odometryDriftRate(), base.controlPeriodJitter(),
                base.wheelSlip()));
        assertEquals(S, DiffDriveDynamics.Span.of(0));
    }

    @Test
    void latencyDelaysTheEffectOfCommandsByWholeSteps() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle env = started(with(1, 0, 1, 3, 0, 0, 0, 0), rng, obs);
        double[] go = DiffDriveCircleTest.actionFor(0.22, 0);
        for (int t = 1; t <= 3; t++) {
            env.step(go, rng, obs, out);
            assertEquals(0.0, env.linearVelocity(), "step " + t + " still waits");
            assertEquals(0.0, obs[DiffDriveObservation.LINEAR_VELOCITY]);
        }
        env.step(go, rng, obs, out);
        assertEquals(0.125, env.linearVelocity(), 1e-15, "the first limited command arrives");
        assertEquals(0.22, env.commandedLinearVelocity(), 0, "while the node already commands full speed");
    }

    @Test
    void gainBiasAndVelocityScaleShapeTheActualMotion() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle weak = started(with(0.5, 0.1, 1, 0, 0, 0, 0, 0), rng, obs);
        for (int t = 0; t < 20; t++) {
            weak.step(DiffDriveCircleTest.actionFor(0.22, 0), rng, obs, out);
        }
        assertEquals(0.11, weak.linearVelocity(), 1e-15);
        assertEquals(0.1, weak.angularVelocity(), 1e-15);
        DiffDriveCircle slow = started(with(1, 0, 0.5, 0, 0, 0, 0, 0), rng, obs);
        for (int t = 0; t < 20; t++) {
            slow.step(DiffDriveCircleTest.actionFor(0.22, 2.84), rng, obs, out);
            assertTrue(slow.linearVelocity() <= 0.11 && slow.angularVelocity() <= 1.42);
        }
        assertEquals(0.11, slow.linearVelocity(), 1e-15);
    }

    @Test
    void slipMovesTheRobotLessThanOdometryBelieves() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle env = started(with(1, 0, 1, 0, 0, 0, 0, 0.5), rng, obs);
        double x0 = env.x();
        double y0 = env.y();
        for (int t = 0; t < 40; t++) {
            env.step(DiffDriveCircleTest.actionFor(0.22, 0), rng, obs, out);
        }
        double trueDistance = Math.hypot(env.x() - x0, env.y() - y0);
        double odometryDistance = Math.hypot(obs[DiffDriveObservation.X_OVER_RADIUS] * 1.5 - x0,
                obs[DiffDriveObservation.Y_OVER_RADIUS] * 1.5 - y0);
        assertEquals(0.5 * odometryDistance, trueDistance, 1e-12);
        assertEquals(1.0, obs[DiffDriveObservation.LINEAR_VELOCITY], 1e-12, "odometry reports wheel speed");
        assertEquals(0.11, env.linearVelocity(), 1e-15);
    }

    @Test
    void driftTurnsOdometryWhileTheRobotStandsStill() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle env = started(with(1, 0, 1, 0, 0, 0.2, 0, 0), rng, obs);
        double yaw0 = env.yaw();
        for (int t = 0; t < 20; t++) {
            env.step(new double[] {0, 0}, rng, obs, out);
        }
        assertEquals(yaw0, env.yaw(), 0);
        double odometryYaw = Math.atan2(obs[DiffDriveObservation.SIN_YAW], obs[DiffDriveObservation.COS_YAW]);
        assertEquals(Math.IEEEremainder(yaw0 + 20 * 0.05 * 0.2 - odometryYaw, 2 * Math.PI), 0.0, 1e-12);
        assertEquals(0.2 / 2.84, obs[DiffDriveObservation.ANGULAR_VELOCITY], 1e-15);
    }

    @Test
    void odometryNoiseIsWhiteWithTheConfiguredSpread() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle env = started(with(1, 0, 1, 0, 0.05, 0, 0, 0), rng, obs);
        double sumSq = 0;
        int n = 0;
        for (int t = 0; t < 4_000; t++) {
            env.step(new double[] {0, 0}, rng, obs, out);
            double error = obs[DiffDriveObservation.LINEAR_VELOCITY] * 0.22 - env.linearVelocity();
            sumSq += error * error;
            n++;
            if (out.done()) {
                env.reset(rng, obs);
            }
        }
        assertEquals(0.05 * 0.22, Math.sqrt(sumSq / n), 0.0006);
    }

    @Test
    void jitterVariesTheControlPeriodWithinItsBounds() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] obs = new double[10];
        StepOutcome out = new StepOutcome();
        DiffDriveCircle env = started(with(1, 0, 1, 0, 0, 0, 0.2, 0), rng, obs);
        for (int t = 0; t < 10; t++) {
            env.step(DiffDriveCircleTest.actionFor(0.22, 0), rng, obs, out);
        }
        double shortest = 1;
        double longest = 0;
        for (int t = 0; t < 300; t++) {
            double x0 = env.x();
            double y0 = env.y();
            env.step(DiffDriveCircleTest.actionFor(0.22, 0), rng, obs, out);
            double period = Math.hypot(env.x() - x0, env.y() - y0) / 0.22;
            shortest = Math.min(shortest, period);
            longest = Math.max(longest, period);
        }
        assertTrue(shortest >= 0.04 - 1e-12 && longest <= 0.06 + 1e-12, shortest + " " + longest);
        assertTrue(shortest < 0.041 && longest > 0.059, "spread used: " + shortest + " " + longest);
        assertNotEquals(shortest, longest);
    }
}
