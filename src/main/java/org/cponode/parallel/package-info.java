/**
 * The fixed worker pool that runs batch kernels in deterministic chunks ({@link org.cponode.parallel.WorkerPool}),
 * so a run gives the same bits whatever the thread count.
 */
package org.cponode.parallel;
