package org.cponode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cponode.world.RangeSensor;
import org.junit.jupiter.api.Test;

class ScanBenchmarkTest {

    @Test
    void reportsPositiveRatesForTheScanAloneAndWithTheBins() {
        for (boolean reduce : new boolean[] {false, true}) {
            ScanBenchmark.Result r = ScanBenchmark.run(2_000, reduce);
            assertEquals(2_000, r.scans());
            assertEquals(RangeSensor.LDS.rays(), r.rays());
            assertTrue(r.scansPerSecond() > 0 && Double.isFinite(r.scansPerSecond()), "scans/s " + r.scansPerSecond());
            assertEquals(r.scansPerSecond() * 360, r.raysPerSecond(), 1e-6 * r.raysPerSecond());
        }
    }

    @Test
    void theRoomHasTenObstacles() {
        assertEquals(10, ScanBenchmark.ROOM.circles().size() + ScanBenchmark.ROOM.boxes().size());
        assertEquals(4, ScanBenchmark.ROOM.walls().size());
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("benchmark needs at least 1 scan, got 0",
                assertThrows(IllegalArgumentException.class, () -> ScanBenchmark.run(0, false)).getMessage());
    }
}
