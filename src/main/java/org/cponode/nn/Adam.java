package org.cponode.nn;

/**
 * Adam (Kingma and Ba 2015) on a flat parameter vector with bias-corrected moments. Allocates nothing per
 * step.
 */
public final class Adam {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private long steps;

    public Adam(int size, double learningRate) {
        this(size, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(int size, double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("bad Adam settings: lr " + learningRate + ", beta1 " + beta1
                    + ", beta2 " + beta2 + ", eps " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[size];
        this.v = new double[size];
    }

    /**
     * One descent step: {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * theta -= lr * mhat / (sqrt(vhat) + eps)}.
     *
     * @param params parameters from {@code offset}. Modified.
     * @param grad gradient of the loss, from 0. Not modified.
     */
    public void step(double[] params, int offset, double[] grad) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        double stepSize = learningRate * Math.sqrt(c2) / c1;
        for (int i = 0; i < m.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[offset + i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsilon * Math.sqrt(c2));
        }
    }

    /** First moments (for checkpoints). The live array. */
    public double[] firstMoment() {
        return m;
    }

    /** Second moments (for checkpoints). The live array. */
    public double[] secondMoment() {
        return v;
    }

    public long steps() {
        return steps;
    }

    /** Restores the optimiser state saved from {@link #firstMoment()}, {@link #secondMoment()} and {@link #steps()}. */
    public void restore(double[] first, double[] second, long stepCount) {
        if (first.length != m.length || second.length != v.length || stepCount < 0) {
            throw new IllegalArgumentException("Adam state does not match this optimiser");
        }
        System.arraycopy(first, 0, m, 0, m.length);
        System.arraycopy(second, 0, v, 0, v.length);
        steps = stepCount;
    }
}
