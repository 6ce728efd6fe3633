package org.cponode.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * One value of a strictly read YAML file with where it stands: the file, its line and its dotted path from the
 * document's root ({@code reward.goal.radius}, {@code world.obstacles[2].x}). Every accessor checks the value's
 * type and range and otherwise throws an {@link IllegalArgumentException} of one line,
 * {@code FILE:LINE: PATH: PROBLEM}, e.g. {@code tasks/x.yaml:7: robot.control_rate: must be a number in
 * (0, 1000], got 'fast'}. Mappings accept only the keys their reader names, each once, so a misspelt key is an
 * error rather than a silently ignored setting. Read through {@link YamlLoader#compose}, with its limits.
 */
public final class YamlFields {

    private final Node node;
    private final String source;
    private final String path;

    private YamlFields(Node node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
    }

    /**
     * The root of the document in {@code text}.
     *
     * @param source names the text in messages (usually the file name)
     * @throws IllegalArgumentException for text that is not YAML, exceeds {@link YamlLoader}'s limits or is empty
     */
    public static YamlFields root(String text, String source) {
        Optional<Node> root;
        try {
            root = YamlLoader.compose(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + YamlErrors.describe(e));
        }
        return new YamlFields(root.orElseThrow(() -> new IllegalArgumentException(source + ": the file is empty")),
                source, "");
    }

    /** The dotted path of this value; empty for the root. */
    public String path() {
        return path;
    }

    /** An error about this value: {@code FILE:LINE: PATH: problem}. */
    public IllegalArgumentException error(String problem) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        return new IllegalArgumentException(source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ")
                + problem);
    }

    /**
     * This value as a mapping whose keys are all among {@code allowed}, each at most once, in the file's order;
     * messages list {@code allowed} in its order.
     *
     * @throws IllegalArgumentException naming the first unknown or repeated key at its line, or this value when
     *     it is not a mapping
     */
    public Map<String, YamlFields> mapping(List<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            throw error("must be a mapping of " + String.join(", ", allowed) + ", got " + shape());
        }
        Map<String, YamlFields> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            YamlFields key = new YamlFields(tuple.getKeyNode(), source, path);
            String name = key.node instanceof ScalarNode s && s.getTag().equals(Tag.STR) ? s.getValue() : null;
            if (name == null || !allowed.contains(name)) {
                throw key.error("unknown key " + (name == null ? key.shape() : "'" + name + "'") + "; valid keys: "
                        + String.join(", ", allowed));
            }
            YamlFields value = new YamlFields(tuple.getValueNode(), source, path.isEmpty() ? name : path + "." + name);
            if (fields.put(name, value) != null) {
                throw key.error("key '" + name + "' is given twice");
            }
        }
        return fields;
    }

    /** The value under {@code key} of a {@link #mapping}, or an error at this mapping that it is missing. */
    public YamlFields required(Map<String, YamlFields> mapping, String key) {
        YamlFields value = mapping.get(key);
        if (value == null) {
            throw error("needs the key '" + key + "'");
        }
        return value;
    }

    /** This value as a list, each element with its index in the path. */
    public List<YamlFields> list() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list, got " + shape());
        }
        List<YamlFields> elements = new ArrayList<>();
        for (Node element : sequence.getValue()) {
            elements.add(new YamlFields(element, source, path + "[" + elements.size() + "]"));
        }
        return elements;
    }

    /** This value as a list of exactly {@code count} numbers, each finite. */
    public double[] numbers(int count, String meaning) {
        List<YamlFields> elements = node instanceof SequenceNode ? list() : List.of();
        if (elements.size() != count) {
            throw error("must be " + meaning + ", " + count + " numbers, got " + shape());
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = elements.get(i).number(-Double.MAX_VALUE, false, Double.MAX_VALUE);
        }
        return values;
    }

    /**
     * This value as a finite number in the interval from {@code min} (excluded when {@code minExclusive}) to
     * {@code max} (included).
     */
    public double number(double min, boolean minExclusive, double max) {
        Object value = scalar();
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())
                || (minExclusive ? !(n.doubleValue() > min) : !(n.doubleValue() >= min)) || !(n.doubleValue() <= max)) {
            boolean unbounded = min == -Double.MAX_VALUE && max == Double.MAX_VALUE;
            throw error("must be a " + (unbounded ? "finite number" : "number in " + (minExclusive ? "(" : "[")
                    + shown(min) + ", " + shown(max) + "]") + ", got " + shape());
        }
        return n.doubleValue();
    }

    /** This value as a whole number in [min, max]. */
    public int integer(int min, int max) {
        Object value = scalar();
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw error("must be a whole number in " + min + ".." + max + ", got " + shape());
        }
        return ((Number) value).intValue();
    }

    /** This value as text matching {@code pattern}, which {@code meaning} describes. */
    public String text(String pattern, String meaning) {
        if (!(scalar() instanceof String s) || !s.matches(pattern)) {
            throw error("must be " + meaning + ", got " + shape());
        }
        return s;
    }

    /** This value as true or false. */
    public boolean flag() {
        if (!(scalar() instanceof Boolean b)) {
            throw error("must be true or false, got " + shape());
        }
        return b;
    }

    /** Whether this value is a mapping (rather than a list or a scalar). */
    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    private Object scalar() {
        return node instanceof ScalarNode ? new StandardConstructor(YamlLoader.settings(new JsonSchema()))
                .constructSingleDocument(Optional.of(node)) : null;
    }

    /** What this value is, as a message shows it. */
    private String shape() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode s) {
            return "a list of " + s.getValue().size();
        }
        Object value = scalar();
        return value == null ? "nothing" : YamlErrors.shown(value);
    }

    private static String shown(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
}
