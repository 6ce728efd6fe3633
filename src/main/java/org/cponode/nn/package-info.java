/**
 * Neural networks over one flat parameter vector: a tanh MLP with batched forward, reverse-mode
 * gradient and forward-mode Jacobian-vector product, the diagonal Gaussian policy, value networks, Adam,
 * the running observation normaliser and the sigmoid failure predictor of cost shaping. Depends only on {@code math}.
 */
package org.cponode.nn;
