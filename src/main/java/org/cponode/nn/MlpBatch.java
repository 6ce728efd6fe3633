package org.cponode.nn;

import org.cponode.math.WorkerPool;

/**
 * Batched evaluation of an {@link Mlp} over many input rows: forward pass, reverse-mode vector-Jacobian
 * product (gradients), forward-mode Jacobian-vector product, and the fused {@code J^T D J v} product that a
 * Fisher-vector product needs. The forward pass keeps every hidden activation, so the products that follow
 * reuse them instead of recomputing the network.
 *
 * <p>Rows are split into fixed chunks of {@link #CHUNK_ROWS}; the worker pool runs chunks in parallel and each
 * chunk accumulates into its own gradient slot, summed in chunk order. Results therefore do not depend on the
 * number of threads. Buffers grow only when a larger batch arrives: in steady state nothing is allocated.
 *
 * <p>Inner loops are axpy-shaped ({@code y[j] += a * x[j]} over contiguous {@code j}) so that C2 vectorises
 * them; a transposed copy of each weight matrix makes the backward pass axpy-shaped too.
 */
public final class MlpBatch {

    /** Rows per parallel task; fixed so that reductions are identical for any thread count. */
    public static final int CHUNK_ROWS = 512;

    private final Mlp mlp;
    private final WorkerPool pool;
    private final int layers;
    private final int maxWidth;

    private final double[][] act;
    private final double[][] transposed;
    private double[] x;
    private int rows;
    private double[] params;
    private int paramOffset;
    private int capacity;

    private double[][] chunkGrad = new double[0][];
    private double[][] chunkScratch = new double[0][];

