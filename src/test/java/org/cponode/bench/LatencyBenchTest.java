package org.cponode.bench;

import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.NativePeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short run of the latency benchmark: every case completes and reports sane numbers. */
class LatencyBenchTest {

    @Test
    void shortRunMeasuresEveryCase() throws Exception {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<LatencyBench.Case> cases = LatencyBench.run(new PrintStream(text, true, StandardCharsets.UTF_8), 200, peer);
        String printed = text.toString(StandardCharsets.UTF_8);
        assertTrue(cases.size() >= 4, printed); // a fifth, C <-> C in a private namespace, where unshare -n works
        assertEquals("C <-> C", cases.get(0).name());
        for (LatencyBench.Case c : cases) {
            assertTrue(c.answered() >= 190, c + "\n" + printed);
            assertTrue(c.p50Micros() > 0 && c.p99Micros() >= c.p50Micros(), c + "\n" + printed);
        }
        assertTrue(cases.get(1).bytesPerMessage() > 0, "the Java echo allocates at least the decoded record");
        assertTrue(printed.contains("Java echo adds"), printed);
        assertThrows(IllegalArgumentException.class, () -> LatencyBench.run(System.out, 5, peer));
    }

    @Test
    void withoutTheCPeerOnlyTheJavaCaseRuns() throws Exception {
        DdsTestSupport.assumeCyclone();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<LatencyBench.Case> cases = LatencyBench.run(new PrintStream(text, true, StandardCharsets.UTF_8), 20,
                Path.of("/nonexistent/peer"));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertEquals(4, cases.size(), printed);
        for (LatencyBench.Case c : cases.subList(0, 3)) {
            assertEquals(0, c.answered(), printed);
            assertTrue(c.note().startsWith("skipped: no C peer at /nonexistent/peer"), c.note());
        }
        assertEquals(20, cases.get(3).answered(), printed);
    }
}
