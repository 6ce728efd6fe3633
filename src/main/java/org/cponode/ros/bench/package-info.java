/**
 * Benchmarks of the ROS transport: {@link org.cponode.ros.bench.LatencyBench} (round-trip latency and
 * allocation, C and Java peers on loopback).
 */
package org.cponode.ros.bench;
