/**
 * Numerical building blocks on plain {@code double[]}: vector kernels, conjugate gradient, random
 * numbers. Callers own outputs; hot-path methods allocate nothing. Depends on nothing else in cpo-node.
 */
package org.cponode.math;
