package org.cponode.nn;

import java.util.SplittableRandom;

/**
 * The shape of a fully connected network with tanh hidden layers and a linear output layer, and where its
 * weights live in a flat parameter vector. The network holds no parameters itself: every method takes the
 * flat vector (and an offset into it), so policies and optimisers can work on whole-parameter vectors as in
 * TRPO's flat get/set.
 *
 * <p>Layout: for each layer {@code l = 1..L}, the weight matrix {@code W_l} of shape
 * {@code [width(l-1)][width(l)]} in row-major order, followed by the bias {@code b_l} of length
 * {@code width(l)}. Forward pass: {@code a_0 = x; a_l = tanh(a_{l-1} W_l + b_l)} for hidden layers and
 * {@code y = a_{L-1} W_L + b_L}.
 */
public final class Mlp {

    private static final Kernels KERNELS = Kernels.best();

    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final int maxWidth;

    /**
     * @param widths input size, hidden widths, output size (at least input and output), each {@code >= 1}
     */
    public Mlp(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size");
        }
        int max = 0;
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("layer widths must be >= 1: " + java.util.Arrays.toString(widths));
            }
            max = Math.max(max, w);
        }
        this.widths = widths.clone();
        this.maxWidth = max;
        int layers = widths.length - 1;
        weightOffset = new int[layers + 1];
        biasOffset = new int[layers + 1];
        int off = 0;
        for (int l = 1; l <= layers; l++) {
            weightOffset[l] = off;
            off += widths[l - 1] * widths[l];
            biasOffset[l] = off;
            off += widths[l];
        }
        parameterCount = off;
    }

    /** Number of weight layers L (hidden layers + 1). */
    public int layers() {
        return widths.length - 1;
    }

    /** Width of activation {@code i}: 0 is the input, {@code layers()} the output. */
    public int width(int i) {
        return widths[i];
    }

    /** All widths, input first. A copy. */
    public int[] widths() {
        return widths.clone();
    }

    public int inputSize() {
        return widths[0];
    }

    public int outputSize() {
        return widths[widths.length - 1];
    }

    /** Largest activation width, for sizing scratch buffers. */
    public int maxWidth() {
        return maxWidth;
    }

    /** Number of parameters (all weights and biases). */
    public int parameterCount() {
        return parameterCount;
    }

    /** Offset of {@code W_l} in the flat vector, {@code l} in {@code 1..layers()}. */
    public int weightOffset(int layer) {
        return weightOffset[layer];
    }

    /** Offset of {@code b_l} in the flat vector, {@code l} in {@code 1..layers()}. */
    public int biasOffset(int layer) {
        return biasOffset[layer];
    }

    /**
     * Initialises weights with Glorot-uniform values (biases zero), the output layer scaled by
     * {@code outputScale} (a small scale for a policy mean keeps the first policy close to its prior).
     *
     * @param params flat vector. Modified in {@code [offset, offset + parameterCount())}.
     */
    public void initialize(double[] params, int offset, SplittableRandom rng, double outputScale) {
        for (int l = 1; l <= layers(); l++) {
            int fanIn = widths[l - 1];
            int fanOut = widths[l];
            double limit = Math.sqrt(6.0 / (fanIn + fanOut)) * (l == layers() ? outputScale : 1.0);
            int w = offset + weightOffset[l];
            for (int i = 0; i < fanIn * fanOut; i++) {
                params[w + i] = limit * (2 * rng.nextDouble() - 1);
            }
            java.util.Arrays.fill(params, offset + biasOffset[l], offset + biasOffset[l] + fanOut, 0.0);
        }
    }

    /**
     * Rewrites the first layer so that the network computes the same function of the raw input after the input
     * standardisation changes from {@code (x - oldMean) / oldStd} to {@code (x - newMean) / newStd}, for the
     * leading {@code oldMean.length} inputs (inputs after them, such as a baseline's time feature, keep their
     * scaling):
     *
     * <pre>
     *   W1'[k][j] = W1[k][j] newStd_k / oldStd_k
     *   b1'[j]    = b1[j] + sum_k W1[k][j] (newMean_k - oldMean_k) / oldStd_k
     * </pre>
     *
     * Without it, every update of a running normaliser would change the policy by an amount no trust region
     * accounts for (exact up to the normaliser's clipping of extreme inputs).
     *
     * @param params flat parameters from {@code offset}. Modified.
     */
    public void reparameterizeInput(double[] params, int offset, double[] oldMean, double[] oldStd, double[] newMean,
            double[] newStd) {
        int in = oldMean.length;
        if (in > widths[0] || oldStd.length != in || newMean.length != in || newStd.length != in) {
            throw new IllegalArgumentException("normaliser statistics of length " + in + " do not fit "
                    + widths[0] + " inputs");
        }
        int n = widths[1];
        int w = offset + weightOffset[1];
        int b = offset + biasOffset[1];
        for (int k = 0; k < in; k++) {
            double shift = (newMean[k] - oldMean[k]) / oldStd[k];
            double ratio = newStd[k] / oldStd[k];
            int row = w + k * n;
            for (int j = 0; j < n; j++) {
                params[b + j] += params[row + j] * shift;
                params[row + j] *= ratio;
            }
        }
    }

    /**
     * Scratch length {@link #forward} needs: two activation rows of the widest layer.
     */
    public int scratchSize() {
        return 2 * maxWidth;
    }

    /**
     * Forward pass for one input row. Allocates nothing.
     *
     * @param params flat parameters starting at {@code paramOffset}. Not modified.
     * @param x input, {@code inputSize()} values from {@code xOffset}. Not modified.
     * @param out output, {@code outputSize()} values written from {@code outOffset}. Modified.
     * @param scratch at least {@link #scratchSize()} doubles. Modified.
     */
    public void forward(double[] params, int paramOffset, double[] x, int xOffset, double[] out, int outOffset,
            double[] scratch) {
        int layers = layers();
        double[] src = x;
        int srcOff = xOffset;
        for (int l = 1; l <= layers; l++) {
            int in = widths[l - 1];
            int n = widths[l];
            boolean last = l == layers;
            double[] dst = last ? out : scratch;
            int dstOff = last ? outOffset : ((l & 1) == 1 ? 0 : maxWidth);
            System.arraycopy(params, paramOffset + biasOffset[l], dst, dstOff, n);
            int w = paramOffset + weightOffset[l];
            for (int k = 0; k < in; k++) {
                double xk = src[srcOff + k];
                int row = w + k * n;
                for (int j = 0; j < n; j++) {
                    dst[dstOff + j] += xk * params[row + j];
                }
            }
            if (!last) {
                KERNELS.tanh(dst, dstOff, dstOff + n);
            }
            src = dst;
            srcOff = dstOff;
        }
    }
}
