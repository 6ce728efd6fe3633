package org.cponode.bench;

import org.cponode.sim.Tasks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimBenchmarkTest {

    @Test
    void reportsAPositiveRateForEveryTask() {
        for (String name : Tasks.names()) {
            double rate = SimBenchmark.stepsPerSecond(name, 20_000);
            assertTrue(rate > 0 && Double.isFinite(rate), name + ": " + rate);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> SimBenchmark.stepsPerSecond("point-circle", 0));
        assertThrows(IllegalArgumentException.class, () -> SimBenchmark.stepsPerSecond("nope", 10));
    }
}
