package org.cponode.ros;

import java.util.ArrayList;
import java.util.List;
import org.cponode.yaml.YamlErrors;

/**
 * ROS 2 name resolution for one node (design article "Topic and Service name mapping to DDS" and rcl's
 * remapping rules), with no DDS involved: relative names are put under the namespace, {@code ~} names under
 * the node, {@code {node}}, {@code {ns}} and {@code {namespace}} are substituted, remap rules
 * {@code [node:]from:=to} are matched on fully expanded names (first match wins), and {@code __node} /
 * {@code __ns} rules rename the node itself. As in rcl, a node prefix on {@code __node} / {@code __ns} rules is
 * compared with the name the node was created with, and on topic rules with its final name.
 * ROS topic {@code /a/b} is DDS topic {@code rt/a/b}. Immutable.
 *
 * <p>Every name is validated as rcl and rmw validate it (rcl_validate_topic_name before expansion,
 * rmw_validate_full_topic_name, rmw_validate_node_name and rmw_validate_namespace after), length limits
 * included, so that no name libddsc cannot take reaches it (Cyclone 0.10.2 crashes on a topic name of
 * 65,536 characters).
 */
public final class TopicNames {

    /** rmw's RMW_TOPIC_MAX_NAME_LENGTH: 255 minus 8 characters reserved for prefixes such as {@code rt}. */
    public static final int MAX_TOPIC_NAME_LENGTH = 255 - 8;
    /** rmw's RMW_NODE_NAME_MAX_NAME_LENGTH. */
    public static final int MAX_NODE_NAME_LENGTH = 255;
    /** rmw's RMW_NAMESPACE_MAX_LENGTH: room is left for the shortest topic under it, e.g. {@code /x}. */
    public static final int MAX_NAMESPACE_LENGTH = MAX_TOPIC_NAME_LENGTH - 2;

    /**
     * One {@code -r} rule.
     *
     * @param node the node it is limited to, or null for all nodes
     * @param from the name to match (may be relative or private)
     * @param to   the replacement
     */
    public record Remap(String node, String from, String to) {

        /**
         * Parses {@code from:=to} or {@code node:from:=to}.
         *
         * @throws IllegalArgumentException on any other shape
         */
        public static Remap parse(String rule) {
            int sep = rule.indexOf(":=");
            if (sep <= 0 || sep == rule.length() - 2 || rule.indexOf(":=", sep + 2) >= 0) {
                throw new IllegalArgumentException("remap rule must be from:=to or node:from:=to, got: "
                        + YamlErrors.shown(rule));
            }
            String left = rule.substring(0, sep);
            String to = rule.substring(sep + 2);
            int colon = left.indexOf(':');
            if (colon >= 0) {
                String node = left.substring(0, colon);
                String problem = nodeNameProblem(node);
                if (problem != null) {
                    throw new IllegalArgumentException("bad node name " + YamlErrors.shown(node) + " in remap rule: "
                            + problem);
                }
                return new Remap(node, left.substring(colon + 1), to);
            }
            return new Remap(null, left, to);
        }
    }

    private final String node;
    private final String namespace;
    private final List<Remap> topicRemaps;

    /**
     * @param node      node name (a single token), before {@code __node} rules
     * @param namespace namespace, absolute or relative to {@code /} (empty means {@code /}), before {@code __ns}
     * @param remaps    rules in command-line order, including {@code __node:=} and {@code __ns:=}
     * @throws IllegalArgumentException on an invalid node name, namespace or rule
     */
    public TopicNames(String node, String namespace, List<Remap> remaps) {
        String n = node;
        String ns = namespace;
        // first matching rule wins, as for topics
        boolean named = false;
        boolean placed = false;
        for (Remap r : remaps) {
            if (r.node() != null && !r.node().equals(node)) {
                continue;
            }
            switch (r.from()) {
                case "__node", "__name" -> {
                    if (!named) {
                        n = r.to();
                        named = true;
                    }
                }
                case "__ns" -> {
                    if (!placed) {
                        ns = r.to();
                        placed = true;
                    }
                }
                default -> { }
            }
        }
        List<Remap> topics = new ArrayList<>();
        for (Remap r : remaps) {
            boolean nodeRule = r.from().equals("__node") || r.from().equals("__name") || r.from().equals("__ns");
            if (!nodeRule && (r.node() == null || r.node().equals(n))) {
                topics.add(r);
            }
        }
        require(nodeNameProblem(n), "node name", n);
        this.node = n;
        this.namespace = normalizeNamespace(ns);
        for (Remap r : topics) {
            expand(r.from());
            expand(r.to());
        }
        this.topicRemaps = List.copyOf(topics);
    }

