package org.cponode.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cponode.ros.TopicNames;
import org.cponode.yaml.YamlErrors;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The node's identity and parameters after applying a command line: name and namespace (defaults, then
 * {@code __node}/{@code __ns}), the remaps that apply to it, and the parameters from every {@code --params-file}
 * and {@code -p} in command-line order.
 *
 * @param name node name
 * @param namespace absolute namespace
 * @param remaps topic remaps that apply to this node, in order
 * @param parameters validated parameters, the fleet link's included
 */
public record NodeConfiguration(String name, String namespace, List<RosArguments.Remap> remaps,
        NodeParameters parameters) {

    /** The node's default name, the one the config files and launch files use. */
    public static final String DEFAULT_NAME = "cpo_node";

    public NodeConfiguration {
        remaps = List.copyOf(remaps);
    }

    /** The remaps in the form {@link TopicNames} and {@link org.cponode.ros.RosNode} take. */
    public List<TopicNames.Remap> topicRemaps() {
        return remaps.stream().map(r -> new TopicNames.Remap(r.node(), r.from(), r.to())).toList();
    }

    /** How the node resolves its topic names. */
    public TopicNames topicNames() {
        return new TopicNames(name, namespace, topicRemaps());
    }

    /** Fully qualified node name, e.g. {@code /robot1/cpo_node}. */
    public String fullyQualifiedName() {
        return namespace.equals("/") ? "/" + name : namespace + "/" + name;
    }

    /**
     * Applies {@code args} to a node named {@link #DEFAULT_NAME} in the root namespace.
     *
     * @throws IllegalArgumentException for application arguments (the node takes none), unreadable parameter
     *     files, every parameter rejection and a topic name that is invalid once namespace and remaps apply
     */
    public static NodeConfiguration resolve(RosArguments args) {
        if (!args.applicationArguments().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument(s) " + args.applicationArguments()
                    + "; node settings are ROS parameters: --ros-args -p name:=value or --params-file FILE");
        }
        String name = args.nodeName() == null ? DEFAULT_NAME : args.nodeName();
        String ns = args.namespace() == null ? "/" : args.namespace();
        String fqn = ns.equals("/") ? "/" + name : ns + "/" + name;
        Map<String, Object> raw = new LinkedHashMap<>();
        for (RosArguments.ParameterSource s : args.parameterSources()) {
            switch (s) {
                case RosArguments.ParameterFile f -> raw.putAll(ParameterFiles.read(f.file(), fqn));
                case RosArguments.ParameterOverride p -> {
                    if (p.node() == null || p.node().equals(name)) {
                        raw.put(p.name(), yamlValue(p));
                    }
                }
            }
        }
        List<RosArguments.Remap> remaps = args.remaps().stream()
                .filter(r -> r.node() == null || r.node().equals(name)).toList();
        NodeConfiguration configuration = new NodeConfiguration(name, ns, remaps, NodeParameters.from(raw));
        configuration.resolveTopics();
        return configuration;
    }

    /** Resolves every topic the node creates, so that a bad name stops it at start, before any DDS call. */
    private void resolveTopics() {
        TopicNames names = topicNames();
        parameters.topics().forEach((parameter, topic) -> {
            try {
                names.resolve(topic);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + parameter + "': " + e.getMessage());
            }
        });
    }

    private static Object yamlValue(RosArguments.ParameterOverride p) {
        try {
            Object v = ParameterFiles.loadValue(p.value());
            if (v == null) {
                throw new IllegalArgumentException("-p " + p.name() + ":=" + YamlErrors.shown(p.value())
                        + ": no value");
            }
            return v;
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("-p " + p.name() + ":=" + YamlErrors.shown(p.value())
                    + ": not a YAML value: " + YamlErrors.describe(e));
        }
    }
}
