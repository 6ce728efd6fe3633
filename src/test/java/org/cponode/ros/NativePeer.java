package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cponode.ros.dds.CycloneConfig;

/**
 * A native test peer (src/test/native/&lt;name&gt;) built with CMake into target/native/&lt;name&gt; once per JVM
 * and run as a child process on the test's domain with a loopback-only Cyclone configuration. Its stdout
 * lines are collected; closing its stdin tells it to exit.
 */
public final class NativePeer implements AutoCloseable {

    /**
     * Field checks the C peer makes on {@link Fixtures}' messages of every type: one per leaf (array elements and
     * sequence lengths included), so a check dropped or a type missing changes the count.
     */
    static final int FIXTURE_CHECKS = 1031;

    private static final java.util.Map<String, Path> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    private NativePeer(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("peer-stdout").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    all.add(line);
                }
            } catch (IOException e) {
                // the process ended; the lines so far remain
            }
        });
    }

    /** True if {@code tool} is on the PATH. */
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds peer project {@code name} (once), skipping the test only if a build tool is missing; a failing
     * build with all tools present fails the test.
     */
    public static synchronized Path build(String name, String... tools) throws IOException, InterruptedException {
        DdsTestSupport.assumeCyclone();
        for (String tool : tools) {
            assumeTrue(onPath(tool), tool + " not installed (Debian: cmake, g++, cyclonedds-dev, cyclonedds-tools, "
                    + "libfastrtps-dev, fastddsgen); CI installs them, so there this test runs");
        }
        Path built = BUILT.get(name);
        if (built != null) {
            return built;
        }
        Path source = Path.of("src/test/native", name).toAbsolutePath();
        Path dir = Path.of("target/native", name).toAbsolutePath();
        Files.createDirectories(dir);
        run(dir, "cmake", "-S", source.toString(), "-B", dir.toString(), "-DCMAKE_BUILD_TYPE=Release");
        run(dir, "cmake", "--build", dir.toString(), "-j", "2");
        BUILT.put(name, dir);
        return dir;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(240, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Starts {@code executable} with {@code args} on the test domain. */
    public static NativePeer start(Path executable, String... args) throws IOException {
        return startSecured(executable, null, args);
    }

    /**
     * Starts {@code executable} with {@code args} on the test domain, its participant secured with the SROS 2
     * enclave in directory {@code enclave} and the plugins that belong to the libddsc this JVM loaded (null:
     * unsecured).
     */
    public static NativePeer startSecured(Path executable, Path enclave, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CYCLONEDDS_URI", CycloneConfig.loopbackOnly(Integer.toString(DdsTestSupport.DOMAIN)));
        pb.environment().put("ROS_DOMAIN_ID", Integer.toString(DdsTestSupport.DOMAIN));
        if (enclave != null) {
            pb.environment().put("PEER_ENCLAVE", enclave.toAbsolutePath().toString());
            pb.environment().put("PEER_SECURITY_PLUGINS", TestKeystore.plugins().toString());
        }
        return new NativePeer(pb.start());
    }

    /** Starts {@code executable} with this process's own environment (Cyclone's default configuration unless set). */
    static NativePeer startWithInheritedConfig(Path executable, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        return new NativePeer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits for a stdout line starting with {@code prefix}; fails with everything seen on timeout. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no line starting with '" + prefix + "' within " + timeout + "; peer printed: " + all
                        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Every line printed so far. */
    public List<String> output() {
        return List.copyOf(all);
    }

    /** Closes stdin and waits for the exit code (fails if the peer does not exit in 10 s). */
    public int finish() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("peer did not exit after stdin closed; output: " + all);
        }
        return process.exitValue();
    }

    void assertExit(int expected) throws IOException, InterruptedException {
        assertEquals(expected, finish(), "peer exit code; output: " + all);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
