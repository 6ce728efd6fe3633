package org.cponode.nn;

/**
 * Running mean and variance of observations (Chan et al. parallel update), used to normalise policy and
 * value inputs: {@code clip((x - mean) / sqrt(var + eps), -clip, clip)}. Saved with the policy, so a
 * checkpoint sees observations exactly as during training.
 */
public final class RunningNormalizer {

    /** Normalised values are clipped to this magnitude, guarding against rare outliers. */
    public static final double CLIP = 10.0;

    private static final double EPS = 1e-8;

    private final double[] mean;
    private final double[] var;
    private double count;
    private final double[] invStd;

    public RunningNormalizer(int size) {
        mean = new double[size];
        var = new double[size];
        invStd = new double[size];
        java.util.Arrays.fill(var, 1.0);
        refresh();
    }

    public int size() {
        return mean.length;
    }

    /** Number of observations folded in so far. */
    public double count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] variance() {
        return var.clone();
    }

    /**
     * Folds {@code rows} observations ({@code rows x size()} row-major) into the statistics. Non-finite rows
     * are rejected with an exception, because they would poison every later normalisation.
     */
    public void update(double[] data, int rows) {
        if (rows <= 0) {
            return;
        }
        int d = mean.length;
        double[] bMean = new double[d];
        double[] bM2 = new double[d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double v = data[r * d + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite observation at row " + r + ", index " + j);
                }
                bMean[j] += v;
            }
        }
        for (int j = 0; j < d; j++) {
            bMean[j] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double e = data[r * d + j] - bMean[j];
                bM2[j] += e * e;
            }
        }
        double total = count + rows;
        for (int j = 0; j < d; j++) {
            double delta = bMean[j] - mean[j];
            double m2 = var[j] * count + bM2[j] + delta * delta * count * rows / total;
            mean[j] += delta * rows / total;
            var[j] = m2 / total;
        }
        count = total;
        refresh();
    }

    private void refresh() {
        for (int j = 0; j < mean.length; j++) {
            invStd[j] = 1.0 / Math.sqrt(var[j] + EPS);
        }
    }

    /**
     * Writes the normalised observation. Allocates nothing.
     *
     * @param in raw observation from {@code inOff}. Not modified.
     * @param out normalised observation from {@code outOff}. Modified; may alias {@code in}.
     */
    public void normalize(double[] in, int inOff, double[] out, int outOff) {
        for (int j = 0; j < mean.length; j++) {
            double z = (in[inOff + j] - mean[j]) * invStd[j];
            out[outOff + j] = z > CLIP ? CLIP : (z < -CLIP ? -CLIP : z);
        }
    }

    /** The standard deviations the normaliser divides by, {@code sqrt(var + eps)}. A copy. */
    public double[] scale() {
        double[] s = new double[invStd.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = 1.0 / invStd[j];
        }
        return s;
    }

    /** Restores saved statistics. */
    public void restore(double[] savedMean, double[] savedVar, double savedCount) {
        if (savedMean.length != mean.length || savedVar.length != var.length || !(savedCount >= 0)) {
            throw new IllegalArgumentException("normaliser state does not match size " + mean.length);
        }
        System.arraycopy(savedMean, 0, mean, 0, mean.length);
        System.arraycopy(savedVar, 0, var, 0, var.length);
        count = savedCount;
        refresh();
    }

    /** A copy with the same statistics. */
    public RunningNormalizer copy() {
        RunningNormalizer c = new RunningNormalizer(mean.length);
        c.restore(mean, var, count);
        return c;
    }
}
