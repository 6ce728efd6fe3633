package org.cponode.nn;

import org.cponode.parallel.WorkerPool;

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
 * <p>Within a chunk, blocks of rows go through the network layer by layer as small matrix products
 * ({@link Kernels#gemm}); a transposed copy of each weight matrix keeps the backward pass in the same shape.
 */
public final class MlpBatch {

    /** Rows per parallel task; fixed so that reductions are identical for any thread count. */
    public static final int CHUNK_ROWS = 512;

    /** Rows processed together inside a chunk: small enough that a block's activations stay in cache. */
    private static final int BLOCK_ROWS = 64;

    private final Mlp mlp;
    private final WorkerPool pool;
    private final Kernels kernels;
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
        this(mlp, pool, Kernels.best());
    }

    /** With a chosen kernel implementation (tests compare both). */
    public MlpBatch(Mlp mlp, WorkerPool pool, Kernels kernels) {
        this.mlp = mlp;
        this.pool = pool;
        this.kernels = kernels;
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
                s[c] = c < chunkScratch.length ? chunkScratch[c] : new double[3 * BLOCK_ROWS * maxWidth];
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
        for (int r0 = chunk * CHUNK_ROWS; r0 < end; r0 += BLOCK_ROWS) {
            int m = Math.min(BLOCK_ROWS, end - r0);
            for (int l = 1; l <= layers; l++) {
                int in = mlp.width(l - 1);
                int n = mlp.width(l);
                boolean last = l == layers;
                double[] dst = last ? out : act[l];
                int dstOff = r0 * n;
                fillRows(dst, dstOff, m, n, params, paramOffset + mlp.biasOffset(l));
                // a_l = a_{l-1} W_l + b_l
                kernels.gemm(l == 1 ? x : act[l - 1], r0 * in, in, 1, params, paramOffset + mlp.weightOffset(l), n,
                        dst, dstOff, n, m, in, n);
                if (!last) {
                    kernels.tanh(dst, dstOff, dstOff + m * n);
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
            for (int r0 = c * CHUNK_ROWS; r0 < end; r0 += BLOCK_ROWS) {
                int m = Math.min(BLOCK_ROWS, end - r0);
                System.arraycopy(dOut, r0 * out, s, 0, m * out);
                backward(r0, m, s, g);
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
            for (int r0 = c * CHUNK_ROWS; r0 < end; r0 += BLOCK_ROWS) {
                int m = Math.min(BLOCK_ROWS, end - r0);
                int at = forwardTangent(r0, m, v, vOffset, s);
                System.arraycopy(s, at, tangent, r0 * out, m * out);
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
            for (int r0 = c * CHUNK_ROWS; r0 < end; r0 += BLOCK_ROWS) {
                int m = Math.min(BLOCK_ROWS, end - r0);
                int at = forwardTangent(r0, m, v, vOffset, s);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < out; j++) {
                        s[i * out + j] = s[at + i * out + j] * outputWeight[j];
                    }
                }
                backward(r0, m, s, g);
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
     * Tangents of rows {@code [r0, r0+m)} along v: {@code t_l = t_{l-1} W_l + a_{l-1} dW_l + db_l}, times
     * {@code 1 - a_l^2} on hidden layers. Uses the second and third scratch regions alternately and returns the
     * offset of the output tangents ({@code m x outputSize}) in scratch.
     */
    private int forwardTangent(int r0, int m, double[] v, int vOffset, double[] s) {
        int region = BLOCK_ROWS * maxWidth;
        int prevOff = -1;
        int curOff = 0;
        for (int l = 1; l <= layers; l++) {
            int in = mlp.width(l - 1);
            int n = mlp.width(l);
            curOff = (l % 2 == 1) ? region : 2 * region;
            fillRows(s, curOff, m, n, v, vOffset + mlp.biasOffset(l));
            kernels.gemm(l == 1 ? x : act[l - 1], r0 * in, in, 1, v, vOffset + mlp.weightOffset(l), n, s, curOff, n,
                    m, in, n);
            if (l > 1) {
                kernels.gemm(s, prevOff, in, 1, params, paramOffset + mlp.weightOffset(l), n, s, curOff, n, m, in, n);
            }
            if (l < layers) {
                kernels.scaleByTanhDerivative(s, curOff, act[l], r0 * n, m * n);
            }
            prevOff = curOff;
        }
        return curOff;
    }

    /**
     * Backpropagates the output cotangents of rows {@code [r0, r0+m)}, held in scratch region 0 as
     * {@code m x outputSize}, adding the parameter gradient to g. Regions 0 and 1 hold the running deltas.
     */
    private void backward(int r0, int m, double[] s, double[] g) {
        int region = BLOCK_ROWS * maxWidth;
        int deltaOff = 0;
        for (int l = layers; l >= 1; l--) {
            int in = mlp.width(l - 1);
            int n = mlp.width(l);
            double[] src = l == 1 ? x : act[l - 1];
            // dW_l += a_{l-1}^T delta
            kernels.gemm(src, r0 * in, 1, in, s, deltaOff, n, g, mlp.weightOffset(l), n, in, m, n);
            // db_l += sum over rows of delta
            int gb = mlp.biasOffset(l);
            for (int i = 0; i < m; i++) {
                int row = deltaOff + i * n;
                for (int j = 0; j < n; j++) {
                    g[gb + j] += s[row + j];
                }
            }
            if (l > 1) {
                // delta_{l-1} = (delta W_l^T) * (1 - a_{l-1}^2), with W_l^T stored row-major
                int nextOff = deltaOff == 0 ? region : 0;
                java.util.Arrays.fill(s, nextOff, nextOff + m * in, 0.0);
                kernels.gemm(s, deltaOff, n, 1, transposed[l], 0, in, s, nextOff, in, m, n, in);
                kernels.scaleByTanhDerivative(s, nextOff, src, r0 * in, m * in);
                deltaOff = nextOff;
            }
        }
    }

    /** Sets each of m rows of width n at {@code dst[off..]} to {@code src[srcOff..srcOff+n)}. */
    private static void fillRows(double[] dst, int off, int m, int n, double[] src, int srcOff) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(src, srcOff, dst, off + i * n, n);
        }
    }
}
