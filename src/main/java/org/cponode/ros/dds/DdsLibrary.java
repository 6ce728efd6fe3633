package org.cponode.ros.dds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and loads Cyclone DDS's {@code libddsc} (0.10.x) through the system loader, so
 * {@code LD_LIBRARY_PATH} applies. {@code CYCLONEDDS_LIB} (a file name or path), when set, is the only
 * candidate; otherwise {@code libddsc.so.0} (ROS 2 installs), {@code libddsc.so.0debian} (Debian
 * {@code libddsc0debian}), {@code /opt/ros/<distro>/lib/libddsc.so.0} and {@code libddsc.so}, in that order.
 */
public final class DdsLibrary {

    private static volatile SymbolLookup lookup;
    private static volatile DdsUnavailableException failure;

    private DdsLibrary() {}

    /**
     * The loaded library, loading it on first use.
     *
     * @throws DdsUnavailableException listing every candidate tried and the package to install
     */
    public static SymbolLookup require() {
        SymbolLookup l = lookup;
        if (l != null) {
            return l;
        }
        synchronized (DdsLibrary.class) {
            if (lookup == null && failure == null) {
                try {
                    lookup = load(System.getenv(), Path.of("/opt/ros"));
                } catch (DdsUnavailableException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new DdsUnavailableException(failure.getMessage());
            }
            return lookup;
        }
    }

    /** True if {@link #require()} succeeds. */
    public static boolean isAvailable() {
        try {
            require();
            return true;
        } catch (DdsUnavailableException e) {
            return false;
        }
    }

    /**
     * The file the system loader mapped for libddsc (symbolic links resolved), read from {@code /proc/self/maps}
     * after {@link #require()}; empty if it cannot be told (no procfs, library not loaded).
     */
    public static Optional<Path> loadedFile() {
        require();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> {
                int slash = line.indexOf('/');
                return slash < 0 ? null : line.substring(slash);
            }).filter(file -> file != null && Path.of(file).getFileName().toString().startsWith("libddsc.so"))
                    .findFirst().map(Path::of);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The candidates, in order, for an environment and a ROS install root. */
    static List<String> candidates(Map<String, String> env, Path rosRoot) {
        String override = env.get("CYCLONEDDS_LIB");
        if (override != null && !override.isBlank()) {
            return List.of(override);
        }
        List<String> names = new ArrayList<>(List.of("libddsc.so.0", "libddsc.so.0debian"));
        if (Files.isDirectory(rosRoot)) {
            try (DirectoryStream<Path> distros = Files.newDirectoryStream(rosRoot)) {
                List<String> found = new ArrayList<>();
                for (Path distro : distros) {
                    Path lib = distro.resolve("lib/libddsc.so.0");
                    if (Files.exists(lib)) {
                        found.add(lib.toString());
                    }
                }
                found.sort(null);
                names.addAll(found);
            } catch (IOException e) {
                // an unreadable /opt/ros only removes candidates; the error below lists what was tried
            }
        }
        names.add("libddsc.so");
        return names;
    }

    /** Loads the first candidate that the system loader accepts. */
    @SuppressWarnings("restricted") // loading a native library is the point
    static SymbolLookup load(Map<String, String> env, Path rosRoot) {
        List<String> tried = new ArrayList<>();
        for (String name : candidates(env, rosRoot)) {
            try {
                SymbolLookup l = SymbolLookup.libraryLookup(name, Arena.global());
                if (l.find("dds_create_participant").isEmpty()) {
                    tried.add(name + " (loaded, but it has no dds_create_participant: not libddsc)");
                    continue;
                }
                return l;
            } catch (IllegalArgumentException e) {
                tried.add(name + " (" + e.getMessage() + ")");
            }
        }
        boolean overridden = env.get("CYCLONEDDS_LIB") != null && !env.get("CYCLONEDDS_LIB").isBlank();
        throw new DdsUnavailableException("Cyclone DDS library libddsc not found; tried: " + String.join(", ", tried)
                + (overridden ? ". CYCLONEDDS_LIB is set, so only it was tried; fix or unset it."
                        : ". Install the Debian package libddsc0debian (apt-get install libddsc0debian), source a ROS 2 "
                        + "setup.bash that provides libddsc.so.0, or set CYCLONEDDS_LIB to the library's path."));
    }
}
