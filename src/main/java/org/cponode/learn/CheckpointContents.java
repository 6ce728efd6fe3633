package org.cponode.learn;

import java.util.Locale;
import java.util.Map;
import org.cponode.nn.GaussianPolicy;

/**
 * The values a checkpoint may hold, checked once where every checkpoint is read ({@link Checkpoint#fromBytes},
 * so {@code train --resume}, {@code eval}, {@code transfer}, the node's {@code policy}, fleet loads and the online
 * learner all run only checked values): a checksum proves a file is whole, not that what was written is sane,
 * and a NaN weight, a log-std of 1000 or weights scaled by 1e300 (a policy driving bang-bang at full speed)
 * would otherwise load. Each refusal is one line naming the array index or the entry. Entries and arrays a
 * checkpoint lacks are not checked here: whoever needs them asks for them by name.
 *
 * <ul>
 *   <li>the policy: finite, |w| <= {@value #MAX_WEIGHT}, its last {@code action_size} values log standard
 *       deviations within [{@link GaussianPolicy#MIN_LOG_STD}, {@link GaussianPolicy#MAX_LOG_STD}]; the
 *       baselines and the failure predictor ({@code value.params}, {@code cost_value.params},
 *       {@code predictor.params}): finite. A baseline's output layer is rescaled with its targets' spread, and a
 *       cost baseline that has seen only zero costs carries weights of 1e7 and more: legitimate, and it drives
 *       nothing;</li>
 *   <li>the observation normaliser: means finite with |m| <= {@value #MAX_WEIGHT}, variances finite and in
 *       [0, {@value #MAX_WEIGHT}^2], the sample count finite and >= 0;</li>
 *   <li>optimiser states: first moments finite, second moments, step and fit counts finite and >= 0; baseline
 *       targets finite; the algorithm's state without infinities (NaN is its "none yet");</li>
 *   <li>entries {@code observation_size}, {@code action_size} integers >= 1; {@code iteration},
 *       {@code policy_version}, {@code total_samples} integers >= 0; {@code measured_return},
 *       {@code measured_cost} numbers, NaN for unknown; {@code config.*} a valid training configuration
 *       ({@link TrainConfig#fromMap}).</li>
 * </ul>
 */
final class CheckpointContents {

    /**
     * Largest magnitude of a policy weight or normaliser mean: trained weights are of order 1 to 10, and a
     * weight of a million already saturates every tanh unit it feeds, so anything larger is damage.
     */
    static final double MAX_WEIGHT = 1e6;

    private static final Map<String, Integer> COUNT_ENTRIES = Map.of("observation_size", 1, "action_size", 1,
            "iteration", 0, "policy_version", 0, "total_samples", 0);
    private static final String[] MEASUREMENT_ENTRIES = {"measured_return", "measured_cost"};
    private static final String[] BASELINES = {"value.params", "cost_value.params", "predictor.params"};
    private static final String[] OPTIMIZERS = {"value.adam", "cost_value.adam", "predictor.adam"};

    private CheckpointContents() {}

    /**
     * @param source names the checkpoint in messages
     * @throws IllegalArgumentException {@code source: <what is wrong>}
     */
    static void check(Checkpoint ck, String source) {
        try {
            checkEntries(ck);
            checkArrays(ck);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    private static void checkEntries(Checkpoint ck) {
        COUNT_ENTRIES.forEach((key, min) -> {
            String v = ck.metadata().get(key);
            if (v == null) {
                return;
            }
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("entry '" + key + "' is not an integer: " + v);
            }
            if (n < min) {
                throw new IllegalArgumentException("entry '" + key + "' is " + n + "; it must be >= " + min);
            }
        });
        for (String key : MEASUREMENT_ENTRIES) {
            String v = ck.metadata().get(key);
            if (v != null && !isNumberOrNaN(v)) {
                throw new IllegalArgumentException("entry '" + key + "' is not a number: " + v);
            }
        }
        if (ck.metadata().keySet().stream().anyMatch(k -> k.startsWith(Trainer.CONFIG_PREFIX))) {
            Trainer.savedConfig(ck);
        }
    }

    private static boolean isNumberOrNaN(String v) {
        try {
            double d = Double.parseDouble(v);
            return !Double.isInfinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkArrays(Checkpoint ck) {
        within(ck, "policy", -MAX_WEIGHT, MAX_WEIGHT, "weights must be finite with |w| <= " + MAX_WEIGHT);
        for (String name : BASELINES) {
            within(ck, name, -Double.MAX_VALUE, Double.MAX_VALUE, "weights must be finite");
        }
        checkLogStd(ck);
        within(ck, "normalizer.mean", -MAX_WEIGHT, MAX_WEIGHT, "means must be finite with |m| <= " + MAX_WEIGHT);
        within(ck, "normalizer.var", 0, MAX_WEIGHT * MAX_WEIGHT,
                "variances must be finite, >= 0 and <= " + MAX_WEIGHT * MAX_WEIGHT);
        within(ck, "normalizer.count", 0, Double.MAX_VALUE, "a count must be finite and >= 0");
        for (String adam : OPTIMIZERS) {
            within(ck, adam + ".m", -Double.MAX_VALUE, Double.MAX_VALUE, "first moments must be finite");
            within(ck, adam + ".v", 0, Double.MAX_VALUE, "second moments must be finite and >= 0");
            within(ck, adam + ".steps", 0, Double.MAX_VALUE, "a count must be finite and >= 0");
        }
        within(ck, "predictor.fits", 0, Double.MAX_VALUE, "a count must be finite and >= 0");
        within(ck, "value.target", -Double.MAX_VALUE, Double.MAX_VALUE, "targets must be finite");
        within(ck, "cost_value.target", -Double.MAX_VALUE, Double.MAX_VALUE, "targets must be finite");
        double[] state = ck.arrays().get("algorithm.state");
        for (int i = 0; state != null && i < state.length; i++) {
            if (Double.isInfinite(state[i])) {
                throw new IllegalArgumentException("array 'algorithm.state' value " + i + " is " + state[i]
                        + "; the algorithm's state must not be infinite");
            }
        }
    }

    /** The policy's log standard deviations, its last {@code action_size} values. */
    private static void checkLogStd(Checkpoint ck) {
        double[] policy = ck.arrays().get("policy");
        String actions = ck.metadata().get("action_size");
        if (policy == null || actions == null) {
            return;
        }
        long n = Long.parseLong(actions);
        if (n > policy.length) {
            throw new IllegalArgumentException("array 'policy' has " + policy.length + " values, fewer than its "
                    + n + " log-stds");
        }
        for (int j = 0; j < n; j++) {
            double logStd = policy[policy.length - (int) n + j];
            if (!(logStd >= GaussianPolicy.MIN_LOG_STD && logStd <= GaussianPolicy.MAX_LOG_STD)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "log-std of action %d is %s; it must"
                        + " lie in [%.1f, %.1f] (standard deviations 1e-6 to 1e6)", j + 1, logStd,
                        GaussianPolicy.MIN_LOG_STD, GaussianPolicy.MAX_LOG_STD));
            }
        }
    }

    /** Every value of array {@code name}, if present, is finite and in [low, high]. */
    private static void within(Checkpoint ck, String name, double low, double high, String rule) {
        double[] a = ck.arrays().get(name);
        for (int i = 0; a != null && i < a.length; i++) {
            if (!(a[i] >= low && a[i] <= high)) {
                throw new IllegalArgumentException("array '" + name + "' value " + i + " is " + a[i] + "; " + rule);
            }
        }
    }
}
