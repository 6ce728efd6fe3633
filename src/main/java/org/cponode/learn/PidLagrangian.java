package org.cponode.learn;

import java.util.Arrays;

/**
 * Lagrange multipliers set by PID control of the cost error, one per constraint (Stooke, Achiam and Abbeel 2020,
 * "Responsive Safety in Reinforcement Learning by PID Lagrangian Methods", Algorithm 2), with the smoothing and
 * the derivative delay of the authors' code as OmniSafe's {@code PIDLagrangian} carries it. Plain dual ascent
 * (PDO's {@code nu += alpha (J_C - d)}) is the integral term alone, and an integral lags its error: the cost
 * overshoots the limit before the multiplier has grown, and the two oscillate. The proportional term reacts to
 * the violation now, and the derivative term to a rising cost before the violation builds up.
 *
 * <p>Each update takes every constraint's cost J (the batch's {@code Jhat_C}) and limit d and sets
 *
 * <pre>
 *   e      = J - d
 *   I      = max(0, I + K_I e)                       integral, never below 0, so a long-met constraint does not
 *                                                    bank credit to be violated later
 *   P      = a_p P + (1 - a_p) e                     EMA of the error
 *   Jbar   = a_d Jbar + (1 - a_d) J                  EMA of the cost
 *   D      = max(0, Jbar - Jbar_(k - delay))         rises only: a falling cost does not lower lambda early
 *   lambda = min(lambda_max, max(0, K_P P + I + K_D D))
 * </pre>
 *
 * As in OmniSafe: P and Jbar start at 0 and {@code Jbar_j = 0} for {@code j <= 0}, so the first updates see the
 * smoothed cost rise from 0 (with {@code K_D > 0} any positive cost adds to lambda at first); the integral starts at the initial value and K_I enters it at each step (the paper integrates e and
 * scales at the output, the same for constant {@code K_I > 0}); the multiplier is 0 until the first update.
 * OmniSafe's {@code sum_norm} and {@code diff_norm} options concern how the loss uses lambda, not how lambda is
 * found, and are left to the caller; its {@code penalty_max} is {@code lambda_max} here, applied always.
 *
 * <p>State lives here; the class has no clock and no knowledge of the learner. Not thread-safe.
 */
public final class PidLagrangian {

    private final PidLagrangianConfig config;
    private final int constraints;
    private final double[] integral;
    private final double[] proportional;
    private final double[] smoothedCost;
    /** The last {@code delay} smoothed costs of each constraint, oldest at {@link #next}; 0 before any update. */
    private final double[][] history;
    private final double[] multiplier;
    private int next;

    /** @param constraints how many constraints, {@code >= 1} */
    public PidLagrangian(PidLagrangianConfig config, int constraints) {
        if (constraints < 1) {
            throw new IllegalArgumentException("PID Lagrangian needs at least one constraint, got " + constraints);
        }
        this.config = config;
        this.constraints = constraints;
        integral = new double[constraints];
        proportional = new double[constraints];
        smoothedCost = new double[constraints];
        history = new double[constraints][config.derivativeDelay()];
        multiplier = new double[constraints];
        Arrays.fill(integral, config.initialIntegral());
    }

    /**
     * Takes one batch's costs and sets the multipliers.
     *
     * @param cost {@code J_Ci}, one per constraint
     * @param limit {@code d_i}, one per constraint
     * @return the new multipliers (a copy)
     * @throws IllegalArgumentException for the wrong number of values or a non-finite one; nothing changes then
     */
    public double[] update(double[] cost, double[] limit) {
        if (cost.length != constraints || limit.length != constraints) {
            throw new IllegalArgumentException("PID Lagrangian has " + constraints + " constraints, got "
                    + cost.length + " costs and " + limit.length + " limits");
        }
        for (int i = 0; i < constraints; i++) {
            if (!Double.isFinite(cost[i]) || !Double.isFinite(limit[i])) {
                throw new IllegalArgumentException("PID Lagrangian needs finite costs and limits: cost[" + i + "]="
                        + cost[i] + " limit[" + i + "]=" + limit[i]);
            }
        }
        double ap = config.proportionalEma();
        double ad = config.derivativeEma();
        for (int i = 0; i < constraints; i++) {
            double error = cost[i] - limit[i];
            integral[i] = Math.max(0.0, integral[i] + config.ki() * error);
            proportional[i] = ap * proportional[i] + (1 - ap) * error;
            smoothedCost[i] = ad * smoothedCost[i] + (1 - ad) * cost[i];
            double rise = Math.max(0.0, smoothedCost[i] - history[i][next]);
            history[i][next] = smoothedCost[i];
            double output = config.kp() * proportional[i] + integral[i] + config.kd() * rise;
            multiplier[i] = Math.min(config.maxMultiplier(), Math.max(0.0, output));
        }
        next = (next + 1) % config.derivativeDelay();
        return multipliers();
    }

    /** The current multipliers, 0 before the first update (a copy). */
    public double[] multipliers() {
        return multiplier.clone();
    }

    /** Constraint i's current multiplier. */
    public double multiplier(int i) {
        return multiplier[i];
    }

    /**
     * For checkpoints: per constraint {@code {I, P, Jbar, lambda}} and then the last {@code delay} smoothed
     * costs, oldest first.
     */
    public double[] state() {
        int delay = config.derivativeDelay();
        double[] state = new double[constraints * (4 + delay)];
        int k = 0;
        for (int i = 0; i < constraints; i++) {
            state[k++] = integral[i];
            state[k++] = proportional[i];
            state[k++] = smoothedCost[i];
            state[k++] = multiplier[i];
            for (int j = 0; j < delay; j++) {
                state[k++] = history[i][(next + j) % delay];
            }
        }
        return state;
    }

    /** Restores {@link #state()} of a PID Lagrangian with the same number of constraints and delay. */
    public void restore(double[] state) {
        int delay = config.derivativeDelay();
        if (state.length != constraints * (4 + delay)) {
            throw new IllegalArgumentException("PID Lagrangian state must hold " + constraints * (4 + delay)
                    + " values for " + constraints + " constraints and delay " + delay + ", got " + state.length);
        }
        for (double v : state) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("PID Lagrangian state must be finite");
            }
        }
        for (int i = 0; i < constraints; i++) {
            int base = i * (4 + delay);
            if (!(state[base] >= 0) || !(state[base + 3] >= 0)) {
                throw new IllegalArgumentException("PID Lagrangian state: integral and multiplier must be >= 0");
            }
        }
        next = 0; // the history was written oldest first
        for (int i = 0; i < constraints; i++) {
            int base = i * (4 + delay);
            integral[i] = state[base];
            proportional[i] = state[base + 1];
            smoothedCost[i] = state[base + 2];
            multiplier[i] = state[base + 3];
            System.arraycopy(state, base + 4, history[i], 0, delay);
        }
    }
}
