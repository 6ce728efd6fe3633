package org.cponode.cli;

import org.cponode.learn.Algorithm;
import org.cponode.learn.CostMarginConfig;
import org.cponode.learn.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The learning options {@code train} and {@code experiment} share: the advantage estimators' lambdas, CPO's
 * learned margin and the baselines' time.
 */
final class LearningOptions {

    @Option(names = "--gae-lambda", description = {
            "GAE lambda of the reward advantages, in [0, 1] (default: the task's, 0.95 for all but",
            "point-goal's 0.97; in experiment, for every task of the grid)."})
    Double gaeLambda;

    @Option(names = "--cost-gae-lambda", description = {
            "GAE lambda of the cost advantages, in [0, 1] (default: the task's: point-circle 0.92,",
            "point-gather 1, point-goal 0.97, diffdrive-circle 0.5); in experiment, for every task of the grid."})
    Double costGaeLambda;

    @Option(names = "--cost-margin-rate", defaultValue = "" + CostMarginConfig.DEFAULT_RATE, description = {
            "CPO: rate kappa at which the safety margin follows CPO's cost-prediction error",
            "(default: ${DEFAULT-VALUE}; 0 = no margin, the paper's CPO)."})
    double costMarginRate;

    @Option(names = "--cost-margin-sigmas", defaultValue = "" + CostMarginConfig.DEFAULT_SIGMAS, description = {
            "CPO: standard deviations of the prediction error added to the margin (default: ${DEFAULT-VALUE})."})
    double costMarginSigmas;

    @Option(names = "--baseline-time", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Give the reward and cost baselines the time since the episode began (default: on;",
                    "--no-baseline-time gives them the observation only, as rllab's)."})
    boolean baselineTime;

    /**
     * {@code config} with these options applied: the lambdas given, the baselines' time switched off by
     * {@code --no-baseline-time}, and CPO's margin (stored as off for TRPO and PDO, which have none).
     */
    TrainConfig applyTo(TrainConfig config) {
        TrainConfig c = config;
        c = gaeLambda == null ? c : c.withLambda(requireLambda("--gae-lambda", gaeLambda));
        c = costGaeLambda == null ? c : c.withCostLambda(requireLambda("--cost-gae-lambda", costGaeLambda));
        c = baselineTime ? c : c.withTimeHorizon(0);
        return c.withCostMargin(c.algorithm() == Algorithm.CPO ? costMargin() : CostMarginConfig.OFF);
    }

    private static double requireLambda(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must lie in [0, 1], got " + value);
        }
        return value;
    }

    /** The margin settings the options select. */
    CostMarginConfig costMargin() {
        return new CostMarginConfig(costMarginRate, costMarginSigmas);
    }
}
