package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The update by its definition, on sequences worked by hand. Every number is a dyadic fraction, so the expected
 * multipliers are exact and compared to the bit.
 */
class PidLagrangianTest {

    static PidLagrangianConfig config(double kp, double ki, double kd, int delay, double ap, double ad,
            double initialIntegral) {
        return new PidLagrangianConfig(kp, ki, kd, delay, ap, ad, initialIntegral, Double.POSITIVE_INFINITY);
    }

    /** Runs one constraint with limit d over the costs and returns the multiplier after each update. */
    static double[] run(PidLagrangianConfig config, double limit, double... costs) {
        PidLagrangian pid = config.create(1);
        double[] out = new double[costs.length];
        for (int k = 0; k < costs.length; k++) {
            out[k] = pid.update(new double[] {costs[k]}, new double[] {limit})[0];
        }
        return out;
    }

    @Test
    void integralAccumulatesKiTimesTheErrorAndIsClampedAtZero() {
        // d = 10, K_I = 0.5, I_0 = 0.25; errors 4, -2, -6, 2
        //   I = 0.25 + 2 = 2.25;  2.25 - 1 = 1.25;  max(0, 1.25 - 3) = 0;  0 + 1 = 1
        // without the clamp the last would be -0.75 and lambda 0
        double[] lambda = run(config(0, 0.5, 0, 1, 0, 0, 0.25), 10, 14, 8, 4, 12);
        assertArrayEquals(new double[] {2.25, 1.25, 0, 1}, lambda);
    }

    @Test
    void proportionalTermIsAnEmaOfTheError() {
        // K_P = 2, a_p = 0.75, d = 0; errors 8, 8, -8, -8, 0
        //   P = 0.25 * 8 = 2;  0.75 * 2 + 2 = 3.5;  2.625 - 2 = 0.625;  0.46875 - 2 = -1.53125;  -1.1484375
        //   lambda = max(0, 2 P) = 4, 7, 1.25, 0, 0
        assertArrayEquals(new double[] {4, 7, 1.25, 0, 0}, run(config(2, 0, 0, 1, 0.75, 0, 0), 0, 8, 8, -8, -8, 0));
        // a_p = 0: the raw error
        assertArrayEquals(new double[] {6, 0}, run(config(2, 0, 0, 1, 0, 0, 0), 0, 3, -1));
    }

    @Test
    void derivativeSeesOnlyRisesOverTheDelay() {
        // d = 100 keeps the integral at 0. Delay 1, no smoothing: D = max(0, J_k - J_(k-1)), J_0 = 0
        assertArrayEquals(new double[] {3, 2, 0, 0, 3}, run(config(0, 1, 1, 1, 0, 0, 0), 100, 3, 5, 4, 4, 7));
        // delay 3: D = J_k - J_(k-3) with J_j = 0 for j <= 0: 1-0, 2-0, 4-0, 8-1, 16-2, 16-4
        assertArrayEquals(new double[] {1, 2, 4, 7, 14, 12},
                run(config(0, 1, 1, 3, 0, 0, 0), 100, 1, 2, 4, 8, 16, 16));
        // a_d = 0.5, delay 2: Jbar = 2, 3, 3.5, 1.75; D = 2-0, 3-0, 3.5-2, max(0, 1.75-3)
        assertArrayEquals(new double[] {2, 3, 1.5, 0}, run(config(0, 1, 1, 2, 0, 0.5, 0), 100, 4, 4, 4, 0));
    }

    /** K_P = 0.5, K_I = 0.25, K_D = 2, delay 2, a_p = a_d = 0.5, I_0 = 0.125, d = 4. */
    static final PidLagrangianConfig ALL = config(0.5, 0.25, 2, 2, 0.5, 0.5, 0.125);

    static final double[] ALL_COSTS = {8, 6, 2, 0, 0, 10};

    /*
     * k  J   e    I                       P               Jbar               D                    lambda
     * 1  8   4    0.125 + 1    = 1.125    0 + 2  = 2      0 + 4     = 4      4 - 0       = 4      1 + 1.125 + 8   = 10.125
     * 2  6   2    1.125 + 0.5  = 1.625    1 + 1  = 2      2 + 3     = 5      5 - 0       = 5      1 + 1.625 + 10  = 12.625
     * 3  2   -2   1.625 - 0.5  = 1.125    1 - 1  = 0      2.5 + 1   = 3.5    3.5 - 4     -> 0     0 + 1.125       = 1.125
     * 4  0   -4   1.125 - 1    = 0.125    0 - 2  = -2     1.75      = 1.75   1.75 - 5    -> 0     -1 + 0.125      -> 0
     * 5  0   -4   0.125 - 1    -> 0       -1 - 2 = -3     0.875              0.875 - 3.5 -> 0     -1.5            -> 0
     * 6  10  6    0 + 1.5      = 1.5      -1.5+3 = 1.5    0.4375+5  = 5.4375 5.4375-1.75 = 3.6875 0.75+1.5+7.375  = 9.625
     */
    static final double[] ALL_LAMBDA = {10.125, 12.625, 1.125, 0, 0, 9.625};

