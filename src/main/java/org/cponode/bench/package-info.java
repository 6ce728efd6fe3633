/**
 * The benchmarks behind {@code cpo-node bench} that run the product end to end: the simulator's steps per
 * second ({@link org.cponode.bench.SimBenchmark}), the range sensor's scans per second
 * ({@link org.cponode.bench.ScanBenchmark}), the control loop with a simulated robot in memory
 * ({@link org.cponode.bench.ControlBenchmark}) and DDS round-trip latency ({@link org.cponode.bench.LatencyBench}).
 * The update benchmark lives in {@code learn}, whose internals it times.
 */
package org.cponode.bench;
