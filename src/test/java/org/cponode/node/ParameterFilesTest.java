package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter files: every key form, wildcards, precedence, and every rejection. */
class ParameterFilesTest {

    /** What the settings amount to: later ones override earlier ones. */
    static Map<String, Object> values(List<ParameterFiles.Setting> settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.forEach(s -> out.put(s.name(), s.value()));
        return out;
    }

    private static Map<String, Object> parsed(String text, String source, String fullyQualifiedName) {
        return values(ParameterFiles.parse(text, source, fullyQualifiedName));
    }

    private static Map<String, Object> readValues(Path file, String fullyQualifiedName) {
        return values(ParameterFiles.read(file, fullyQualifiedName));
    }

    @Test
    void keyForms() {
        assertEquals(Map.of("seed", 1), parsed("/**:\n  ros__parameters:\n    seed: 1\n", "f", "/a/b/cpo_node"));
        assertEquals(Map.of("seed", 2), parsed("cpo_node:\n  ros__parameters:\n    seed: 2\n", "f", "/cpo_node"));
        assertEquals(Map.of(), parsed("cpo_node:\n  ros__parameters:\n    seed: 2\n", "f", "/r1/cpo_node"),
                "a bare node name is in the root namespace, as rcl reads it");
        assertEquals(Map.of("seed", 3), parsed("/r1/cpo_node:\n  ros__parameters:\n    seed: 3\n", "f", "/r1/cpo_node"));
        assertEquals(Map.of("seed", 4), parsed("/r1:\n  cpo_node:\n    ros__parameters:\n      seed: 4\n", "f", "/r1/cpo_node"));
        assertEquals(Map.of("seed", 5), parsed("/**/cpo_node:\n  ros__parameters:\n    seed: 5\n", "f", "/x/y/cpo_node"));
        assertEquals(Map.of("seed", 6), parsed("/*/cpo_node:\n  ros__parameters:\n    seed: 6\n", "f", "/x/cpo_node"));
        assertEquals(Map.of(), parsed("/*/cpo_node:\n  ros__parameters:\n    seed: 6\n", "f", "/cpo_node"));
        assertEquals(Map.of(), parsed("other:\n  ros__parameters:\n    seed: 7\n", "f", "/cpo_node"));
    }

    /** Each setting keeps its block; a block whose key ends in a wildcard is shared, one naming the node its own. */
    @Test
    void settingsKeepTheirBlock() {
        String text = "/**:\n  ros__parameters:\n    seed: 1\n"
                + "/r1/*:\n  ros__parameters:\n    seed: 2\n"
                + "/r1:\n  cpo_node:\n    ros__parameters:\n      safety:\n        margin: 0.1\n"
                + "/**/cpo_node:\n  ros__parameters:\n    seed: 3\n";
        List<ParameterFiles.Setting> settings = ParameterFiles.parse(text, "f", "/r1/cpo_node");
        assertEquals(List.of(new ParameterFiles.Setting("/**", "seed", 1), new ParameterFiles.Setting("/r1/*", "seed", 2),
                new ParameterFiles.Setting("/r1/cpo_node", "safety.margin", 0.1),
                new ParameterFiles.Setting("/**/cpo_node", "seed", 3)), settings);
        assertEquals(List.of(true, true, false, false), settings.stream().map(ParameterFiles.Setting::shared).toList());
        assertFalse(ParameterFiles.parse("cpo_node:\n  ros__parameters:\n    seed: 2\n", "f", "/cpo_node")
                .getFirst().shared(), "a bare node name");
    }

    @Test
    void wildcardMatching() {
        assertTrue(ParameterFiles.matches("/**", "/cpo_node"));
        assertTrue(ParameterFiles.matches("/**/cpo_node", "/cpo_node"));
        assertTrue(ParameterFiles.matches("/*", "/cpo_node"));
        assertFalse(ParameterFiles.matches("/*", "/a/cpo_node"));
        assertTrue(ParameterFiles.matches("/a/**/cpo_node", "/a/b/c/cpo_node"));
        assertFalse(ParameterFiles.matches("/a/**/cpo_node", "/b/cpo_node"));
    }

    @Test
    void laterEntriesWinAndNestedMapsFlatten() {
        String text = "/**:\n  ros__parameters:\n    seed: 1\n    control_rate: 20.0\n"
                + "cpo_node:\n  ros__parameters:\n    seed: 9\n    safety:\n      margin: 0.1\n";
        Map<String, Object> p = parsed(text, "f", "/cpo_node");
        assertEquals(9, p.get("seed"));
        assertEquals(20.0, p.get("control_rate"));
        assertEquals(0.1, p.get("safety.margin"));
    }

    @Test
    void rejections(@TempDir Path dir) throws Exception {
        assertRejected("does not exist", () -> readValues(dir.resolve("none.yaml"), "/cpo_node"));
        assertRejected("not valid YAML", () -> parsed("a: [1, 2\n", "f", "/cpo_node"));
        // The parser's own message starts with its context ("while constructing a mapping"); the key and its
        // line are what the user needs.
        assertRejected("parameters file f is not valid YAML: found duplicate key seed (line 4, column 5)",
                () -> parsed("/**:\n  ros__parameters:\n    seed: 1\n    seed: 2\n", "f", "/cpo_node"));
        assertRejected("must map node names", () -> parsed("- 1\n", "f", "/cpo_node"));
        assertRejected("must map node names", () -> parsed("", "f", "/cpo_node"));
        assertRejected("must be under a node name", () -> parsed("ros__parameters:\n  a: 1\n", "f", "/n"));
        assertRejected("must be a map of parameter names", () -> parsed("/**:\n  ros__parameters: 3\n", "f", "/n"));
        assertRejected("must hold 'ros__parameters:'", () -> parsed("cpo_node: 3\n", "f", "/n"));
        assertRejected("has no value", () -> parsed("/**:\n  ros__parameters:\n    seed:\n", "f", "/n"));
        assertRejected("is not a name", () -> parsed("1:\n  ros__parameters:\n    seed: 1\n", "f", "/n"));
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "/**:\n  ros__parameters:\n    seed: 4\n");
        assertEquals(Map.of("seed", 4), readValues(file, "/cpo_node"));
    }

    @Test
    void deepRecursiveAndEndlessFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path deep = Files.writeString(dir.resolve("deep.yaml"),
                "/**:\n  ros__parameters:\n    x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertRejected("parameters file " + deep + " is not valid YAML: nested deeper than 50 levels",
                () -> readValues(deep, "/cpo_node"));
        Path recursive = Files.writeString(dir.resolve("recursive.yaml"), "/**: &n\n  ros__parameters: *n\n");
        assertRejected("parameters file " + recursive + " is not valid YAML: alias *n refers to a collection",
                () -> readValues(recursive, "/cpo_node"));
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertRejected("cannot read parameters file /dev/zero: larger than 1048576 bytes",
                    () -> readValues(zero, "/cpo_node"));
        }
    }

    private static void assertRejected(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
