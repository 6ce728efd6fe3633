package org.cponode.node;

import java.util.ArrayList;
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
 * <p>What rclcpp ignores, this node ignores too, with one warning line each: a parameter the node does not declare
 * in a shared block of a parameters file ({@code /**}, {@code /robot1/*}: a robot-wide file holds other nodes'
 * parameters), and {@code qos_overrides.*} from any source (rclcpp applies them only to publishers and subscriptions
 * that opt in; this node's QoS is fixed). An undeclared parameter in the node's own block or in a {@code -p} is an
 * error, as every other bad value is: rclcpp would drop it silently, and a misspelt limit would then leave the
 * robot running on the default.
 *
 * @param name node name
 * @param namespace absolute namespace
 * @param remaps topic remaps that apply to this node, in order
 * @param parameters validated parameters, the fleet link's included
 * @param warnings one line for each setting ignored, in command-line order, for the start-up log
 */
public record NodeConfiguration(String name, String namespace, List<RosArguments.Remap> remaps,
        NodeParameters parameters, List<String> warnings) {

    /** Prefix of the QoS override parameters rclcpp reads ({@code qos_overrides.<topic>.<publisher|subscription>.<policy>}). */
    public static final String QOS_OVERRIDES_PREFIX = "qos_overrides.";

    /** The node's default name, the one the config files and launch files use. */
    public static final String DEFAULT_NAME = "cpo_node";

    public NodeConfiguration {
        remaps = List.copyOf(remaps);
        warnings = List.copyOf(warnings);
    }

    /** A configuration with nothing ignored. */
    public NodeConfiguration(String name, String namespace, List<RosArguments.Remap> remaps, NodeParameters parameters) {
        this(name, namespace, remaps, parameters, List.of());
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
     *     files, every parameter rejection (an undeclared one in the node's own block or a {@code -p} among them)
     *     and a topic name that is invalid once namespace and remaps apply
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
        List<String> warnings = new ArrayList<>();
        for (RosArguments.ParameterSource s : args.parameterSources()) {
            switch (s) {
                case RosArguments.ParameterFile f -> {
                    for (ParameterFiles.Setting setting : ParameterFiles.read(f.file(), fqn)) {
                        String ignored = ignored(setting, fqn);
                        if (ignored == null) {
                            raw.put(setting.name(), setting.value());
                        } else {
                            warnings.add("parameters file " + f.file() + ": '" + setting.block() + "' sets '"
                                    + setting.name() + "', " + ignored);
                        }
                    }
                }
                case RosArguments.ParameterOverride p -> {
                    if (p.node() == null || p.node().equals(name)) {
                        if (p.name().startsWith(QOS_OVERRIDES_PREFIX)) {
                            warnings.add("-p " + p.name() + " " + QOS_OVERRIDES_IGNORED);
                        } else {
                            raw.put(p.name(), yamlValue(p));
                        }
                    }
                }
            }
        }
        List<RosArguments.Remap> remaps = args.remaps().stream()
                .filter(r -> r.node() == null || r.node().equals(name)).toList();
        NodeConfiguration configuration = new NodeConfiguration(name, ns, remaps, NodeParameters.from(raw),
                warnings);
        configuration.resolveTopics();
        return configuration;
    }

    private static final String QOS_OVERRIDES_IGNORED = "ignored (the node takes no QoS overrides)";

    /** Why the node ignores {@code setting} (the rest of a warning line), or null when it takes it. */
    private static String ignored(ParameterFiles.Setting setting, String fqn) {
        if (setting.name().startsWith(QOS_OVERRIDES_PREFIX)) {
            return QOS_OVERRIDES_IGNORED;
        }
        boolean declared = NodeParameters.declaration(setting.name()) != null;
        return declared || !setting.shared() ? null : "which " + fqn + " does not declare: ignored";
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
