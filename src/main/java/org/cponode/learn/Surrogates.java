package org.cponode.learn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cponode.math.LinearOperator;
import org.cponode.parallel.WorkerPool;
import org.cponode.nn.GaussianPolicy;
import org.cponode.nn.MlpBatch;

/**
 * The sample-based quantities of one trust-region update around the sampling policy {@code pi_k}
 * (docs/CPO.md, "The problem"), for a batch of N samples from M paths:
 *
 * <pre>
 *   L(theta)     = -(1/N) sum_i rho_i(theta) Ahat_i                      reward surrogate loss (minimised)
 *   F_C(theta)   = Tbar (1/N) sum_i rho_i(theta) (AhatC_i - mean AhatC)  cost surrogate, Tbar = N / M
 *   KLbar(theta) = (1/N) sum_i KL(pi_k(.|s_i) || pi_theta(.|s_i))
 *   H v          = (1/N') sum_{i in subsample} J_i^T M J_i v + damping v,  M = diag(1/sigma^2, 2)
 * </pre>
 *
 * with {@code rho_i = pi_theta(a_i|s_i) / pi_k(a_i|s_i)}, Ahat the reward advantages standardised to mean 0
 * and standard deviation 1, and AhatC the cost advantages centred only. A batch with several constraints has one
 * {@code F_Ci} per constraint, each from its own cost advantages ({@link Values#moreCostSurrogates()} and
 * {@link #costGradient}). Everything runs on the worker pool;
 * sums are taken in row order, so results do not depend on the thread count.
 */
final class Surrogates implements LinearOperator {

    private final GaussianPolicy policy;
    private final int actions;
    private final int meanParams;
    private final MlpBatch full;
    private final MlpBatch sub;
    private final double damping;

    private Batch batch;
    private int n;
    private double[] oldMean = new double[0];
    private final double[] oldLogStd;
    private double[] mean = new double[0];
    /** {@code full}'s activations and {@code mean} are those of {@link #gradients}' forward pass at theta_k. */
    private boolean fullAtThetaK;
    private double[] rewardWeight = new double[0];
    private double[] costWeight = new double[0];
    /** Cost weights of constraints 2..m ({@code [k][row]}). */
    private double[][] moreCostWeight = new double[0][0];
    private double[] cotangent = new double[0];
    private double[] subObs = new double[0];
    private double[] subMean = new double[0];
    private int[] subRows = new int[0];
    private final double[] fisherWeight;
    private final double[] meanGrad;
    private final double[] logStd;
    /** {@code 1/sigma} of the candidate and of the sampling policy, per action component. */
    private final double[] invStd;
    private final double[] oldInvStd;

    /**
     * Values of the surrogates at one parameter vector: {@code costSurrogate} is the first constraint's F_C,
     * {@code moreCostSurrogates} those of constraints 2..m (empty for one constraint).
     */
    record Values(double loss, double costSurrogate, double kl, double[] moreCostSurrogates) {
        boolean finite() {
            boolean finite = Double.isFinite(loss) && Double.isFinite(costSurrogate) && Double.isFinite(kl);
            for (double v : moreCostSurrogates) {
                finite &= Double.isFinite(v);
            }
            return finite;
        }

        /** Constraint i's F_C. */
        double costSurrogate(int i) {
            return i == 0 ? costSurrogate : moreCostSurrogates[i - 1];
        }
    }

    Surrogates(GaussianPolicy policy, WorkerPool pool, double damping) {
        this.policy = policy;
        this.actions = policy.actionSize();
        this.meanParams = policy.meanNetwork().parameterCount();
        this.full = new MlpBatch(policy.meanNetwork(), pool);
        this.sub = new MlpBatch(policy.meanNetwork(), pool);
        this.damping = damping;
        this.oldLogStd = new double[actions];
        this.fisherWeight = new double[actions];
        this.meanGrad = new double[meanParams];
        this.logStd = new double[actions];
        this.invStd = new double[actions];
        this.oldInvStd = new double[actions];
    }

