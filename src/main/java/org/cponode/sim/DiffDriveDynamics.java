package org.cponode.sim;

import org.cponode.task.VelocityLimiter;

import java.util.SplittableRandom;

/**
 * How a simulated differential-drive robot departs from its nominal model, for domain randomisation of
 * {@code diffdrive-circle}. {@link DiffDriveCircle} draws one value per episode. The command path is:
 *
 * <pre>
 *   policy action -> VelocityLimiter(model limits, nominal dt)          the node's cmd_vel shaping
 *     -> delay by latencySteps control steps                             (zeros before the episode start)
 *     -> gain * command + bias, per channel                              actuation error
 *     -> VelocityLimiter(model limits * scales, actual dt)               the physical drive: wheel speeds
 *     -> body moves at (1 - wheelSlip) * wheel speeds for dt * (1 + jitter), exact unicycle arc
 *   odometry integrates the wheel speeds, plus noise and a yaw-rate drift, over the same dt
 * </pre>
 *
 * The observation is built from odometry, reward and cost from the true pose. {@link #NOMINAL} reproduces the
 * plain task exactly: every stage is then the identity and no random numbers are drawn.
 *
 * @param linearGain actual / commanded forward speed, dimensionless, finite and > 0 (1 nominal)
 * @param angularGain actual / commanded yaw rate, dimensionless, finite and > 0 (1 nominal)
 * @param linearBias forward speed added to the command, m/s, finite (0 nominal)
 * @param angularBias yaw rate added to the command, rad/s, finite (0 nominal)
 * @param velocityLimitScale physical speed limits as a multiple of the model's, finite and > 0 (1 nominal)
 * @param accelerationLimitScale physical acceleration limits as a multiple of the model's, finite and > 0
 *     (1 nominal)
 * @param latencySteps whole control steps between a command and its effect, 0..{@value #MAX_LATENCY_STEPS}
 *     (0 nominal)
 * @param odometryNoiseStd std of the white noise on each measured wheel-velocity sample, as a fraction of the
 *     model's speed limits (v and omega alike), finite and >= 0 (0 nominal)
 * @param odometryDriftRate bias of the measured yaw rate, so odometry yaw drifts at this rate, rad/s, finite
 *     (0 nominal)
 * @param controlPeriodJitter relative half-width of the uniform spread of each actual control period,
 *     dt * (1 + U(-j, j)), in [0, {@value #MAX_CONTROL_PERIOD_JITTER}] (0 nominal)
 * @param wheelSlip fraction of wheel motion lost to slip, in [0, {@value #MAX_WHEEL_SLIP}]; odometry does not
 *     see it (0 nominal)
 */
