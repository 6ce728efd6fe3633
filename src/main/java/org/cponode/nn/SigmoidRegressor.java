package org.cponode.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.cponode.parallel.WorkerPool;

/**
 * A one-hidden-layer network with sigmoid hidden units and a sigmoid output, regressed on targets in [0, 1] by
 * full-batch Adam on the mean squared error: the failure predictor of CPO's cost shaping (paper Sec. 6.2;
 * reference {@code predictor_bonus_base.py}: MLP (32,), sigmoid hidden and output, {@code FirstOrderOptimizer}
 * with {@code batch_size=None}).
 *
 * <pre>
 *   h   = sigmoid(x W1 + b1)            W1: [inputSize][hidden]
 *   p   = sigmoid(h . w2 + b2)
 *   MSE = (1/n) sum_i (p_i - y_i)^2
 * </pre>
 *
 * Flat parameter layout: {@code W1} row-major, {@code b1}, {@code w2}, {@code b2}. Rows are processed in fixed
 * chunks of {@link #CHUNK_ROWS} whose gradients are summed in chunk order, so results do not depend on the
 * worker pool's thread count. Buffers grow only for a larger batch; a steady-state fit allocates nothing.
 */
public final class SigmoidRegressor {

    /** Rows per parallel task; fixed so that reductions are identical for any thread count. */
    public static final int CHUNK_ROWS = 512;

    private final int inputSize;
    private final int hidden;
    private final double[] params;
    private final Adam adam;
    private final WorkerPool pool;
    private final int b1;
    private final int w2;
    private final int b2;
    private final double[] grad;
    private double[][] chunkGrad = new double[0][];
    private double[][] chunkHidden = new double[0][];
    private double[] chunkLoss = new double[0];

    /**
     * @param inputSize observation length
     * @param hidden number of sigmoid hidden units (reference: 32)
     * @param learningRate Adam step size (rllab {@code FirstOrderOptimizer}: 1e-3)
     * @param rng initialisation stream (Glorot-uniform weights, zero biases, as lasagne's defaults). Modified.
     * @param pool threads for prediction and gradients
     */
    public SigmoidRegressor(int inputSize, int hidden, double learningRate, SplittableRandom rng, WorkerPool pool) {
        if (inputSize < 1 || hidden < 1) {
            throw new IllegalArgumentException("input size and hidden units must be >= 1, got " + inputSize + ", " + hidden);
        }
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.pool = pool;
        this.b1 = inputSize * hidden;
        this.w2 = b1 + hidden;
        this.b2 = w2 + hidden;
        this.params = new double[b2 + 1];
        this.grad = new double[params.length];
        this.adam = new Adam(params.length, learningRate);
        double limit1 = Math.sqrt(6.0 / (inputSize + hidden));
        for (int i = 0; i < b1; i++) {
            params[i] = limit1 * (2 * rng.nextDouble() - 1);
        }
        double limit2 = Math.sqrt(6.0 / (hidden + 1));
        for (int j = 0; j < hidden; j++) {
            params[w2 + j] = limit2 * (2 * rng.nextDouble() - 1);
        }
    }

    /**
     * Keeps predictions unchanged across a change of input standardisation. The first layer has the
     * {@link Mlp} layout ({@code W1} then {@code b1}), so the same rewrite applies.
     */
    public void reparameterizeInput(double[] oldMean, double[] oldStd, double[] newMean, double[] newStd) {
        new Mlp(inputSize, hidden, 1).reparameterizeInput(params, 0, oldMean, oldStd, newMean, newStd);
    }

    public int inputSize() {
        return inputSize;
    }

    /** The live parameter vector (for checkpoints). */
    public double[] parameters() {
        return params;
    }

    public Adam optimizer() {
        return adam;
    }

    /** Restores parameters saved from a network of the same shape. */
    public void restore(double[] saved) {
        if (saved.length != params.length) {
            throw new IllegalArgumentException("sigmoid regressor state has " + saved.length + " values, expected "
                    + params.length);
        }
        System.arraycopy(saved, 0, params, 0, params.length);
    }

    /**
     * Predicts {@code p(x_i)} in (0, 1) for {@code n} rows.
     *
     * @param x {@code n} rows of {@link #inputSize()} values. Not modified.
     * @param out receives n values. Modified.
     */
    public void predict(double[] x, int n, double[] out) {
        requireRows(x, n);
        if (out.length < n) {
            throw new IllegalArgumentException("output too short for " + n + " rows");
        }
        int chunks = prepare(n);
        pool.run(chunks, c -> {
            double[] h = chunkHidden[c];
            int end = Math.min(n, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                out[r] = forward(x, r, h);
            }
        });
    }

