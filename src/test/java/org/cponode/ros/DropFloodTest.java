package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of samples the node cannot decode (invalid UTF-8) or Cyclone cannot deserialise (a forged type) is
 * counted sample by sample, per topic and reason, and logged in a few lines: the first ones, then a summary.
 */
class DropFloodTest {

    private static final int SAMPLES = 20_000;
    /** A few lines per topic and reason, whatever the number of samples (one line each would be about 6 MB). */
    private static final long LOG_BOUND_BYTES = 4096;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void floodOfInvalidUtf8AndUndeserialisableSamplesIsCountedAndLoggedInAFewLines() throws Exception {
        Path peer = NativePeer.build("peer", "cmake", "cc", "idlc").resolve("peer");
        Path stderr = dir.resolve("victim.stderr");
        Process victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-Djava.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n",
                "-cp", System.getProperty("java.class.path"), FloodVictim.class.getName(),
                Integer.toString(DdsTestSupport.DOMAIN), Integer.toString(SAMPLES))
                .redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine(), () -> "victim stderr: " + read(stderr));
            try (NativePeer p = NativePeer.start(peer, "flood", Integer.toString(SAMPLES), "120")) {
                p.awaitLine("PUBLISHED", Duration.ofSeconds(90));
                String all = String.format(Locale.ROOT, "DROPS utf8=%d cdr=%d node=[DropCount[topic=/flood/utf8,"
                        + " reason=INVALID_UTF8, count=%d], DropCount[topic=/flood/cdr, reason=UNDESERIALISABLE,"
                        + " count=%d]]", SAMPLES, SAMPLES, SAMPLES, SAMPLES);
                assertEquals(all, out.readLine(), () -> "victim stderr: " + head(stderr));
            }
            assertEquals("CLOSED sink failures=0", out.readLine(), () -> "victim stderr: " + head(stderr));
            assertTrue(victim.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, victim.exitValue(), () -> "victim stderr: " + head(stderr));
        } finally {
            victim.destroyForcibly();
        }
        long size = Files.size(stderr);
        assertTrue(size < LOG_BOUND_BYTES, () -> "the victim logged " + size + " bytes for " + 2 * SAMPLES
                + " dropped samples:\n" + head(stderr));
        String log = read(stderr);
        // The last summary of each topic and reason has the total (more than one per topic if the flood outlasted an
        // interval).
        String total = String.format(Locale.ROOT, "; %,d in all", SAMPLES);
        for (String expected : List.of(
                "topic /flood/utf8: dropped a std_msgs/msg/String sample for invalid UTF-8: invalid UTF-8 at byte 4 of"
                        + " a 6-byte string in field data",
                "topic /flood/utf8: samples dropped for invalid UTF-8 in the last ",
                "Cyclone DDS: data(application",
                "deserialization rt/flood/cdr/std_msgs::msg::dds_::String_ failed",
                "Cyclone DDS: messages from q_receive.c:")) {
            assertTrue(log.contains(expected), () -> "no '" + expected + "' in:\n" + log);
        }
        assertEquals(2, log.split(total, -1).length - 1, () -> "two summaries with '" + total + "' in:\n" + log);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String head(Path file) {
        String s = read(file);
        return s.length() > 3000 ? s.substring(0, 3000) + "\n… (" + s.length() + " characters)" : s;
    }
}
