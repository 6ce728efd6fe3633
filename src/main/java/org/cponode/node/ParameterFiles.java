package org.cponode.node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * ROS 2 parameter files (ros-conventions §3.2): top-level keys are node names ({@code cpo_node}, taken as
 * {@code /cpo_node}), fully qualified names ({@code /robot1/cpo_node}), nested namespaces ({@code /robot1:} then
 * {@code cpo_node:}) or wildcards ({@code /**} any number of name tokens, {@code *} exactly one), each holding
 * {@code ros__parameters:}; nested maps under it flatten to dotted names. As in rclcpp, a key applies when its
 * pattern matches the node's fully qualified name, and later entries override earlier ones.
 */
public final class ParameterFiles {

    /**
     * One parameter a file sets for the node.
     *
     * @param block the key of the block that sets it, as the absolute pattern it is matched as ({@code /**},
     *     {@code /cpo_node} for a bare {@code cpo_node}, {@code /robot1/cpo_node} for nested namespaces)
     * @param name the dotted parameter name
     * @param value the YAML value
     */
    public record Setting(String block, String name, Object value) {

        /**
         * Whether the block is shared: its key ends in a wildcard ({@code /**}, {@code /robot1/*}), so it holds
         * parameters for any node it matches, as a robot-wide file does; a block whose key ends in the node's name
         * ({@code cpo_node}, {@code /**}{@code /cpo_node}) is the node's own.
         */
        public boolean shared() {
            String last = tokens(block).getLast();
            return last.equals("*") || last.equals("**");
        }
    }

    private ParameterFiles() {}

    /**
     * The parameters file {@code file} sets for the node {@code fullyQualifiedName} (e.g. {@code /ns/cpo_node}), in
     * file order (a later setting of a name overrides an earlier one).
     *
     * @throws IllegalArgumentException if the file is missing or unreadable, not YAML, or not in the
     *     {@code node: ros__parameters:} form; the message names the file
     */
    public static List<Setting> read(Path file, String fullyQualifiedName) {
        String text;
        try {
            text = YamlLoader.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("parameters file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read parameters file " + file + ": " + YamlErrors.describe(e));
        }
        return parse(text, file.toString(), fullyQualifiedName);
    }

    /**
     * Loads ROS parameter YAML (a file, a {@code -p} value or a {@code param set} value) as rcl reads it
     * ({@link RosParameterSchema}).
     *
     * @throws YamlEngineException when the text is not YAML or exceeds {@link YamlLoader}'s limits
     */
    public static Object loadValue(String text) {
        return YamlLoader.load(text, new RosParameterSchema());
    }

    /** {@link #read} on text; {@code source} names it in messages. */
    public static List<Setting> parse(String text, String source, String fullyQualifiedName) {
        Object root;
        try {
            root = loadValue(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("parameters file " + source + " is not valid YAML: "
                    + YamlErrors.describe(e));
        }
        if (!(root instanceof Map<?, ?> top) || top.isEmpty()) {
            throw new IllegalArgumentException("parameters file " + source
                    + " must map node names to 'ros__parameters:' (e.g. '/**:' then 'ros__parameters:')");
        }
        List<Setting> out = new ArrayList<>();
        collect(top, "", source, fullyQualifiedName, out);
        return out;
    }

    private static void collect(Map<?, ?> map, String prefix, String source, String fqn, List<Setting> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isBlank()) {
                throw new IllegalArgumentException("parameters file " + source + ": node key " + e.getKey()
                        + " is not a name");
            }
            if (key.equals("ros__parameters")) {
                if (prefix.isEmpty()) {
                    throw new IllegalArgumentException("parameters file " + source
                            + ": 'ros__parameters' must be under a node name or '/**'");
                }
                if (!(e.getValue() instanceof Map<?, ?> params)) {
                    throw new IllegalArgumentException("parameters file " + source + ": 'ros__parameters' of "
                            + prefix + " must be a map of parameter names to values");
                }
                if (matches(prefix, fqn)) {
                    flatten(params, prefix, "", source, out);
                }
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> child)) {
                throw new IllegalArgumentException("parameters file " + source + ": '" + key
                        + "' must hold 'ros__parameters:' (or nested node names), not a value");
            }
            String path = prefix.isEmpty() && !key.startsWith("/") ? "/" + key
                    : prefix.isEmpty() ? key : prefix + (key.startsWith("/") ? key : "/" + key);
            collect(child, path, source, fqn, out);
        }
    }

    private static void flatten(Map<?, ?> params, String block, String prefix, String source, List<Setting> out) {
        for (Map.Entry<?, ?> e : params.entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(nested, block, name + ".", source, out);
            } else {
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("parameters file " + source + ": parameter '" + name
                            + "' has no value");
                }
                out.add(new Setting(block, name, e.getValue()));
            }
        }
    }

    /**
     * Whether a key pattern (absolute, {@code /**} for any number of tokens, {@code *} for one) matches a fully
     * qualified node name.
     */
    public static boolean matches(String pattern, String fullyQualifiedName) {
        List<String> p = tokens(pattern);
        List<String> n = tokens(fullyQualifiedName);
        return match(p, 0, n, 0);
    }

    private static List<String> tokens(String name) {
        return List.of(name.replaceAll("^/+", "").split("/+"));
    }

    private static boolean match(List<String> p, int i, List<String> n, int j) {
        if (i == p.size()) {
            return j == n.size();
        }
        String t = p.get(i);
        if (t.equals("**")) {
            for (int k = j; k <= n.size(); k++) {
                if (match(p, i + 1, n, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < n.size() && (t.equals("*") || t.equals(n.get(j))) && match(p, i + 1, n, j + 1);
    }
}