    /** Mean squared error {@code (1/n) sum (p(x_i) - y_i)^2}. */
    public double loss(double[] x, double[] y, int n) {
        requireRows(x, n);
        int chunks = prepare(n);
        pool.run(chunks, c -> {
            double[] h = chunkHidden[c];
            double sse = 0;
            int end = Math.min(n, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                double e = forward(x, r, h) - y[r];
                sse += e * e;
            }
            chunkLoss[c] = sse;
        });
        double sse = 0;
        for (int c = 0; c < chunks; c++) {
            sse += chunkLoss[c];
        }
        return sse / n;
    }

    /**
     * Runs {@code epochs} full-batch Adam steps on the mean squared error.
     *
     * @param x inputs, {@code n} rows. Not modified.
     * @param y targets in [0, 1], {@code n} values. Not modified.
     * @return the mean squared error after the last step
     */
    public double fit(double[] x, double[] y, int n, int epochs) {
        requireRows(x, n);
        if (y.length < n || epochs < 0) {
            throw new IllegalArgumentException("need n targets and epochs >= 0");
        }
        int chunks = prepare(n);
        double scale = 2.0 / n;
        for (int epoch = 0; epoch < epochs; epoch++) {
            pool.run(chunks, c -> gradientChunk(c, x, y, n, scale));
            System.arraycopy(chunkGrad[0], 0, grad, 0, grad.length);
            for (int c = 1; c < chunks; c++) {
                double[] g = chunkGrad[c];
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += g[i];
                }
            }
            adam.step(params, 0, grad);
        }
        return loss(x, y, n);
    }

    /** Adds chunk c's gradient of the MSE into its own slot. */
    private void gradientChunk(int c, double[] x, double[] y, int n, double scale) {
        double[] g = chunkGrad[c];
        Arrays.fill(g, 0.0);
        double[] h = chunkHidden[c];
        int end = Math.min(n, (c + 1) * CHUNK_ROWS);
        for (int r = c * CHUNK_ROWS; r < end; r++) {
            double p = forward(x, r, h);
            // dMSE/dz2 = (2/n)(p - y) p (1 - p)
            double dz2 = scale * (p - y[r]) * p * (1 - p);
            g[b2] += dz2;
            int xr = r * inputSize;
            for (int j = 0; j < hidden; j++) {
                double hj = h[j];
                g[w2 + j] += dz2 * hj;
                // dz1_j = dz2 w2_j h_j (1 - h_j), stored in h for the axpy below
                h[j] = dz2 * params[w2 + j] * hj * (1 - hj);
                g[b1 + j] += h[j];
            }
            for (int k = 0; k < inputSize; k++) {
                double xk = x[xr + k];
                int row = k * hidden;
                for (int j = 0; j < hidden; j++) {
                    g[row + j] += xk * h[j];
                }
            }
        }
    }

    /** Output for row r; leaves the hidden activations in h. */
    private double forward(double[] x, int r, double[] h) {
        System.arraycopy(params, b1, h, 0, hidden);
        int xr = r * inputSize;
        for (int k = 0; k < inputSize; k++) {
            double xk = x[xr + k];
            int row = k * hidden;
            for (int j = 0; j < hidden; j++) {
                h[j] += xk * params[row + j];
            }
        }
        double z = params[b2];
        for (int j = 0; j < hidden; j++) {
            h[j] = sigmoid(h[j]);
            z += h[j] * params[w2 + j];
        }
        return sigmoid(z);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private void requireRows(double[] x, int n) {
        if (n < 1 || x.length < n * inputSize) {
            throw new IllegalArgumentException("need n >= 1 rows of " + inputSize + " inputs, got n = " + n);
        }
    }

    /** Grows the per-chunk buffers for n rows; returns the chunk count. */
    private int prepare(int n) {
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (chunks > chunkGrad.length) {
            double[][] g = Arrays.copyOf(chunkGrad, chunks);
            double[][] h = Arrays.copyOf(chunkHidden, chunks);
            for (int c = chunkGrad.length; c < chunks; c++) {
                g[c] = new double[params.length];
                h[c] = new double[hidden];
            }
            chunkGrad = g;
            chunkHidden = h;
            chunkLoss = new double[chunks];
        }
        return chunks;
    }
}
