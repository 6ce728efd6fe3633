/**
 * Neural networks over one flat parameter vector: a tanh MLP with batched forward, reverse-mode
 * gradient and forward-mode Jacobian-vector product, the diagonal Gaussian policy, value networks, Adam and
 * the running observation normaliser. Depends only on {@code math}.
 */
package org.cponode.nn;