public record DiffDriveDynamics(
        double linearGain,
        double angularGain,
        double linearBias,
        double angularBias,
        double velocityLimitScale,
        double accelerationLimitScale,
        int latencySteps,
        double odometryNoiseStd,
        double odometryDriftRate,
        double controlPeriodJitter,
        double wheelSlip) {

    /** Longest command latency, control steps (2.5 s at 20 Hz). */
    public static final int MAX_LATENCY_STEPS = 50;
    /** Largest relative control-period jitter: a period never shrinks below half its nominal value. */
    public static final double MAX_CONTROL_PERIOD_JITTER = 0.5;
    /** Largest wheel slip fraction: the robot keeps at least 10 % of its wheel motion. */
    public static final double MAX_WHEEL_SLIP = 0.9;

    /** The nominal robot: exactly the model, no latency, perfect odometry, fixed rate, no slip. */
    public static final DiffDriveDynamics NOMINAL = new DiffDriveDynamics(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0);

    public DiffDriveDynamics {
        requirePositive("linearGain", linearGain);
        requirePositive("angularGain", angularGain);
        requireFinite("linearBias", linearBias);
        requireFinite("angularBias", angularBias);
        requirePositive("velocityLimitScale", velocityLimitScale);
        requirePositive("accelerationLimitScale", accelerationLimitScale);
        if (latencySteps < 0 || latencySteps > MAX_LATENCY_STEPS) {
            throw new IllegalArgumentException(
                    "latencySteps must be in 0.." + MAX_LATENCY_STEPS + ", got " + latencySteps);
        }
        requireInRange("odometryNoiseStd", odometryNoiseStd, 0, Double.MAX_VALUE);
        requireFinite("odometryDriftRate", odometryDriftRate);
        requireInRange("controlPeriodJitter", controlPeriodJitter, 0, MAX_CONTROL_PERIOD_JITTER);
        requireInRange("wheelSlip", wheelSlip, 0, MAX_WHEEL_SLIP);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    private static void requireInRange(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], got " + value);
        }
    }

    /**
     * Draws one robot: each quantity independently and uniformly within its range (latency uniformly among the
     * whole steps of its range). A range whose ends are equal draws no random number, so
     * {@link Ranges#NONE} reproduces {@link #NOMINAL} and leaves {@code rng} untouched.
     *
     * @param ranges the randomisation ranges. Not modified.
     * @param rng the worker's random stream. Modified.
     */
    public static DiffDriveDynamics sample(Ranges ranges, SplittableRandom rng) {
        return new DiffDriveDynamics(
                ranges.linearGain().sample(rng),
                ranges.angularGain().sample(rng),
                ranges.linearBias().sample(rng),
                ranges.angularBias().sample(rng),
                ranges.velocityLimitScale().sample(rng),
                ranges.accelerationLimitScale().sample(rng),
                ranges.latencySteps().sample(rng),
                ranges.odometryNoiseStd().sample(rng),
                ranges.odometryDriftRate().sample(rng),
                ranges.controlPeriodJitter().sample(rng),
                ranges.wheelSlip().sample(rng));
    }

    /**
     * A closed interval [low, high] of a real-valued quantity.
     *
     * @param low smallest value, finite
     * @param high largest value, finite and >= low
     */
    public record Span(double low, double high) {
        public Span {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("range needs finite low <= high, got [" + low + ", " + high + "]");
            }
        }

        /** The single value {@code value}. */
        public static Span of(double value) {
            return new Span(value, value);
        }

        /** Uniform in [low, high); {@code low} without drawing when the range is a single value. */
        public double sample(SplittableRandom rng) {
            return low == high ? low : rng.nextDouble(low, high);
        }
    }

    /**
     * A closed interval of whole control steps.
     *
     * @param low fewest steps
     * @param high most steps, >= low
     */
    public record StepSpan(int low, int high) {
        public StepSpan {
            if (low > high) {
                throw new IllegalArgumentException("step range needs low <= high, got [" + low + ", " + high + "]");
            }
        }

        /** The single value {@code steps}. */
        public static StepSpan of(int steps) {
            return new StepSpan(steps, steps);
        }

        /** Uniform among low..high inclusive; {@code low} without drawing when the range is a single value. */
        public int sample(SplittableRandom rng) {
            return low == high ? low : rng.nextInt(low, high + 1);
        }
    }

    /**
     * Randomisation ranges, one per {@link DiffDriveDynamics} quantity, with the same meaning and units. Parsing
     * them from a file is the caller's business; the simulator stays free of parsers. The constructor checks
     * that both ends of every range are valid dynamics, so every sample is.
     */
    public record Ranges(
            Span linearGain,
            Span angularGain,
            Span linearBias,
            Span angularBias,
            Span velocityLimitScale,
            Span accelerationLimitScale,
            StepSpan latencySteps,
            Span odometryNoiseStd,
            Span odometryDriftRate,
            Span controlPeriodJitter,
            Span wheelSlip) {

        /** No randomisation: every range is the nominal value. */
        public static final Ranges NONE = around(NOMINAL);

        public Ranges {
            Object[] all = {linearGain, angularGain, linearBias, angularBias, velocityLimitScale,
                accelerationLimitScale, latencySteps, odometryNoiseStd, odometryDriftRate, controlPeriodJitter,
                wheelSlip};
            for (Object range : all) {
                if (range == null) {
                    throw new IllegalArgumentException("every randomisation range must be given (use Span.of for a"
                            + " fixed value)");
                }
            }
            // Every validity condition is an interval, so valid lower and upper ends make every sample valid;
            // building the two corner robots runs exactly those checks.
            new DiffDriveDynamics(linearGain.low(), angularGain.low(), linearBias.low(), angularBias.low(),
                    velocityLimitScale.low(), accelerationLimitScale.low(), latencySteps.low(),
                    odometryNoiseStd.low(), odometryDriftRate.low(), controlPeriodJitter.low(), wheelSlip.low());
            new DiffDriveDynamics(linearGain.high(), angularGain.high(), linearBias.high(), angularBias.high(),
                    velocityLimitScale.high(), accelerationLimitScale.high(), latencySteps.high(),
                    odometryNoiseStd.high(), odometryDriftRate.high(), controlPeriodJitter.high(), wheelSlip.high());
        }

        /** Ranges that each hold exactly one value, those of {@code dynamics}; a start for building ranges. */
        public static Ranges around(DiffDriveDynamics dynamics) {
            return new Ranges(Span.of(dynamics.linearGain()), Span.of(dynamics.angularGain()),
                    Span.of(dynamics.linearBias()), Span.of(dynamics.angularBias()),
                    Span.of(dynamics.velocityLimitScale()), Span.of(dynamics.accelerationLimitScale()),
                    StepSpan.of(dynamics.latencySteps()), Span.of(dynamics.odometryNoiseStd()),
                    Span.of(dynamics.odometryDriftRate()), Span.of(dynamics.controlPeriodJitter()),
                    Span.of(dynamics.wheelSlip()));
        }
    }
}
