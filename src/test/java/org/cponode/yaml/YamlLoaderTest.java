package org.cponode.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** The one YAML loader: depth, alias, size and recursion limits, each refused with one line. */
class YamlLoaderTest {

    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    private static String refusal(String yaml) {
        return YamlErrors.describe(assertThrows(YamlEngineException.class, () -> YamlLoader.load(yaml)));
    }

    @Test
    void nestingUpToTheLimitLoadsDeeperIsRefusedWhereItGoesTooDeep() {
        assertEquals(50, YamlLoader.MAX_DEPTH);
        Object deepest = YamlLoader.load(nested(YamlLoader.MAX_DEPTH));
        for (int i = 1; i < YamlLoader.MAX_DEPTH; i++) {
            deepest = ((List<?>) deepest).get(0);
        }
        assertEquals(List.of(), deepest);
        assertEquals("nested deeper than 50 levels (line 1, column 51)", refusal(nested(51)));
        // far past what the composer's recursion survives: still the same line, no StackOverflowError
        assertEquals("nested deeper than 50 levels (line 1, column 51)", refusal(nested(100_000)));
        StringBuilder block = new StringBuilder();
        for (int level = 0; level < 60; level++) {
            block.append("  ".repeat(level)).append("k:\n");
        }
        assertEquals("nested deeper than 50 levels (line 51, column 101)", refusal(block.append("  ".repeat(60)).append("v\n")
                .toString()));
    }

    @Test
    void aliasesCountTowardsDepthAndMayNotContainThemselves() {
        assertEquals(Map.of("a", List.of(1), "b", List.of(1)), YamlLoader.load("a: &x [1]\nb: *x\n"));
        String deepAnchor = "a: &x " + nested(40) + "\nb: " + "[".repeat(20) + "*x" + "]".repeat(20) + "\n";
        assertTrue(refusal(deepAnchor).startsWith("nested deeper than 50 levels once aliases are expanded"),
                refusal(deepAnchor));
        assertTrue(refusal("&x [*x]").startsWith("alias *x refers to a collection that contains it"), refusal("&x [*x]"));
        assertTrue(refusal("&x {a: [b, *x]}").startsWith("alias *x refers to a collection that contains it"));
    }

    @Test
    void aliasExpansionIsBounded() {
        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        String refused = refusal(laughs.toString());
        assertTrue(refused.startsWith("more than 1000000 values once aliases are expanded"), refused);
        StringBuilder many = new StringBuilder("a: &a [x]\nb: [");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ", ").append("*a");
        }
        assertTrue(refusal(many.append("]\n").toString()).contains("aliases"), refusal(many.toString()));
    }

    @Test
    void textAndFilesAreLimitedInSize(@TempDir Path dir) throws IOException {
        assertEquals(1 << 20, YamlLoader.MAX_FILE_BYTES);
        String big = "x: '" + "y".repeat(YamlLoader.MAX_FILE_BYTES) + "'\n";
        assertTrue(refusal(big).contains("1048576"), refusal(big));
        Path file = Files.writeString(dir.resolve("big.yaml"), big);
        IOException e = assertThrows(IOException.class, () -> YamlLoader.read(file));
        assertEquals("larger than 1048576 bytes, the limit for a YAML file", e.getMessage());
        // /dev/zero never ends: reading stops at the limit instead of filling the heap
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertEquals(e.getMessage(), assertThrows(IOException.class, () -> YamlLoader.read(zero)).getMessage());
        }
        Path latin1 = Files.write(dir.resolve("l.yaml"), "a: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("not UTF-8 text", YamlErrors.describe(assertThrows(IOException.class, () -> YamlLoader.read(latin1))));
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "a: [1, 2]\n");
        assertEquals(Map.of("a", List.of(1, 2)), YamlLoader.load(YamlLoader.read(ok)));
    }
}
