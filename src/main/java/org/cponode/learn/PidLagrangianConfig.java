package org.cponode.learn;

/**
 * Settings of the PID Lagrange multipliers ({@link PidLagrangian}), shared by every constraint.
 *
 * @param kp proportional gain {@code K_P >= 0}, on the smoothed cost error
 * @param ki integral gain {@code K_I >= 0}: the integral accumulates {@code K_I (J_C - d)}
 * @param kd derivative gain {@code K_D >= 0}, on the rise of the smoothed cost over {@code derivativeDelay} updates
 * @param derivativeDelay updates {@code >= 1} between the smoothed costs the derivative compares
 * @param proportionalEma EMA weight in [0, 1) of the old proportional term (0: the raw error)
 * @param derivativeEma EMA weight in [0, 1) of the old smoothed cost (0: the raw cost)
 * @param initialIntegral the integral before the first update, {@code >= 0}: the multiplier a constraint met
 *     exactly keeps
 * @param maxMultiplier the multiplier's cap, {@code > 0}; infinity for none
 */
public record PidLagrangianConfig(double kp, double ki, double kd, int derivativeDelay, double proportionalEma,
        double derivativeEma, double initialIntegral, double maxMultiplier) {

    /**
     * OmniSafe's CPPOPID defaults (omnisafe/configs/on-policy/CPPOPID.yaml): {@code K_P = 0.1}, {@code K_I = 0.01},
     * {@code K_D = 0.01}, delay 10, both EMA weights 0.95, initial multiplier 0.001. OmniSafe there normalises the
     * penalised loss by {@code 1 + lambda} ({@code sum_norm}) and caps nothing, so neither does this.
     */
    public static final PidLagrangianConfig OMNISAFE =
            new PidLagrangianConfig(0.1, 0.01, 0.01, 10, 0.95, 0.95, 0.001, Double.POSITIVE_INFINITY);

    public PidLagrangianConfig {
        check(kp >= 0 && Double.isFinite(kp), "kp must be finite and >= 0, got " + kp);
        check(ki >= 0 && Double.isFinite(ki), "ki must be finite and >= 0, got " + ki);
        check(kd >= 0 && Double.isFinite(kd), "kd must be finite and >= 0, got " + kd);
        check(derivativeDelay >= 1, "derivativeDelay must be >= 1, got " + derivativeDelay);
        check(proportionalEma >= 0 && proportionalEma < 1, "proportionalEma must lie in [0, 1), got " + proportionalEma);
        check(derivativeEma >= 0 && derivativeEma < 1, "derivativeEma must lie in [0, 1), got " + derivativeEma);
        check(initialIntegral >= 0 && Double.isFinite(initialIntegral),
                "initialIntegral must be finite and >= 0, got " + initialIntegral);
        check(maxMultiplier > 0, "maxMultiplier must be > 0, got " + maxMultiplier);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Fresh multipliers for {@code constraints} constraints with these settings. */
    public PidLagrangian create(int constraints) {
        return new PidLagrangian(this, constraints);
    }
}