    /**
     * Fixes {@code pi_k = theta_k}, the advantage weights and the Fisher subsample for the coming update.
     *
     * @param subsample fraction of samples used in Fisher-vector products, in (0, 1]
     */
    void prepare(Batch b, double[] thetaK, double subsample, SplittableRandom rng) {
        batch = b;
        n = b.size();
        int a = actions;
        if (oldMean.length < n * a) {
            oldMean = new double[n * a];
            mean = new double[n * a];
            cotangent = new double[n * a];
        }
        if (rewardWeight.length < n) {
            rewardWeight = new double[n];
            costWeight = new double[n];
        }
        full.forward(thetaK, 0, b.obs, n, oldMean);
        fullAtThetaK = false;
        for (int j = 0; j < a; j++) {
            oldLogStd[j] = policy.logStd(thetaK, j);
            oldInvStd[j] = Math.exp(-oldLogStd[j]);
        }
        double advMean = org.cponode.math.Vectors.mean(b.advantages, n);
        double advStd = org.cponode.math.Vectors.std(b.advantages, n, advMean);
        double costMean = org.cponode.math.Vectors.mean(b.costAdvantages, n);
        double tbar = b.meanPathLength();
        for (int i = 0; i < n; i++) {
            rewardWeight[i] = (b.advantages[i] - advMean) / (advStd + 1e-8);
            costWeight[i] = tbar * (b.costAdvantages[i] - costMean);
        }
        int more = b.constraints() - 1;
        if (moreCostWeight.length != more || (more > 0 && moreCostWeight[0].length < n)) {
            moreCostWeight = new double[more][n];
        }
        for (int k = 0; k < more; k++) {
            double[] adv = b.moreCostAdvantages[k];
            double mean = org.cponode.math.Vectors.mean(adv, n);
            for (int i = 0; i < n; i++) {
                moreCostWeight[k][i] = tbar * (adv[i] - mean);
            }
        }
        prepareSubsample(b, thetaK, subsample, rng);
    }

    private void prepareSubsample(Batch b, double[] thetaK, double fraction, SplittableRandom rng) {
        int o = b.observationSize();
        int m = Math.max(1, Math.min(n, (int) Math.round(fraction * n)));
        if (subRows.length < n) {
            subRows = new int[n];
        }
        for (int i = 0; i < n; i++) {
            subRows[i] = i;
        }
        if (m < n) { // partial Fisher-Yates: the first m entries become a uniform sample without replacement
            for (int i = 0; i < m; i++) {
                int j = i + rng.nextInt(n - i);
                int t = subRows[i];
                subRows[i] = subRows[j];
                subRows[j] = t;
            }
            Arrays.sort(subRows, 0, m); // keeps memory access in row order
        }
        if (subObs.length < m * o) {
            subObs = new double[m * o];
            subMean = new double[m * actions];
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(b.obs, subRows[i] * o, subObs, i * o, o);
        }
        sub.forward(thetaK, 0, subObs, m, subMean);
        for (int j = 0; j < actions; j++) {
            fisherWeight[j] = Math.exp(-2 * oldLogStd[j]) / m;
        }
    }

    int size() {
        return n;
    }

