package org.cponode.cli;

import org.cponode.learn.CostMarginConfig;
import org.cponode.sim.TaskSpec;
import picocli.CommandLine.Option;

/**
 * The learning options {@code train} and {@code experiment} share: the advantage estimators' lambdas, CPO's
 * learned margin and the baselines' time.
 */
final class LearningOptions {

    @Option(names = "--gae-lambda", description = {
            "GAE lambda of the reward advantages, in [0, 1] (default: the task's, 0.95 for all; in",
            "experiment, for every task of the grid)."})
    Double gaeLambda;

    @Option(names = "--cost-gae-lambda", description = {
            "GAE lambda of the cost advantages, in [0, 1] (default: the task's: point-circle 0.92,",
            "point-gather 1, diffdrive-circle 0.5); in experiment, for every task of the grid."})
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

    /** Reward GAE lambda: the option's, else the task's. */
    double gaeLambda(TaskSpec task) {
        return gaeLambda == null ? task.gaeLambda() : requireLambda("--gae-lambda", gaeLambda);
    }

    /** Cost GAE lambda: the option's, else the task's. */
    double costGaeLambda(TaskSpec task) {
        return costGaeLambda == null ? task.costGaeLambda() : requireLambda("--cost-gae-lambda", costGaeLambda);
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
