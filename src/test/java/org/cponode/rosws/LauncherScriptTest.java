package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (ros_ws/src/cpo_node/scripts/cpo_node) in an installed layout, with fake JDKs whose
 * {@code bin/java} prints its process id and arguments: which JDK it picks, the exact java command line,
 * that it {@code exec}s (same process id, so the JVM receives launch's signals) and its errors.
 */
class LauncherScriptTest {

    @TempDir
    Path root;

    private Path launcher;
    private Path jar;
    private Path jvmRoot;

    @BeforeEach
    void installLayout() throws IOException {
        Path prefix = root.resolve("install/cpo_node");
        launcher = prefix.resolve("lib/cpo_node/cpo_node");
        Files.createDirectories(launcher.getParent());
        Files.copy(RosWorkspace.packageSource().resolve("scripts/cpo_node"), launcher);
        makeExecutable(launcher);
        jar = prefix.resolve("share/cpo_node/java/cpo-node.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "the launcher only checks that the jar exists");
        jvmRoot = Files.createDirectories(root.resolve("jvm"));
    }

    @Test
    void execsJavaHomeWithNativeAccessAndTheNodeCommand() throws IOException {
        Path jdk = fakeJdk("temurin-25", "25.0.1");
        Command.Result run =
                launch(Map.of("JAVA_HOME", jdk.toString()), "--ros-args", "-r", "__node:=cpo", "two words");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(jdk.toString(), value(run, "java_home"));
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "node",
                "--ros-args", "-r", "__node:=cpo", "two words"), arguments(run));
        assertEquals(String.valueOf(run.pid()), value(run, "pid"), "the launcher must exec java, not fork it");
    }

    @Test
    void passesJavaOptionsBeforeTheJar() throws IOException {
        Path jdk = fakeJdk("temurin-25", "25");
        Command.Result run = launch(Map.of("JAVA_HOME", jdk.toString(), "CPO_NODE_JAVA_OPTS", "-Xmx64m -Dcpo.x=*"));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Xmx64m", "-Dcpo.x=*", "-jar", jar.toString(),
                "node"), arguments(run));
    }

    @Test
    void skipsAnOldJavaHomeForTheNewestJdkUnderTheJvmRoot() throws IOException {
        Path old = fakeJdk("java-17-openjdk", "17.0.12");
        fakeJdk("temurin-25", "25.0.1");
        Path newest = fakeJdk("temurin-26", "26");
        fakeJdk("java-21-openjdk", "21.0.5");
        Command.Result run = launch(Map.of("JAVA_HOME", old.toString()));
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(newest.toString(), value(run, "java_home"));
    }

    @Test
    void failsClearlyWithoutJdk25() throws IOException {
        fakeJdk("java-17-openjdk", "17.0.12");
        Command.Result run = launch(Map.of());
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("needs a JDK 25 or newer"), run.stderr());
        assertTrue(run.stdout().isEmpty(), "java must not have been started: " + run.stdout());
    }

    @Test
    void failsClearlyWithoutTheJar() throws IOException {
        Path jdk = fakeJdk("temurin-25", "25.0.1");
        Files.delete(jar);
        Command.Result run = launch(Map.of("JAVA_HOME", jdk.toString()));
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.stderr().contains(jar + " is missing") && run.stderr().contains("scripts/build"), run.stderr());
    }

    /** Runs the launcher with JAVA_HOME unset unless given, and the fake JVM root. */
    private Command.Result launch(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", null);
        environment.put("CPO_NODE_JAVA_OPTS", null);
        environment.put("CPO_NODE_JVM_ROOT", jvmRoot.toString());
        environment.putAll(env);
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return Command.run(root, environment, Duration.ofSeconds(20), command);
    }

    /** A JDK directory with a release file and a bin/java that reports its pid, home and arguments. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = jvmRoot.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                echo "pid=$$"
                echo "java_home=$(cd "$(dirname "$0")/.." && pwd)"
                for arg in "$@"; do echo "arg=$arg"; done
                """);
        makeExecutable(java);
        return home;
    }

    private static void makeExecutable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String value(Command.Result run, String key) {
        return run.stdout().lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + run.output()));
    }

    private static List<String> arguments(Command.Result run) {
        return run.stdout().lines().filter(l -> l.startsWith("arg=")).map(l -> l.substring(4)).toList();
    }
}
