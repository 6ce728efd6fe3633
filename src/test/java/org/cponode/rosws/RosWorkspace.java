package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cponode.LauncherJar;

/**
 * Paths of the ROS workspace files in the repository, and one colcon build of {@code ros_ws} per test JVM
 * (the build takes a few seconds, every test class that needs an install shares it).
 */
final class RosWorkspace {

    /** Debian's interpreter: colcon and ament need its packages, which a pyenv or venv python3 lacks. */
    static final String PYTHON = "/usr/bin/python3";

    /** Environment for Debian's ROS tools: /usr/bin first on PATH, where Debian installs them. */
    static final Map<String, String> DEBIAN_TOOLS_ENV =
            Map.of("PATH", "/usr/bin:/bin:" + System.getenv().getOrDefault("PATH", ""));

    private static Path install;

    private RosWorkspace() {}

    /** The repository root (Maven's basedir). */
    static Path repoRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The ament package's source directory. */
    static Path packageSource() {
        return repoRoot().resolve("ros_ws/src/cpo_node");
    }

    /** A file of the repository by its repository-relative path. */
    static Path source(String relative) {
        return repoRoot().resolve(relative);
    }

    /** Every parameter file of the node in config/. */
    static List<String> nodeParameterFiles() {
        return List.of("sim.yaml", "robot.yaml", "turtlebot3.yaml", "turtlebot4.yaml");
    }

    /**
     * The install prefix of package cpo_node ({@code install/cpo_node}), built with colcon on first use into
     * a fresh directory under target/. The installed jar is a {@link LauncherJar} of the classes under test.
     */
    static synchronized Path installPrefix() throws IOException {
        if (install == null) {
            Path builds = Files.createDirectories(repoRoot().resolve("target/rosws"));
            Path base = Files.createTempDirectory(builds, "colcon-");
            Path jar = LauncherJar.write(base.resolve("cpo-node.jar"));
            Command.Result build = Command.run(base, DEBIAN_TOOLS_ENV, Duration.ofMinutes(2), List.of(
                    "colcon", "--log-base", base.resolve("log").toString(), "build",
                    "--base-paths", repoRoot().resolve("ros_ws/src").toString(),
                    "--build-base", base.resolve("build").toString(),
                    "--install-base", base.resolve("install").toString(),
                    "--event-handlers", "console_direct+",
                    "--cmake-args", "-DCPO_NODE_JAR=" + jar));
            if (build.exitCode() != 0) {
                fail("colcon build failed (" + build.exitCode() + "):\n" + build.output());
            }
            install = base.resolve("install/cpo_node");
        }
        return install;
    }
}
