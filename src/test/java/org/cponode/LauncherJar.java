package org.cponode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar that runs the classes under test, for tests that start {@code cpo-node} as its own process (an installed
 * ROS launcher, a Slurm array task). It stands in for target/cpo-node.jar, which Maven builds only after the tests,
 * so the process runs the code of this build rather than a stale jar.
 */
public final class LauncherJar {

    private LauncherJar() {}

    /**
     * Writes the jar: manifest Main-Class {@code org.cponode.cli.Main} and a Class-Path of the test JVM's main
     * classes and dependency jars (absolute file URLs).
     */
    public static Path write(Path jar) throws IOException {
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path testClasses = root.resolve("target/test-classes");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!path.equals(testClasses) && Files.exists(path)) {
                classPath.add(path.toUri().toString());
            }
        }
        assertTrue(classPath.contains(root.resolve("target/classes").toUri().toString()),
                "the test class path should contain target/classes: " + System.getProperty("java.class.path"));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.cponode.cli.Main");
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
