package org.cponode.cli;

import org.cponode.learn.CostMarginConfig;
import picocli.CommandLine.Option;

/** The learning options {@code train} and {@code experiment} share: CPO's learned margin and the baselines' time. */
final class LearningOptions {

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

    /** The margin settings the options select. */
    CostMarginConfig costMargin() {
        return new CostMarginConfig(costMarginRate, costMarginSigmas);
    }
}