    /** The namespace made absolute ({@code /} for none), as rcl_node_init does, then validated. */
    private static String normalizeNamespace(String ns) {
        String abs = ns == null || ns.isEmpty() ? "/" : ns.startsWith("/") ? ns : "/" + ns;
        require(namespaceProblem(abs), "namespace", ns);
        return abs;
    }

    /** The node name after {@code __node} rules. */
    public String node() {
        return node;
    }

    /** The absolute namespace after {@code __ns} rules ({@code /} at the root). */
    public String namespace() {
        return namespace;
    }

    /** The fully qualified node name, e.g. {@code /robot1/cpo_controller}. */
    public String fullyQualifiedNode() {
        return namespace.equals("/") ? "/" + node : namespace + "/" + node;
    }

    /**
     * The node's logger name as rcl_create_node_logger_name forms it, the {@code name} of its records on
     * {@code /rosout}: the node name, after the namespace with {@code .} for {@code /} ({@code cpo_node},
     * {@code robot1.cpo_node} under {@code /robot1}).
     */
    public String loggerName() {
        return namespace.equals("/") ? node : namespace.substring(1).replace('/', '.') + "." + node;
    }

    /**
     * Expands {@code name} without remapping, as rcl_expand_topic_name does: absolute names stay, {@code ~} and
     * {@code ~/x} go under the node, {@code {node}} becomes the node name and {@code {ns}} / {@code {namespace}}
     * the namespace, relative names go under the namespace.
     *
     * @throws IllegalArgumentException if the name, or what it expands to, is not a valid ROS topic name
     */
    public String expand(String name) {
        require(topicNameProblem(name), "topic name", name);
        String expanded = name.startsWith("~") ? fullyQualifiedNode() + name.substring(1) : name;
        for (int open = expanded.indexOf('{'); open >= 0; open = expanded.indexOf('{')) {
            int close = expanded.indexOf('}', open);
            String substitution = expanded.substring(open, close + 1);
            String replacement = switch (substitution) {
                case "{node}" -> node;
                case "{ns}", "{namespace}" -> namespace;
                default -> throw new IllegalArgumentException("invalid topic name " + YamlErrors.shown(name)
                        + ": unknown substitution " + YamlErrors.shown(substitution)
                        + " (known: {node}, {ns}, {namespace})");
            };
            expanded = expanded.replace(substitution, replacement);
        }
        if (!expanded.startsWith("/")) {
            expanded = namespace.equals("/") ? "/" + expanded : namespace + "/" + expanded;
        }
        String problem = fullTopicNameProblem(expanded);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic name " + YamlErrors.shown(name)
                    + (expanded.equals(name) ? "" : ", expanded to " + YamlErrors.shown(expanded)) + ": " + problem);
        }
        return expanded;
    }

    /** The fully qualified ROS name of topic {@code name} after remapping. */
    public String resolve(String name) {
        String expanded = expand(name);
        for (Remap r : topicRemaps) {
            if (expand(r.from()).equals(expanded)) {
                return expand(r.to());
            }
        }
        return expanded;
    }

    /** The DDS topic name of ROS topic {@code name}: {@code rt} + the resolved name. */
    public String ddsTopic(String name) {
        return "rt" + resolve(name);
    }

    /**
     * Why {@code name} is not a valid topic name before expansion, or null: rcl_validate_topic_name's rules.
     * Letters, digits, {@code _} and {@code /}; no token starting with a digit; no trailing {@code /};
     * {@code ~} only first and then followed by {@code /} (or alone); {@code {}} substitutions balanced, not
     * nested, of letters, digits and {@code _}, not starting with a digit. Repeated slashes and the length are
     * checked on the expanded name ({@link #fullTopicNameProblem}).
     */
    public static String topicNameProblem(String name) {
        int n = name.length();
        if (n == 0) {
            return "must not be empty";
        }
        if (isDigit(name.charAt(0))) {
            return "a token must not start with a number (index 0)";
        }
        if (name.charAt(n - 1) == '/') {
            return "must not end with a forward slash";
        }
        int open = -1;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean inSubstitution = open >= 0;
            if (isAlphanumeric(c) || c == '_') {
                if (inSubstitution && i == open + 1 && isDigit(c)) {
                    return "a substitution must not start with a number (index " + i + ")";
                }
            } else if (c == '{' && !inSubstitution) {
                open = i;
            } else if (c == '}') {
                if (!inSubstitution) {
                    return "must not have unmatched curly braces (index " + i + ")";
                }
                open = -1;
            } else if (inSubstitution) {
                return "a substitution must contain only letters, digits and '_' (index " + i + ")";
            } else if (c == '~') {
                if (i != 0) {
                    return "must not have a tilde '~' unless it is the first character (index " + i + ")";
                }
                if (n > 1 && name.charAt(1) != '/') {
                    return "must not have a tilde '~' that is not followed by a forward slash (index 1)";
                }
            } else if (c != '/') {
                return "must contain only letters, digits, '_', '/', '~', '{' and '}' (index " + i + ")";
            }
        }
        if (open >= 0) {
            return "must not have unmatched curly braces (index " + open + ")";
        }
        for (int i = 0; i + 1 < n; i++) {
            if (name.charAt(i) == '/' && isDigit(name.charAt(i + 1))) {
                return "a token must not start with a number (index " + (i + 1) + ")";
            }
        }
        return null;
    }

    /**
     * Why {@code name} is not a valid fully qualified topic name, or null: rmw_validate_full_topic_name's rules.
     * Absolute; letters, digits, {@code _} and {@code /}; no repeated or trailing {@code /}; no token starting
     * with a digit; at most {@link #MAX_TOPIC_NAME_LENGTH} characters.
     */
    public static String fullTopicNameProblem(String name) {
        return absolutePathProblem(name, MAX_TOPIC_NAME_LENGTH);
    }

    /**
     * Why {@code name} is not a valid node name, or null: rmw_validate_node_name's rules. Letters, digits and
     * {@code _}, not starting with a digit, at most {@link #MAX_NODE_NAME_LENGTH} characters.
     */
    public static String nodeNameProblem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlphanumeric(c) && c != '_') {
                return "must contain only letters, digits and '_' (index " + i + ")";
            }
        }
        if (isDigit(name.charAt(0))) {
            return "must not start with a number";
        }
        return lengthProblem(name, MAX_NODE_NAME_LENGTH);
    }

    /**
     * Why {@code namespace} is not a valid absolute namespace, or null: rmw_validate_namespace's rules. {@code /},
     * or a fully qualified topic name of at most {@link #MAX_NAMESPACE_LENGTH} characters.
     */
    public static String namespaceProblem(String namespace) {
        return namespace.equals("/") ? null : absolutePathProblem(namespace, MAX_NAMESPACE_LENGTH);
    }

    /** The rules fully qualified topic names, namespaces and enclaves share, with their own length limits. */
    static String absolutePathProblem(String name, int maxLength) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.charAt(0) != '/') {
            return "must be absolute (start with '/')";
        }
        if (name.charAt(name.length() - 1) == '/') {
            return "must not end with a forward slash";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlphanumeric(c) && c != '_' && c != '/') {
                return "must contain only letters, digits, '_' and '/' (index " + i + ")";
            }
        }
        for (int i = 0; i + 1 < name.length(); i++) {
            if (name.charAt(i) == '/' && name.charAt(i + 1) == '/') {
                return "must not contain repeated forward slashes (index " + (i + 1) + ")";
            }
            if (name.charAt(i) == '/' && isDigit(name.charAt(i + 1))) {
                return "a token must not start with a number (index " + (i + 1) + ")";
            }
        }
        return lengthProblem(name, maxLength);
    }

    /** Checked last, as rmw does: a name too long is otherwise valid. */
    private static String lengthProblem(String name, int maxLength) {
        return name.length() > maxLength ? "is longer than the " + maxLength + " characters rmw allows" : null;
    }

    private static void require(String problem, String what, String name) {
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + " " + YamlErrors.shown(name) + ": " + problem);
        }
    }

    /** ASCII only, as rcutils_isalnum_no_locale: a non-ASCII letter is not allowed in a ROS name. */
    private static boolean isAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