    /** L, F_C and KLbar at theta (one forward pass over the batch). */
    Values evaluate(double[] theta) {
        full.forward(theta, 0, batch.obs, n, mean);
        fullAtThetaK = false;
        int a = actions;
        double klConst = 0;
        for (int j = 0; j < a; j++) {
            logStd[j] = policy.logStd(theta, j);
            invStd[j] = Math.exp(-logStd[j]);
            // per-sample KL terms that do not depend on the mean difference
            double varRatio = Math.exp(2 * (oldLogStd[j] - logStd[j]));
            klConst += logStd[j] - oldLogStd[j] + 0.5 * varRatio - 0.5;
        }
        double loss = 0;
        double costSurrogate = 0;
        double meanSq = 0;
        int more = batch.constraints() - 1;
        double[] moreSurrogates = new double[more];
        double[] act = batch.actions;
        for (int i = 0; i < n; i++) {
            double logRatio = 0;
            for (int j = 0; j < a; j++) {
                int k = i * a + j;
                double zNew = (act[k] - mean[k]) * invStd[j];
                double zOld = (act[k] - oldMean[k]) * oldInvStd[j];
                logRatio += -0.5 * (zNew * zNew - zOld * zOld) - (logStd[j] - oldLogStd[j]);
                double dm = (oldMean[k] - mean[k]) * invStd[j];
                meanSq += 0.5 * dm * dm;
            }
            double rho = Math.exp(logRatio);
            loss -= rho * rewardWeight[i];
            costSurrogate += rho * costWeight[i];
            for (int k = 0; k < more; k++) {
                moreSurrogates[k] += rho * moreCostWeight[k][i];
            }
        }
        for (int k = 0; k < more; k++) {
            moreSurrogates[k] /= n;
        }
        return new Values(loss / n, costSurrogate / n, klConst + meanSq / n, moreSurrogates);
    }

    /**
     * Gradients at {@code theta_k} of L (into g) and of F_C (into b). At theta_k every ratio is 1, so
     * {@code dL/dmu_ij = -(1/N) Ahat_i (a_ij - mu_ij) / sigma_j^2} and
     * {@code dL/dlogsigma_j = -(1/N) sum_i Ahat_i ((a_ij - mu_ij)^2 / sigma_j^2 - 1)}; likewise for F_C.
     */
    void gradients(double[] thetaK, double[] g, double[] b) {
        full.forward(thetaK, 0, batch.obs, n, mean);
        fullAtThetaK = true;
        weightedLogLikelihoodGradient(rewardWeight, -1.0 / n, g);
        weightedLogLikelihoodGradient(costWeight, 1.0 / n, b);
    }

    /**
     * The gradient at {@code theta_k} of constraint {@code i >= 1}'s F_C into b (constraint 0's: {@link #gradients}).
     * Right after {@link #gradients} at the same theta_k (the Fisher-vector products in between run on the
     * subsample) it reuses that forward pass over the batch.
     */
    void costGradient(double[] thetaK, int i, double[] b) {
        if (!fullAtThetaK) {
            full.forward(thetaK, 0, batch.obs, n, mean);
            fullAtThetaK = true;
        }
        weightedLogLikelihoodGradient(moreCostWeight[i - 1], 1.0 / n, b);
    }

    /** {@code out = scale * sum_i w_i grad log pi(a_i|s_i)} at the last forward pass (the sampling policy). */
    private void weightedLogLikelihoodGradient(double[] w, double scale, double[] out) {
        int a = actions;
        double[] act = batch.actions;
        int ls = policy.logStdOffset();
        for (int j = 0; j < a; j++) {
            out[ls + j] = 0;
        }
        for (int i = 0; i < n; i++) {
            double wi = scale * w[i];
            for (int j = 0; j < a; j++) {
                int k = i * a + j;
                double invVar = oldInvStd[j] * oldInvStd[j];
                double d = act[k] - mean[k];
                cotangent[k] = wi * d * invVar;
                out[ls + j] += wi * (d * d * invVar - 1);
            }
        }
        full.vjp(cotangent, meanGrad);
        System.arraycopy(meanGrad, 0, out, 0, meanParams);
    }

    /**
     * Fisher-vector product {@code out = H v}: mean block by one JVP, a scale by {@code 1/(N' sigma^2)} and one
     * VJP on the subsample; log-std block {@code 2 v}; plus damping.
     */
    @Override
    public void apply(double[] v, double[] out) {
        sub.gaussNewtonProduct(v, 0, fisherWeight, meanGrad);
        for (int i = 0; i < meanParams; i++) {
            out[i] = meanGrad[i] + damping * v[i];
        }
        int ls = policy.logStdOffset();
        for (int j = 0; j < actions; j++) {
            out[ls + j] = (2 + damping) * v[ls + j];
        }
    }
}
