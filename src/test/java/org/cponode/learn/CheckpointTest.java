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

    /** {@code ck} with its metadata and arrays changed, written to a file as any checkpoint (checksum and all). */
    private Path tampered(Checkpoint ck, java.util.function.Consumer<Map<String, String>> meta,
            java.util.function.Consumer<Map<String, double[]>> arrays) throws Exception {
        Map<String, String> m = new java.util.LinkedHashMap<>(ck.metadata());
        Map<String, double[]> a = new java.util.LinkedHashMap<>();
        ck.arrays().forEach((k, v) -> a.put(k, v.clone()));
        meta.accept(m);
        arrays.accept(a);
        Path f = dir.resolve("tampered.bin");
        new Checkpoint(m, a).write(f);
        return f;
    }

    private void assertRefused(String fragment, java.util.function.Consumer<Map<String, String>> meta,
            java.util.function.Consumer<Map<String, double[]>> arrays) throws Exception {
        Checkpoint good = TestCheckpoints.untrained(org.cponode.sim.Tasks.DIFFDRIVE_CIRCLE);
        Path f = tampered(good, meta, arrays);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f), fragment);
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(fragment)
                && !e.getMessage().contains("For input string") && e.getMessage().lines().count() == 1, e.getMessage());
        // every loader reads through Checkpoint.read: the robot's hand-off check gives the same line
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class, () -> PolicyCompatibility.load(f,
                PolicyCompatibility.Requirements.forTask(org.cponode.sim.Tasks.DIFFDRIVE_CIRCLE))).getMessage());
    }

    @Test
    void valuesAreCheckedAtLoadNamingTheArrayOrEntry() throws Exception {
        Checkpoint good = TestCheckpoints.untrained(org.cponode.sim.Tasks.DIFFDRIVE_CIRCLE);
        assertEquals(good.metadata(), Checkpoint.read(tampered(good, m -> { }, a -> { })).metadata());
        int logStd = good.arrays().get("policy").length - 1;
        assertRefused("array 'policy' value 3 is NaN", m -> { }, a -> a.get("policy")[3] = Double.NaN);
        assertRefused("array 'policy' value 3 is Infinity", m -> { }, a -> a.get("policy")[3] = Double.POSITIVE_INFINITY);
        assertRefused("array 'policy' value 0 is", m -> { }, a -> {
            double[] p = a.get("policy");
            for (int i = 0; i < p.length; i++) {
                p[i] *= 1e300;
            }
            p[0] = 0.5e300;
        });
        assertRefused("log-std of action 2 is 1000.0", m -> { }, a -> a.get("policy")[logStd] = 1000);
        assertRefused("log-std of action 2 is -1000.0", m -> { }, a -> a.get("policy")[logStd] = -1000);
        assertRefused("array 'normalizer.var' value 1 is -1.0", m -> { }, a -> a.get("normalizer.var")[1] = -1);
        assertRefused("array 'normalizer.mean' value 0 is NaN", m -> { }, a -> a.get("normalizer.mean")[0] = Double.NaN);
        assertRefused("array 'normalizer.count' value 0 is -5.0", m -> { }, a -> a.get("normalizer.count")[0] = -5);
        assertRefused("array 'value.params' value 0 is NaN", m -> { }, a -> a.get("value.params")[0] = Double.NaN);
        assertRefused("array 'cost_value.adam.v' value 0 is -1.0", m -> { }, a -> a.get("cost_value.adam.v")[0] = -1);
        assertRefused("entry 'iteration' is -3", m -> m.put("iteration", "-3"), a -> { });
        assertRefused("entry 'policy_version' is not an integer: abc", m -> m.put("policy_version", "abc"), a -> { });
        assertRefused("entry 'action_size' is not an integer: two", m -> m.put("action_size", "two"), a -> { });
        assertRefused("entry 'measured_cost' is not a number: lots", m -> m.put("measured_cost", "lots"), a -> { });
        assertRefused("setting 'seed' is not an integer: abc", m -> m.put("config.seed", "abc"), a -> { });
        assertRefused("setting 'cost_limit' is not a number: abc", m -> m.put("config.cost_limit", "abc"), a -> { });
        // A cost baseline that has seen only zero costs carries output weights of 1e7 and more (its layer is
        // rescaled with the targets' spread): such a checkpoint, as training writes it, loads.
        Path big = tampered(good, m -> { }, a -> java.util.Arrays.fill(a.get("cost_value.params"), 5.4e7));
        assertEquals(5.4e7, Checkpoint.read(big).array("cost_value.params", -1)[0]);
        // an unknown cost is how checkpoints record it
        assertEquals("NaN", Checkpoint.read(tampered(good, m -> m.put("measured_cost", "NaN"), a -> { }))
                .metadata().get("measured_cost"));
    }
}
