/**
 * Numerical building blocks on plain {@code double[]}: vector kernels ({@link org.cponode.math.Vectors}) and
 * conjugate gradient on a linear operator ({@link org.cponode.math.ConjugateGradient}). Callers own outputs;
 * hot-path methods allocate nothing. Depends on nothing else in cpo-node.
 */
package org.cponode.math;
