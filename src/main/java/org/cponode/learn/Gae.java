package org.cponode.learn;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over complete paths, as rllab does it for CPO:
 * the value after a path's last step is 0 for every path, and
 *
 * <pre>
 *   delta_t = r_t + gamma V(s_{t+1}) - V(s_t)
 *   A_t     = sum_k (gamma lambda)^k delta_{t+k}
 *   R_t     = sum_k gamma^k r_{t+k}              (the baseline's regression target)
 * </pre>
 *
 * The same function serves the reward channel (gamma, lambda) and the cost channel (gamma_C, lambda_C).
 */
public final class Gae {

    private Gae() {}

    /**
     * Computes advantages and discounted returns for every path.
     *
     * @param rewards per-step rewards (or costs). Not modified.
     * @param values baseline predictions per step. Not modified.
     * @param pathStart path p covers rows {@code [pathStart[p], pathStart[p+1])}
     * @param paths number of paths
     * @param gamma discount in [0, 1]
     * @param lambda GAE parameter in [0, 1]
     * @param advantages receives A_t. Modified.
     * @param returns receives R_t. Modified.
     */
    public static void compute(double[] rewards, double[] values, int[] pathStart, int paths, double gamma,
            double lambda, double[] advantages, double[] returns) {
        if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("gamma and lambda must lie in [0, 1]: " + gamma + ", " + lambda);
        }
        double gl = gamma * lambda;
        for (int p = 0; p < paths; p++) {
            int start = pathStart[p];
            int end = pathStart[p + 1];
            double nextValue = 0;
            double adv = 0;
            double ret = 0;
            for (int t = end - 1; t >= start; t--) {
                double delta = rewards[t] + gamma * nextValue - values[t];
                adv = delta + gl * adv;
                ret = rewards[t] + gamma * ret;
                advantages[t] = adv;
                returns[t] = ret;
                nextValue = values[t];
            }
        }
    }
}
