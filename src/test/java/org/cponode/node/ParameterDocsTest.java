package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parameter tables in the README and docs/NODE.md list exactly the declared parameters, types, defaults, units. */
class ParameterDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/NODE.md"})
    void tableMatchesTheDeclarations(String file) throws Exception {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            // a parameter table row has five cells: name, type, default, unit, description
            if (line.startsWith("| `") && line.split("\\|").length > 5
                    && NodeParameters.declaration(cell(line, 0).replace("`", "")) != null) {
                documented.add(String.join(" | ", cell(line, 0), cell(line, 1), cell(line, 2), cell(line, 3)));
            }
        }
        List<String> declared = new ArrayList<>();
        for (ParameterDeclaration d : NodeParameters.DECLARATIONS) {
            Object def = d.defaultValue();
            declared.add(String.join(" | ", "`" + d.name() + "`", d.type().rosName(),
                    "`" + (def instanceof String s ? "\"" + s + "\"" : def) + "`", d.unit().isEmpty() ? "-" : d.unit()));
        }
        assertEquals(declared, documented, file);
    }

    private static String cell(String row, int i) {
        return row.split("\\|")[i + 1].strip();
    }
}