    public MlpBatch(Mlp mlp, WorkerPool pool) {
        this.mlp = mlp;
        this.pool = pool;
        this.layers = mlp.layers();
        this.maxWidth = mlp.maxWidth();
        this.act = new double[layers][];
        this.transposed = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            transposed[l] = new double[mlp.width(l - 1) * mlp.width(l)];
        }
        for (int l = 1; l < layers; l++) {
            act[l] = new double[0];
        }
    }

    public Mlp mlp() {
        return mlp;
    }

    /** Rows of the last {@link #forward}. */
    public int rows() {
        return rows;
    }

    private void ensureCapacity(int n) {
        if (n > capacity) {
            for (int l = 1; l < layers; l++) {
                act[l] = new double[n * mlp.width(l)];
            }
            capacity = n;
        }
        int chunks = chunks(n);
        if (chunks > chunkGrad.length) {
            double[][] g = new double[chunks][];
            double[][] s = new double[chunks][];
            for (int c = 0; c < chunks; c++) {
                g[c] = c < chunkGrad.length ? chunkGrad[c] : new double[mlp.parameterCount()];
                s[c] = c < chunkScratch.length ? chunkScratch[c] : new double[3 * maxWidth];
            }
            chunkGrad = g;
            chunkScratch = s;
        }
    }

    private static int chunks(int n) {
        return (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    }

    /**
     * Forward pass over {@code n} rows, keeping the hidden activations for later products.
     *
     * @param params flat parameters from {@code paramOffset}. Kept by reference until the next forward: not
     *     modified, and must not be modified by the caller while products are computed.
     * @param x inputs, {@code n} rows of {@code inputSize()} values. Kept by reference likewise.
     * @param n number of rows
     * @param out outputs, {@code n} rows of {@code outputSize()} values. Modified.
     */
    public void forward(double[] params, int paramOffset, double[] x, int n, double[] out) {
        if (x.length < n * mlp.inputSize() || out.length < n * mlp.outputSize()) {
            throw new IllegalArgumentException("input or output too short for " + n + " rows");
        }
        ensureCapacity(n);
        this.params = params;
        this.paramOffset = paramOffset;
        this.x = x;
        this.rows = n;
        for (int l = 1; l <= layers; l++) {
            int in = mlp.width(l - 1);
            int w = mlp.width(l);
            int off = paramOffset + mlp.weightOffset(l);
            double[] t = transposed[l];
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < w; j++) {
                    t[j * in + k] = params[off + k * w + j];
                }
            }
        }
        pool.run(chunks(n), c -> forwardChunk(c, out));
    }

    private void forwardChunk(int chunk, double[] out) {
        int end = Math.min(rows, (chunk + 1) * CHUNK_ROWS);
        for (int r = chunk * CHUNK_ROWS; r < end; r++) {
            for (int l = 1; l <= layers; l++) {
                int in = mlp.width(l - 1);
                int n = mlp.width(l);
                double[] src = l == 1 ? x : act[l - 1];
                boolean last = l == layers;
                double[] dst = last ? out : act[l];
                int dstOff = r * n;
                System.arraycopy(params, paramOffset + mlp.biasOffset(l), dst, dstOff, n);
                accumulate(src, r * in, in, params, paramOffset + mlp.weightOffset(l), n, dst, dstOff);
                if (!last) {
                    for (int j = 0; j < n; j++) {
                        dst[dstOff + j] = Math.tanh(dst[dstOff + j]);
                    }
                }
            }
        }
    }

    /**
     * Reverse-mode product {@code grad = sum_i J_i^T dOut_i} over the rows of the last forward pass, where
     * {@code J_i} is the Jacobian of row i's output with respect to the parameters.
     *
     * @param dOut output cotangents, {@code rows()} rows of {@code outputSize()}. Not modified.
     * @param grad receives {@code parameterCount()} values from 0. Modified.
     */
    public void vjp(double[] dOut, double[] grad) {
        int chunks = chunks(rows);
        pool.run(chunks, c -> {
            double[] g = chunkGrad[c];
            java.util.Arrays.fill(g, 0.0);
            double[] s = chunkScratch[c];
            int out = mlp.outputSize();
            int end = Math.min(rows, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                System.arraycopy(dOut, r * out, s, 0, out);
                backward(r, s, g);
            }
        });
        reduce(chunks, grad);
    }

    /**
     * Forward-mode product {@code tangent_i = J_i v} over the rows of the last forward pass.
     *
     * @param v parameter direction, {@code parameterCount()} values from {@code vOffset}. Not modified.
     * @param tangent receives {@code rows()} rows of {@code outputSize()}. Modified.
     */
    public void jvp(double[] v, int vOffset, double[] tangent) {
        pool.run(chunks(rows), c -> {
            double[] s = chunkScratch[c];
            int out = mlp.outputSize();
            int end = Math.min(rows, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                int at = forwardTangent(r, v, vOffset, s);
                System.arraycopy(s, at, tangent, r * out, out);
            }
        });
    }

    /**
     * The Gauss-Newton product {@code grad = sum_i J_i^T diag(outputWeight) J_i v}: one JVP, a scale, one VJP
     * per row, fused so that no per-row tangent is stored. With {@code outputWeight_j = 1/(N sigma_j^2)} this
     * is the mean-network block of the Fisher-vector product of a Gaussian policy.
     *
     * @param v direction, from {@code vOffset}. Not modified.
     * @param outputWeight diagonal weights, {@code outputSize()} values. Not modified.
     * @param grad receives {@code parameterCount()} values from 0. Modified.
     */
    public void gaussNewtonProduct(double[] v, int vOffset, double[] outputWeight, double[] grad) {
        int chunks = chunks(rows);
        pool.run(chunks, c -> {
            double[] g = chunkGrad[c];
            java.util.Arrays.fill(g, 0.0);
            double[] s = chunkScratch[c];
            int out = mlp.outputSize();
            int end = Math.min(rows, (c + 1) * CHUNK_ROWS);
            for (int r = c * CHUNK_ROWS; r < end; r++) {
                int at = forwardTangent(r, v, vOffset, s);
                for (int j = 0; j < out; j++) {
                    s[j] = s[at + j] * outputWeight[j];
                }
                backward(r, s, g);
            }
        });
        reduce(chunks, grad);
    }

    private void reduce(int chunks, double[] grad) {
        int p = mlp.parameterCount();
        System.arraycopy(chunkGrad[0], 0, grad, 0, p);
        for (int c = 1; c < chunks; c++) {
            double[] g = chunkGrad[c];
            for (int i = 0; i < p; i++) {
                grad[i] += g[i];
            }
        }
    }

    /**
     * Tangent of row r along v: {@code t_l = (t_{l-1} W_l + a_{l-1} dW_l + db_l)}, times {@code 1 - a_l^2} on
     * hidden layers. Uses scratch thirds alternately; returns the offset of the output tangent in scratch.
     */
    private int forwardTangent(int r, double[] v, int vOffset, double[] s) {
        int prevOff = -1;
        int curOff = 0;
        for (int l = 1; l <= layers; l++) {
            int in = mlp.width(l - 1);
            int n = mlp.width(l);
            curOff = (l % 2 == 1) ? maxWidth : 2 * maxWidth;
            System.arraycopy(v, vOffset + mlp.biasOffset(l), s, curOff, n);
            double[] src = l == 1 ? x : act[l - 1];
            accumulate(src, r * in, in, v, vOffset + mlp.weightOffset(l), n, s, curOff);
            if (l > 1) {
                accumulate(s, prevOff, in, params, paramOffset + mlp.weightOffset(l), n, s, curOff);
            }
            if (l < layers) {
                double[] a = act[l];
                int aOff = r * n;
                for (int j = 0; j < n; j++) {
                    double aj = a[aOff + j];
                    s[curOff + j] *= 1 - aj * aj;
                }
            }
            prevOff = curOff;
        }
        return curOff;
    }

    /**
     * Backpropagates the output cotangent in {@code s[0..out)} of row r, adding the parameter gradient to g.
     * Scratch {@code s[0..maxWidth)} and {@code s[maxWidth..2 maxWidth)} hold the running deltas.
     */
    private void backward(int r, double[] s, double[] g) {
        int deltaOff = 0;
        for (int l = layers; l >= 1; l--) {
            int in = mlp.width(l - 1);
            int n = mlp.width(l);
            double[] src = l == 1 ? x : act[l - 1];
            int srcOff = r * in;
            // dW_l += a_{l-1}^T delta ; db_l += delta
            int gw = mlp.weightOffset(l);
            for (int k = 0; k < in; k++) {
                double ak = src[srcOff + k];
                int row = gw + k * n;
                for (int j = 0; j < n; j++) {
                    g[row + j] += ak * s[deltaOff + j];
                }
            }
            int gb = mlp.biasOffset(l);
            for (int j = 0; j < n; j++) {
                g[gb + j] += s[deltaOff + j];
            }
            if (l > 1) {
                // delta_{l-1} = (delta W_l^T) * (1 - a_{l-1}^2), via rows of the transposed weights
                int nextOff = deltaOff == 0 ? maxWidth : 0;
                java.util.Arrays.fill(s, nextOff, nextOff + in, 0.0);
                double[] t = transposed[l];
                for (int j = 0; j < n; j++) {
                    double dj = s[deltaOff + j];
                    int row = j * in;
                    for (int k = 0; k < in; k++) {
                        s[nextOff + k] += dj * t[row + k];
                    }
                }
                for (int k = 0; k < in; k++) {
                    double ak = src[srcOff + k];
                    s[nextOff + k] *= 1 - ak * ak;
                }
                deltaOff = nextOff;
            }
        }
    }

    /** {@code dst[dstOff + j] += sum_k src[srcOff + k] * w[wOff + k n + j]} for j in [0, n). */
    private static void accumulate(double[] src, int srcOff, int in, double[] w, int wOff, int n, double[] dst,
            int dstOff) {
        for (int k = 0; k < in; k++) {
            double xk = src[srcOff + k];
            int row = wOff + k * n;
            for (int j = 0; j < n; j++) {
                dst[dstOff + j] += xk * w[row + j];
            }
        }
    }
}
