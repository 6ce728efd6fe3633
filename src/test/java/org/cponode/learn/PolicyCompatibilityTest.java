package org.cponode.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cponode.task.DiffDriveObservation;
import org.cponode.sim.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-off check: the right policy loads, every wrong or damaged one is refused with one clear line. */
class PolicyCompatibilityTest {

    private static final PolicyCompatibility.Requirements DIFFDRIVE =
            PolicyCompatibility.Requirements.forTask(Tasks.DIFFDRIVE_CIRCLE);

    @TempDir
    Path dir;

    @Test
    void aDiffdriveCheckpointPassesAndLoadsUnchanged() throws Exception {
        Path f = dir.resolve("dd.bin");
        TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).write(f);
        Checkpoint ck = PolicyCompatibility.load(f, DIFFDRIVE);
        TrainedPolicy p = TrainedPolicy.fromCheckpoint(ck, DiffDriveObservation.LAYOUT);
        assertEquals(Tasks.DIFFDRIVE_CIRCLE, p.task());
        assertEquals(DiffDriveObservation.SIZE, p.policy().observationSize());
    }

    @Test
    void aPointCircleCheckpointIsRefusedForDiffdrive() throws Exception {
        Path f = dir.resolve("pc.bin");
        TestCheckpoints.untrained(Tasks.POINT_CIRCLE).write(f);
        String m = refusal(() -> PolicyCompatibility.load(f, DIFFDRIVE));
        assertTrue(m.contains("trained for task point-circle (observation layout 'point-circle/v4')"), m);
        assertTrue(m.contains("this robot runs diffdrive-circle (observation layout 'diffdrive-circle/v1')"), m);
    }

    @Test
    void anotherLayoutVersionIsRefused() {
        String m = refusal(() -> PolicyCompatibility.check(withMeta("observation_layout", "diffdrive-circle/v0"),
                DIFFDRIVE, "old.bin"));
        assertTrue(m.contains("observation layout 'diffdrive-circle/v0'"), m);
    }

    @Test
    void anotherActionOrObservationSizeIsRefused() {
        Checkpoint ck = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        var threeActions = new PolicyCompatibility.Requirements(Tasks.DIFFDRIVE_CIRCLE, DiffDriveObservation.LAYOUT,
                DiffDriveObservation.SIZE, 3);
        assertTrue(refusal(() -> PolicyCompatibility.check(ck, threeActions, "a.bin"))
                .contains("a policy for 10 observations and 2 actions, but this robot has 10 and 3"));
        assertTrue(refusal(() -> PolicyCompatibility.check(withMeta("observation_size", "12"), DIFFDRIVE, "o.bin"))
                .contains("12 observations"));
    }

    @Test
    void missingEntriesAndMisshapenArraysAreRefused() {
        Checkpoint ck = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        Map<String, String> meta = new LinkedHashMap<>(ck.metadata());
        meta.remove("observation_layout");
        assertTrue(refusal(() -> PolicyCompatibility.check(new Checkpoint(meta, ck.arrays()), DIFFDRIVE, "m.bin"))
                .contains("m.bin is not a policy checkpoint (no 'observation_layout' entry)"));
        Map<String, double[]> arrays = new LinkedHashMap<>(ck.arrays());
        arrays.put("policy", Arrays.copyOf(arrays.get("policy"), 5));
        assertTrue(refusal(() -> PolicyCompatibility.check(new Checkpoint(ck.metadata(), arrays), DIFFDRIVE, "s.bin"))
                .contains("array 'policy' has 5 values"));
        assertTrue(refusal(() -> PolicyCompatibility.check(withMeta("policy_hidden", "wide"), DIFFDRIVE, "h.bin"))
                .contains("hidden widths"));
    }

    @Test
    void aCorruptCheckpointIsRefused() throws Exception {
        Path f = dir.resolve("corrupt.bin");
        byte[] bytes = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).toBytes();
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(f, bytes);
        assertTrue(refusal(() -> PolicyCompatibility.load(f, DIFFDRIVE)).contains("corrupt (checksum mismatch)"));
        Files.write(f, Arrays.copyOf(TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).toBytes(), 40));
        assertTrue(refusal(() -> PolicyCompatibility.load(f, DIFFDRIVE)).contains(f.toString()));
    }

    @Test
    void anotherFormatVersionIsRefusedEvenWithAValidChecksum() throws Exception {
        byte[] bytes = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE).toBytes();
        ByteBuffer.wrap(bytes).putInt(8, Checkpoint.FORMAT_VERSION + 1);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes, 0, bytes.length - 32);
        System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
        Path f = dir.resolve("future.bin");
        Files.write(f, bytes);
        String m = refusal(() -> PolicyCompatibility.load(f, DIFFDRIVE));
        assertTrue(m.contains("has checkpoint format " + (Checkpoint.FORMAT_VERSION + 1)), m);
    }

    private static Checkpoint withMeta(String key, String value) {
        Checkpoint ck = TestCheckpoints.untrained(Tasks.DIFFDRIVE_CIRCLE);
        Map<String, String> meta = new LinkedHashMap<>(ck.metadata());
        meta.put(key, value);
        return new Checkpoint(meta, ck.arrays());
    }

    private static String refusal(org.junit.jupiter.api.function.Executable call) {
        String m = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(!m.contains("\n"), "one line: " + m);
        return m;
    }
}
