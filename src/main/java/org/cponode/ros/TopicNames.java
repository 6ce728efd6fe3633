package org.cponode.ros;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ROS 2 name resolution for one node (design article "Topic and Service name mapping to DDS" and rcl's
 * remapping rules), with no DDS involved: relative names are put under the namespace, {@code ~} names under
 * the node, remap rules {@code [node:]from:=to} are matched on fully expanded names (first match wins), and
 * {@code __node} / {@code __ns} rules rename the node itself. As in rcl, a node prefix on {@code __node} /
 * {@code __ns} rules is compared with the name the node was created with, and on topic rules with its
 * final name.
 * ROS topic {@code /a/b} is DDS topic {@code rt/a/b}. Immutable.
 */
public final class TopicNames {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

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
                throw new IllegalArgumentException("remap rule must be from:=to or node:from:=to, got: " + rule);
            }
            String left = rule.substring(0, sep);
            String to = rule.substring(sep + 2);
            int colon = left.indexOf(':');
            if (colon >= 0) {
                String node = left.substring(0, colon);
                if (!NODE_NAME.matcher(node).matches()) {
                    throw new IllegalArgumentException("bad node name in remap rule: " + rule);
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
        if (!NODE_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("invalid node name '" + n + "': letters, digits and _ only, not starting with a digit");
        }
        this.node = n;
        this.namespace = normalizeNamespace(ns);
        for (Remap r : topics) {
            expand(r.from());
            expand(r.to());
        }
        this.topicRemaps = List.copyOf(topics);
    }

    private static String normalizeNamespace(String ns) {
        String abs = ns == null || ns.isEmpty() ? "/" : ns.startsWith("/") ? ns : "/" + ns;
        if (abs.length() > 1 && abs.endsWith("/")) {
            throw new IllegalArgumentException("invalid namespace '" + ns + "': must not end with /");
        }
        if (abs.length() > 1) {
            checkTokens(abs.substring(1), "namespace", ns);
        }
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
     * Expands {@code name} without remapping: absolute names stay, {@code ~} and {@code ~/x} go under the node,
     * relative names under the namespace.
     *
     * @throws IllegalArgumentException if the name is not a valid ROS topic name
     */
    public String expand(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be empty");
        }
        String expanded;
        if (name.equals("~")) {
            expanded = fullyQualifiedNode();
        } else if (name.startsWith("~/")) {
            expanded = fullyQualifiedNode() + name.substring(1);
        } else if (name.startsWith("/")) {
            expanded = name;
        } else {
            expanded = namespace.equals("/") ? "/" + name : namespace + "/" + name;
        }
        if (expanded.length() == 1 || expanded.endsWith("/")) {
            throw new IllegalArgumentException("invalid topic name '" + name + "': must not be / or end with /");
        }
        checkTokens(expanded.substring(1), "topic name", name);
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

    private static void checkTokens(String path, String what, String original) {
        for (String token : path.split("/", -1)) {
            if (!TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("invalid " + what + " '" + original + "': token '" + token
                        + "' must be letters, digits and _, not start with a digit, and not be empty"
                        + (token.contains("{") ? " (substitutions are not supported)" : ""));
            }
        }
    }
}
