package org.cponode.nn;

import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;

/**
 * A state-value baseline {@code V(s)}: a tanh MLP with one linear output, regressed on empirical returns by
 * minibatch Adam. Targets are standardised; when the standardisation changes between fits the output layer is
 * rescaled so that predictions are preserved (the network keeps what it learnt).
 */
public final class ValueFunction {

    private final Mlp net;
    private final double[] params;
    private final Adam adam;
    private final MlpBatch minibatch;
    private final MlpBatch predictor;
    private double targetMean;
    private double targetStd = 1.0;

    private double[] mbObs = new double[0];
    private double[] mbTarget = new double[0];
    private double[] mbOut = new double[0];
    private double[] mbGrad;
    private int[] order = new int[0];

    /**
     * @param observationSize input size
     * @param hidden hidden widths, e.g. {64, 32}
     * @param learningRate Adam step size (1e-3 is the usual choice)
     * @param pool threads for batch prediction
     */
    public ValueFunction(int observationSize, int[] hidden, double learningRate, SplittableRandom rng, WorkerPool pool) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = observationSize;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = 1;
        net = new Mlp(widths);
        params = new double[net.parameterCount()];
        net.initialize(params, 0, rng, 1.0);
        adam = new Adam(params.length, learningRate);
        minibatch = new MlpBatch(net, new WorkerPool(1));
        predictor = new MlpBatch(net, pool);
        mbGrad = new double[params.length];
    }

    public Mlp network() {
        return net;
    }

    /** The live parameter vector (for checkpoints). */
    public double[] parameters() {
        return params;
    }

    public Adam optimizer() {
        return adam;
    }

    public double targetMean() {
        return targetMean;
    }

    public double targetStd() {
        return targetStd;
    }

    /** Restores parameters and target standardisation saved from this network's shape. */
    public void restore(double[] savedParams, double mean, double std) {
        if (savedParams.length != params.length || !(std > 0)) {
            throw new IllegalArgumentException("value-function state does not match its network");
        }
        System.arraycopy(savedParams, 0, params, 0, params.length);
        targetMean = mean;
        targetStd = std;
    }

    /**
     * Predicts {@code V} for {@code n} rows of normalised observations.
     *
     * @param out receives n values. Modified.
     */
    public void predict(double[] obs, int n, double[] out) {
        predictor.forward(params, 0, obs, n, out);
        for (int i = 0; i < n; i++) {
            out[i] = out[i] * targetStd + targetMean;
        }
    }

    /**
     * Fits {@code V(obs_i) ~ target_i} by {@code epochs} passes of shuffled minibatch Adam on the squared error.
     * Single-threaded, so the reward and cost baselines can be fitted on separate cores.
     *
     * @return mean squared error (in target units) over the last epoch
     */
    public double fit(double[] obs, double[] targets, int n, int epochs, int minibatchSize, SplittableRandom rng) {
        if (n <= 0) {
            return 0;
        }
        restandardise(targets, n);
        int d = net.inputSize();
        if (mbObs.length < minibatchSize * d) {
            mbObs = new double[minibatchSize * d];
            mbTarget = new double[minibatchSize];
            mbOut = new double[minibatchSize];
        }
        if (order.length < n) {
            order = new int[n];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lastEpochLoss = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, n, rng);
            double sse = 0;
            for (int start = 0; start < n; start += minibatchSize) {
                int m = Math.min(minibatchSize, n - start);
                for (int i = 0; i < m; i++) {
                    int row = order[start + i];
                    System.arraycopy(obs, row * d, mbObs, i * d, d);
                    mbTarget[i] = (targets[row] - targetMean) / targetStd;
                }
                minibatch.forward(params, 0, mbObs, m, mbOut);
                for (int i = 0; i < m; i++) {
                    double e = mbOut[i] - mbTarget[i];
                    sse += e * e;
                    mbOut[i] = 2 * e / m; // d(mean squared error)/d prediction
                }
                minibatch.vjp(mbOut, mbGrad);
                adam.step(params, 0, mbGrad);
            }
            lastEpochLoss = sse / n * targetStd * targetStd;
        }
        return lastEpochLoss;
    }

    /** Keeps predictions unchanged across a change of input standardisation (see {@link Mlp#reparameterizeInput}). */
    public void reparameterizeInput(double[] oldMean, double[] oldStd, double[] newMean, double[] newStd) {
        net.reparameterizeInput(params, 0, oldMean, oldStd, newMean, newStd);
    }

    /** Moves the target standardisation to this batch, rescaling the output layer to keep predictions. */
    private void restandardise(double[] targets, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += targets[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double e = targets[i] - mean;
            var += e * e;
        }
        double std = Math.max(Math.sqrt(var / n), 1e-6);
        int last = net.layers();
        int w = net.weightOffset(last);
        int in = net.width(last - 1);
        double ratio = targetStd / std;
        for (int k = 0; k < in; k++) {
            params[w + k] *= ratio;
        }
        int b = net.biasOffset(last);
        params[b] = (params[b] * targetStd + targetMean - mean) / std;
        targetMean = mean;
        targetStd = std;
    }

    private static void shuffle(int[] a, int n, SplittableRandom rng) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
