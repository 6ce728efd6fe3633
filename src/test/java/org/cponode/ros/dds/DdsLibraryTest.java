package org.cponode.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdsLibraryTest {

    @Test
    void candidatesFollowTheDocumentedOrder(@TempDir Path ros) throws Exception {
        Files.createDirectories(ros.resolve("jazzy/lib"));
        Files.writeString(ros.resolve("jazzy/lib/libddsc.so.0"), "");
        Files.createDirectories(ros.resolve("humble/lib"));
        assertEquals(List.of("libddsc.so.0", "libddsc.so.0debian", ros.resolve("jazzy/lib/libddsc.so.0").toString(), "libddsc.so"),
                DdsLibrary.candidates(Map.of(), ros));
        assertEquals(List.of("/x/libddsc.so"), DdsLibrary.candidates(Map.of("CYCLONEDDS_LIB", "/x/libddsc.so"), ros));
    }

    @Test
    void aMissingLibraryGivesAnErrorListingWhatWasTried(@TempDir Path dir) {
        DdsUnavailableException missing = assertThrows(DdsUnavailableException.class,
                () -> DdsLibrary.load(Map.of("CYCLONEDDS_LIB", "/nonexistent/libddsc.so.0"), dir));
        assertTrue(missing.getMessage().contains("tried: /nonexistent/libddsc.so.0"), missing.getMessage());
        assertTrue(missing.getMessage().contains("CYCLONEDDS_LIB is set"), missing.getMessage());
    }

    @Test
    void aLibraryWithoutTheDdsSymbolsIsNotAccepted() {
        DdsUnavailableException e = assertThrows(DdsUnavailableException.class,
                () -> DdsLibrary.load(Map.of("CYCLONEDDS_LIB", "libm.so.6"), Path.of("/nonexistent")));
        assertTrue(e.getMessage().contains("libm.so.6 (loaded, but it has no dds_create_participant"), e.getMessage());
    }

    @Test
    void theCliReportsAMissingLibraryAndExitsCleanly() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.cponode.cli.Main", "topic", "echo", "/x", "std_msgs/msg/Bool",
                "--timeout", "1").redirectErrorStream(true);
        pb.environment().put("CYCLONEDDS_LIB", "/nonexistent/libddsc.so.0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("error: Cyclone DDS library libddsc not found; tried: /nonexistent/libddsc.so.0"), output);
    }
}