    @Test
    void allThreeTermsTogether() {
        assertArrayEquals(ALL_LAMBDA, run(ALL, 4, ALL_COSTS));
    }

    @Test
    void capLimitsTheOutputNotTheState() {
        PidLagrangianConfig capped = new PidLagrangianConfig(0.5, 0.25, 2, 2, 0.5, 0.5, 0.125, 10);
        // the last multiplier equals the uncapped one: the cap never fed back into I, P or Jbar
        assertArrayEquals(new double[] {10, 10, 1.125, 0, 0, 9.625}, run(capped, 4, ALL_COSTS));
    }

    @Test
    void multiplierIsZeroBeforeTheFirstUpdateAndTheInitialIntegralAfter() {
        PidLagrangian pid = config(0.5, 0.25, 0, 1, 0.5, 0.5, 0.125).create(2);
        assertArrayEquals(new double[] {0, 0}, pid.multipliers());
        // cost on the limit: e = 0, so lambda = I_0
        assertArrayEquals(new double[] {0.125, 0.125}, pid.update(new double[] {3, 5}, new double[] {3, 5}));
    }

    @Test
    void constraintsAreIndependent() {
        double[] other = {1, 1, 9, 3, 0, 2};
        double[] otherLambda = run(ALL, 2, other);
        PidLagrangian pid = ALL.create(2);
        for (int k = 0; k < ALL_COSTS.length; k++) {
            double[] lambda = pid.update(new double[] {ALL_COSTS[k], other[k]}, new double[] {4, 2});
            assertEquals(ALL_LAMBDA[k], lambda[0], "update " + k);
            assertEquals(otherLambda[k], lambda[1], "update " + k);
            assertEquals(lambda[1], pid.multiplier(1));
        }
    }

    @Test
    void restoredStateContinuesTheSameSequence() {
        for (int split = 0; split <= ALL_COSTS.length; split++) {
            PidLagrangian first = ALL.create(1);
            for (int k = 0; k < split; k++) {
                first.update(new double[] {ALL_COSTS[k]}, new double[] {4});
            }
            PidLagrangian second = ALL.create(1);
            second.restore(first.state());
            assertArrayEquals(first.multipliers(), second.multipliers());
            for (int k = split; k < ALL_COSTS.length; k++) {
                assertEquals(ALL_LAMBDA[k], second.update(new double[] {ALL_COSTS[k]}, new double[] {4})[0],
                        "split " + split + " update " + k);
            }
        }
        PidLagrangian pid = ALL.create(1);
        double[] state = pid.state();
        assertEquals(4 + 2, state.length);
        assertThrows(IllegalArgumentException.class, () -> pid.restore(new double[5]));
        state[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> pid.restore(state));
        state[0] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> pid.restore(state));
    }

    @Test
    void refusesBadSettingsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> config(-1, 0, 0, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, Double.NaN, 0, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, 0, -0.1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, 0, 0, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, 0, 0, 1, 0, -0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> config(0, 0, 0, 1, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new PidLagrangianConfig(0, 0, 0, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ALL.create(0));
        PidLagrangian pid = ALL.create(2);
        assertThrows(IllegalArgumentException.class, () -> pid.update(new double[] {1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> pid.update(new double[] {1, Double.NaN}, new double[] {1, 1}));
        // a refused update changes nothing
        assertArrayEquals(new double[] {ALL_LAMBDA[0], ALL_LAMBDA[0]},
                pid.update(new double[] {8, 8}, new double[] {4, 4}));
    }

    @Test
    void omniSafeDefaultsOnTheirFirstUpdates() {
        // cost_limit 25, EpCost 30: e = 5; I = 0.001 + 0.01 * 5 = 0.051; P = 0.05 * 5 = 0.25;
        // Jbar = 0.05 * 30 = 1.5, D = 1.5 - 0; lambda = 0.1 * 0.25 + 0.051 + 0.01 * 1.5 = 0.091
        // then EpCost 20: e = -5; I = 0.001; P = 0.2375 - 0.25 = -0.0125; Jbar = 1.425 + 1 = 2.425, D = 2.425 - 0
        // (the delay of 10 still compares with the start); lambda = -0.00125 + 0.001 + 0.02425 = 0.024
        double[] lambda = run(PidLagrangianConfig.OMNISAFE, 25, 30, 20);
        assertEquals(0.091, lambda[0], 1e-15);
        assertEquals(0.024, lambda[1], 1e-15);
    }
}
