package org.cponode.rosws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cponode.fleet.FleetConfig;
import org.cponode.param.ParameterDeclaration;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The parameters the cpo-node ROS node declares (names and YAML types, from the node's declarations),
 * and reading them from a ROS 2 parameters file.
 */
final class NodeParameters {

    /** Parameter name -> the Java type snakeyaml gives its YAML value. */
    static final Map<String, Class<?>> TYPES = types();

    /** Top-level keys under which the node finds its parameters whatever its namespace (or at the root). */
    static final Set<String> NODE_KEYS = Set.of("/**", "cpo_node", "/**/cpo_node");

    private NodeParameters() {}

    /**
     * The node's own declarations ({@link org.cponode.node.NodeParameters#DECLARATIONS} without the fleet link's,
     * which the shipped files leave at their defaults) as YAML types.
     */
    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> t = new LinkedHashMap<>();
        for (ParameterDeclaration d : org.cponode.node.NodeParameters.DECLARATIONS) {
            if (FleetConfig.DECLARATIONS.contains(d)) {
                continue;
            }
            t.put(d.name(), switch (d.type()) {
                case BOOL -> Boolean.class;
                case INTEGER -> Integer.class;
                case DOUBLE -> Double.class;
                case STRING -> String.class;
            });
        }
        return Map.copyOf(t);
    }

    /** Any YAML (or JSON) document. */
    static Object loadYaml(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    /** The single top-level key of a parameters file, checked to be one the node answers to. */
    static String nodeKey(Path file) throws IOException {
        Map<?, ?> root = assertInstanceOf(Map.class, loadYaml(Files.readString(file)), file + " top level");
        assertEquals(1, root.size(), file + " should configure exactly one node");
        String key = (String) root.keySet().iterator().next();
        assertTrue(NODE_KEYS.contains(key), file + ": top-level key " + key + " is not one of " + NODE_KEYS);
        return key;
    }

    /** The {@code ros__parameters} map of a parameters file, nested maps flattened to dotted names as rcl does. */
    static Map<String, Object> read(Path file) throws IOException {
        Map<?, ?> root = (Map<?, ?>) loadYaml(Files.readString(file));
        Map<?, ?> node = assertInstanceOf(Map.class, root.get(nodeKey(file)), file.toString());
        assertEquals(Set.of("ros__parameters"), node.keySet(), file.toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        flatten(assertInstanceOf(Map.class, node.get("ros__parameters"), file.toString()), "", parameters);
        return parameters;
    }

    private static void flatten(Map<?, ?> map, String prefix, Map<String, Object> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                flatten(nested, prefix + k + ".", out);
            } else {
                out.put(prefix + k, v);
            }
        });
    }
}
