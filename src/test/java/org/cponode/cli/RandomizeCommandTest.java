package org.cponode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cponode.learn.Checkpoint;
import org.cponode.learn.Trainer;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.transfer.DynamicsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --randomize}: the ranges reach the checkpoint, a resume keeps them, bad input is one line. */
class RandomizeCommandTest {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void randomisedRunRecordsItsRangesAndResumesWithThem() throws Exception {
        Path run = dir.resolve("r");
        Path file = Path.of("config/randomization.yaml");
        Outcome first = run("train", "--task", "diffdrive-circle", "--randomize", file.toString(), "--iterations", "1",
                "--batch-size", "800", "--threads", "1", "--out", run.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("domain randomisation"), first.out());
        DiffDriveDynamics.Ranges expected = DynamicsFile.readRanges(file);
        Checkpoint ck = Checkpoint.read(run.resolve(Trainer.CHECKPOINT));
        assertEquals(expected, DynamicsFile.fromMetadata(ck.metadata()));
        assertEquals(expected, DynamicsFile.readRanges(run.resolve("randomization.yaml")), "a copy in the run");

        Outcome resumed = run("train", "--resume", "--iterations", "2", "--threads", "1", "--out", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Checkpoint after = Checkpoint.read(run.resolve(Trainer.CHECKPOINT));
        assertEquals("2", after.require("iteration"));
        assertEquals(expected, DynamicsFile.fromMetadata(after.metadata()), "the resumed run keeps its ranges");

        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "linear_gain: [0.9, 1.0]\n");
        Outcome mismatch = run("train", "--resume", "--iterations", "3", "--randomize", other.toString(), "--out",
                run.toString());
        assertEquals(1, mismatch.code());
        assertTrue(mismatch.err().contains("randomization.linear_gain"), mismatch.err());
    }

    @Test
    void plainRunRecordsNoRandomisation() throws Exception {
        Path run = dir.resolve("plain");
        Outcome first = run("train", "--task", "diffdrive-circle", "--iterations", "1", "--batch-size", "800",
                "--threads", "1", "--out", run.toString());
        assertEquals(0, first.code(), first.err());
        assertEquals(null, DynamicsFile.fromMetadata(Checkpoint.read(run.resolve(Trainer.CHECKPOINT)).metadata()));
        assertFalse(Files.exists(run.resolve("randomization.yaml")));
    }

    @Test
    void refusesOtherTasksAndBadFilesWithOneLine() throws Exception {
        Outcome task = run("train", "--task", "point-circle", "--randomize", "config/randomization.yaml", "--out",
                dir.resolve("a").toString());
        assertEquals(2, task.code());
        assertTrue(task.err().contains("--randomize needs --task diffdrive-circle"), task.err());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "wheel_slip: [0.2, 0.1]\n");
        Outcome file = run("train", "--task", "diffdrive-circle", "--randomize", bad.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(2, file.code());
        assertTrue(file.err().contains("wheel_slip: low 0.2 > high 0.1"), file.err());
        assertEquals(1, file.err().strip().lines().count(), file.err());
        assertFalse(Files.exists(dir.resolve("b").resolve(Trainer.CHECKPOINT)));
    }
}
