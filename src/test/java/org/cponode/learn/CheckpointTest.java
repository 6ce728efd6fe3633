package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint sample() {
        return new Checkpoint(Map.of("task", "point-circle", "iteration", "3"),
                Map.of("policy", new double[] {1.5, -2.25, Double.MIN_VALUE}, "empty", new double[0]));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Path f = dir.resolve("c.bin");
        sample().write(f);
        Checkpoint back = Checkpoint.read(f);
        assertEquals("point-circle", back.require("task"));
        assertArrayEquals(new double[] {1.5, -2.25, Double.MIN_VALUE}, back.array("policy", 3));
        assertEquals(0, back.array("empty", 0).length);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws Exception {
        byte[] good = sample().toBytes();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            int at = i;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checkpoint.fromBytes(bad, "x"), "flip at " + at);
            assertTrue(e.getMessage().startsWith("x "), e.getMessage());
        }
    }

    @Test
    void truncatedAndForeignFilesGetOneLineErrors() throws Exception {
        byte[] good = sample().toBytes();
        Path f = dir.resolve("t.bin");
        Files.write(f, java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f)).getMessage().contains("corrupt"));
        Files.writeString(f, "hello");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f)).getMessage().contains("not a cpo-node checkpoint"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir.resolve("missing")))
                .getMessage().contains("no checkpoint"));
    }

    @Test
    void overwriteReplacesAtomically() throws Exception {
        Path f = dir.resolve("c.bin");
        sample().write(f);
        new Checkpoint(Map.of("task", "other"), Map.of()).write(f);
        assertEquals("other", Checkpoint.read(f).require("task"));
    }
}
