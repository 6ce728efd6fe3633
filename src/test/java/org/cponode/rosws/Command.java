package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external tool with a time limit and captures its exit code, output and process id. */
public final class Command {

    /** What a finished process left behind. */
    public record Result(long pid, int exitCode, String stdout, String stderr) {
        /** Both streams, for assertion messages and for tools that report errors on either. */
        public String output() {
            return stdout + stderr;
        }
    }

    private Command() {}

    /**
     * Runs {@code command} in {@code workDir} with the current environment plus {@code env} (a null value
     * removes the variable), killing it and failing the test after {@code timeout}.
     */
    public static Result run(Path workDir, Map<String, String> env, Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read both streams concurrently so a chatty tool never blocks on a full pipe.
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(command + " did not finish within " + timeout);
            }
            return new Result(process.pid(), process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** {@link #run} in the repository root with a one-minute limit, failing the test on a non-zero exit. */
    static Result check(Map<String, String> env, String... command) {
        Result result = run(RosWorkspace.repoRoot(), env, Duration.ofMinutes(1), List.of(command));
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read process output", e);
        }
    }
}
