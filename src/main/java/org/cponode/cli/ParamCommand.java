package org.cponode.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.cponode.node.ParameterFiles;
import org.cponode.ros.ParameterMessages;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.DescribeParametersRequest;
import org.cponode.ros.msg.DescribeParametersResponse;
import org.cponode.ros.msg.GetParametersRequest;
import org.cponode.ros.msg.GetParametersResponse;
import org.cponode.ros.msg.ListParametersRequest;
import org.cponode.ros.msg.ListParametersResponse;
import org.cponode.ros.msg.Parameter;
import org.cponode.ros.msg.ParameterDescriptor;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetParametersRequest;
import org.cponode.ros.msg.SetParametersResponse;
import org.cponode.ros.msg.SetParametersResult;
import org.cponode.yaml.YamlErrors;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cpo-node param list|get|set|describe NODE ...}: a small {@code ros2 param} over the parameter services
 * (rmw_cyclonedds' wire format), printing what {@code ros2 param} prints. Exit 1 when the node does not answer in
 * time or refuses a set.
 */
@Command(name = "param", mixinStandardHelpOptions = true,
        description = "List, get, set and describe a node's ROS 2 parameters (like `ros2 param`).",
        subcommands = {ParamCommand.ListNames.class, ParamCommand.Get.class, ParamCommand.Set.class,
            ParamCommand.Describe.class})
public final class ParamCommand {

    /** What every subcommand takes: the transport options, the node and how long to wait. */
    static final class Target {
        @Mixin
        TopicCommand.Common common = new TopicCommand.Common();

        @Parameters(index = "0", description = "The node, e.g. /cpo_node.")
        String node;

        @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for the service and then for "
                + "the reply. Default: ${DEFAULT-VALUE}.")
        double timeout;

        /**
         * The response of the node's {@code service}, or null (said on stderr) if it did not answer in time.
         *
         * @throws IllegalArgumentException for a timeout that is not a positive number
         */
        <Q, R> R call(CommandSpec spec, String service, ServiceType<Q, R> type, Q request) throws Exception {
            if (!(timeout > 0) || Double.isInfinite(timeout)) {
                throw new IllegalArgumentException("--timeout must be a positive number, got " + timeout);
            }
            String name = node + "/" + service;
            Duration wait = Duration.ofNanos((long) (timeout * 1e9));
            try (RosNode caller = common.node(spec, name)) {
                ServiceClient<Q, R> client = ServiceClient.create(caller, name, type, QosProfile.PARAMETERS);
                if (!client.waitForService(wait)) {
                    spec.commandLine().getErr().println("node " + node + " does not serve " + service + " (no reply"
                            + " within " + timeout + " s); ROS nodes serve it with RMW_IMPLEMENTATION=rmw_cyclonedds_cpp");
                    return null;
                }
                return client.call(request, wait);
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return null;
            }
        }
    }

    /** {@code param list NODE [--prefix P]...}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the names of a node's parameters.")
    static final class ListNames implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(names = "--prefix", description = "Only names under this prefix (repeatable), e.g. fleet.")
        List<String> prefixes = List.of();

        @Override
        public Integer call() throws Exception {
            ListParametersResponse r = target.call(spec, "list_parameters", ServiceType.LIST_PARAMETERS,
                    new ListParametersRequest(prefixes, 0));
            if (r == null) {
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            r.result().names().stream().sorted().forEach(n -> out.println("  " + n));
            out.flush();
            return 0;
        }
    }

    /** {@code param get NODE NAME}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one parameter's value.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Parameters(index = "1", description = "Parameter name, e.g. cost_limits.outside.")
        String name;

        @Override
        public Integer call() throws Exception {
            GetParametersResponse r = target.call(spec, "get_parameters", ServiceType.GET_PARAMETERS,
                    new GetParametersRequest(List.of(name)));
            if (r == null) {
                return 1;
            }
            if (r.values().isEmpty()) {
                spec.commandLine().getErr().println("parameter '" + name + "' is not declared by " + target.node);
                return 1;
            }
            byte type = r.values().getFirst().type();
            String typeName = ParameterMessages.typeName(type);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Character.toUpperCase(typeName.charAt(0)) + typeName.substring(1) + " value is: "
                    + shown(ParameterMessages.value(r.values().getFirst())));
            out.flush();
            return 0;
        }
    }

    /** {@code param set NODE NAME VALUE}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set one parameter while the node runs (a YAML value, read as rcl reads -p values).")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Parameters(index = "1", description = "Parameter name, e.g. cost_limits.outside.")
        String name;

        @Parameters(index = "2", description = "Value, e.g. 15.0, false, stop.")
        String value;

        @Override
        public Integer call() throws Exception {
            Object parsed;
            try {
                parsed = ParameterFiles.loadValue(value);
            } catch (YamlEngineException e) {
                throw new IllegalArgumentException("value " + YamlErrors.shown(value) + " is not YAML: "
                        + YamlErrors.describe(e));
            }
            // an empty value is the empty string, as with ros2 param set NODE NAME ""
            Parameter p = new Parameter(name, ParameterMessages.message(parsed == null ? "" : parsed));
            SetParametersResponse r = target.call(spec, "set_parameters", ServiceType.SET_PARAMETERS,
                    new SetParametersRequest(List.of(p)));
            if (r == null) {
                return 1;
            }
            SetParametersResult result = r.results().getFirst();
            if (!result.successful()) {
                spec.commandLine().getErr().println("Setting parameter failed: " + result.reason());
                return 1;
            }
            spec.commandLine().getOut().println("Set parameter successful");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code param describe NODE NAME...}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Print parameters' types, descriptions and constraints.")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Parameters(index = "1..*", arity = "1..*", description = "Parameter names.")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            DescribeParametersResponse r = target.call(spec, "describe_parameters", ServiceType.DESCRIBE_PARAMETERS,
                    new DescribeParametersRequest(names));
            if (r == null) {
                return 1;
            }
            if (r.descriptors().isEmpty()) {
                spec.commandLine().getErr().println("parameter(s) " + names + " not all declared by " + target.node);
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            for (ParameterDescriptor d : r.descriptors()) {
                out.print(describe(d));
            }
            out.flush();
            return 0;
        }
    }

    /** A descriptor as {@code ros2 param describe} prints it. */
    static String describe(ParameterDescriptor d) {
        StringBuilder b = new StringBuilder();
        b.append("Parameter name: ").append(d.name()).append('\n');
        b.append("  Type: ").append(ParameterMessages.typeName(d.type())).append('\n');
        if (!d.description().isEmpty()) {
            b.append("  Description: ").append(d.description()).append('\n');
        }
        b.append("  Constraints:\n");
        if (d.readOnly()) {
            b.append("    Read only: true\n");
        }
        for (var f : d.floatingPointRange()) {
            b.append(String.format(Locale.ROOT, "    Min value: %s%n    Max value: %s%n    Step: %s%n",
                    f.fromValue(), f.toValue(), f.step()));
        }
        for (var i : d.integerRange()) {
            b.append(String.format(Locale.ROOT, "    Min value: %d%n    Max value: %d%n    Step: %s%n",
                    i.fromValue(), i.toValue(), Long.toUnsignedString(i.step())));
        }
        if (!d.additionalConstraints().isEmpty()) {
            b.append("    Additional constraints: ").append(d.additionalConstraints()).append('\n');
        }
        return b.toString();
    }

    /** A value as ros2 param prints it: Python's True/False for booleans. */
    private static String shown(Object value) {
        return value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value);
    }
}
