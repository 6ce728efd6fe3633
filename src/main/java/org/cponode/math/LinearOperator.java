package org.cponode.math;

/** A symmetric linear map {@code out = A v} given only by its action, e.g. a Fisher-vector product. */
@FunctionalInterface
public interface LinearOperator {
    /**
     * Computes {@code out = A v}.
     *
     * @param v input vector. Not modified.
     * @param out result. Modified; never aliases {@code v}.
     */
    void apply(double[] v, double[] out);
}
