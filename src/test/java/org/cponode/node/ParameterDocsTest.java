package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cponode.fleet.FleetConfig;
import org.cponode.param.ParameterDeclaration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parameter tables in the README and docs/NODE.md list exactly the declared parameters, the fleet link's
 * included, and docs/FLEET.md the fleet link's: name, type, default, unit, range, whether it may change while running,
 * and meaning, row for row as {@link #row} writes them from the declarations.
 */
class ParameterDocsTest {

    @ParameterizedTest
    @CsvSource({"README.md, false", "docs/NODE.md, false", "docs/FLEET.md, true"})
    void tableMatchesTheDeclarations(String file, boolean fleetOnly) throws Exception {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            // a parameter table row has seven cells, the first a declared name
            if (line.startsWith("| `") && line.split("\\|").length > 7
                    && NodeParameters.declaration(line.split("\\|")[1].strip().replace("`", "")) != null) {
                documented.add(line);
            }
        }
        List<String> declared = new ArrayList<>();
        for (ParameterDeclaration d : fleetOnly ? FleetConfig.DECLARATIONS : NodeParameters.DECLARATIONS) {
            declared.add(row(d));
        }
        assertEquals(String.join("\n", declared), String.join("\n", documented), file);
    }

    /** One table row: {@code | `name` | type | `default` | unit | range | live | meaning |}. */
    static String row(ParameterDeclaration d) {
        return "| `" + d.name() + "` | " + d.type().rosName() + " | `" + d.shownDefault() + "` | "
                + (d.unit().isEmpty() ? "-" : d.unit()) + " | " + d.shownRange() + " | " + (d.live() ? "yes" : "-") + " | " + d.description()
                + " |";
    }
}
