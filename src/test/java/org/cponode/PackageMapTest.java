package org.cponode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's package map is the truth about the main code's dependencies: every package is listed once with
 * exactly the packages its classes name, every package has a {@code package-info.java}, and the dependencies
 * point one way (no cycle), so learning and simulation never reach ROS or MQTT.
 */
class PackageMapTest {

    private static final Path SOURCES = Path.of("src/main/java/org/cponode");
    private static final Pattern REFERENCE =
            Pattern.compile("\\borg\\.cponode\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\|([^|]*)\\|\\s*$");

    @Test
    void theReadmePackageMapMatchesTheImportsExactly() throws IOException {
        Map<String, Set<String>> actual = dependencies();
        Map<String, Set<String>> documented = readmeMap();
        assertEquals(new TreeSet<>(actual.keySet()), new TreeSet<>(documented.keySet()),
                "the README's package map lists exactly the main code's packages");
        List<String> wrong = new ArrayList<>();
        for (String p : actual.keySet()) {
            if (!actual.get(p).equals(documented.get(p))) {
                wrong.add(p + ": imports " + actual.get(p) + ", README says " + documented.get(p));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void dependenciesPointOneWay() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        Set<String> done = new HashSet<>();
        for (String p : deps.keySet()) {
            visit(p, deps, done, new ArrayList<>());
        }
        for (String core : List.of("learn", "sim", "task", "nn", "math", "parallel", "control")) {
            for (String forbidden : List.of("ros", "ros.dds", "ros.msg", "fleet", "node", "cli")) {
                assertTrue(!reaches(core, forbidden, deps, new HashSet<>()), core + " must not reach " + forbidden);
            }
        }
    }

    @Test
    void everyPackageSaysWhatItHolds() throws IOException {
        for (String p : dependencies().keySet()) {
            Path info = SOURCES.resolve(p.replace('.', '/')).resolve("package-info.java");
            assertTrue(Files.isRegularFile(info), p + " has no package-info.java");
            assertTrue(Files.readString(info).contains("/**"), info + " has no description");
        }
    }

    private static void visit(String p, Map<String, Set<String>> deps, Set<String> done, List<String> path) {
        if (done.contains(p)) {
            return;
        }
        if (path.contains(p)) {
            fail("dependency cycle: " + String.join(" -> ", path.subList(path.indexOf(p), path.size())) + " -> " + p);
        }
        path.add(p);
        for (String d : deps.getOrDefault(p, Set.of())) {
            visit(d, deps, done, path);
        }
        path.removeLast();
        done.add(p);
    }

    private static boolean reaches(String from, String to, Map<String, Set<String>> deps, Set<String> seen) {
        if (!seen.add(from)) {
            return false;
        }
        for (String d : deps.getOrDefault(from, Set.of())) {
            if (d.equals(to) || reaches(d, to, deps, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Package (relative to org.cponode) to the other packages its main classes name. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            deps.computeIfAbsent(packageOf(f), k -> new TreeSet<>());
        }
        for (Path f : files) {
            String own = packageOf(f);
            Matcher m = REFERENCE.matcher(Files.readString(f));
            while (m.find()) {
                String p = m.group(1);
                if (!p.equals(own) && deps.containsKey(p)) {
                    deps.get(own).add(p);
                }
            }
        }
        return deps;
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file.getParent()).toString().replace('/', '.');
    }

    /** The README's package map: a table row per package, its dependencies in the last column. */
    static Map<String, Set<String>> readmeMap() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Package map");
        assertTrue(start >= 0, "README.md has a '## Package map' section");
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.matches()) {
                Set<String> deps = new TreeSet<>();
                Matcher d = Pattern.compile("`([a-z.]+)`").matcher(m.group(2));
                while (d.find()) {
                    deps.add(d.group(1));
                }
                assertTrue(map.put(m.group(1), deps) == null, m.group(1) + " is listed twice");
            }
        }
        return map;
    }
}
