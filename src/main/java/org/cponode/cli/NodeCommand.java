package org.cponode.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.logging.Logger;
import org.cponode.fleet.FleetConfig;
import org.cponode.node.DdsRobotTransport;
import org.cponode.node.ManagedNode;
import org.cponode.node.NodeConfiguration;
import org.cponode.node.NodeParameters;
import org.cponode.param.ParameterDeclaration;
import org.cponode.node.RobotNode;
import org.cponode.node.RosArguments;
import org.cponode.ros.LifecycleServer;
import org.cponode.ros.LifecycleState;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosoutLog;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.RosSecurityException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code node}: the robot-control node, configured by ROS arguments as {@code ros2 run}/{@code ros2 launch} pass them. */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "cpo-node node [-hV] [--list-parameters] [--ros-args [-r __node:=NAME] [-r __ns:=/NS] "
                + "[-r FROM:=TO]... [-p NAME:=VALUE]... [--params-file FILE]... [-e/--enclave /ENCLAVE] "
                + "[--log-level [LOGGER:=]LEVEL]... [--disable-stdout-logs] [--disable-rosout-logs]]",
        description = {"Run the CPO robot-control node over ROS 2 (Cyclone DDS): odometry -> policy -> cmd_vel "
            + "at control_rate, with the safety supervisor always on and optional online CPO learning.",
            "Settings are ROS parameters; --list-parameters prints them with types, defaults, units, ranges and which may change while running (ros2 param set).",
            "Environment: ROS_DOMAIN_ID, CYCLONEDDS_URI; ROS_LOCALHOST_ONLY=1 keeps DDS on loopback.",
            "SROS 2: ROS_SECURITY_ENABLE=true, ROS_SECURITY_STRATEGY=Enforce|Permissive, ROS_SECURITY_KEYSTORE, "
            + "ROS_SECURITY_ENCLAVE_OVERRIDE and --enclave secure the node's participant (docs/ROS.md).",
            "Log: records at or above --log-level (debug, info, warn, error, fatal; default info) go to the console"
            + " and to /rosout (rcl_interfaces/msg/Log, as rcl publishes it); LOGGER:= sets one logger's level.",
            "A ROS 2 managed node (~/change_state, ~/get_state, ...; docs/ROS.md): it configures and activates "
            + "itself at start unless autostart is false, and SIGINT/SIGTERM shut it down with zero velocity."})
public final class NodeCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(NodeCommand.class.getName());
    /**
     * The parent of the loggers of cpo-node's code ({@code org.cponode.ros}, {@code org.cponode.node}, …): what rcl
     * calls the node's logger, which {@code --log-level <node logger name>:=LEVEL} sets and {@code /rosout} carries.
     */
    private static final Logger NODE_LOGGERS = Logger.getLogger("org.cponode");

    @Spec
    CommandSpec spec;

    @Option(names = "--list-parameters", description = "Print every parameter (name, type, default, unit, range, whether it may change while running) and"
            + " exit.")
    boolean listParameters;

    @Unmatched
    List<String> rosArguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (listParameters) {
            out.print(parameterTable());
            out.flush();
            return 0;
        }
        RosArguments arguments;
        NodeConfiguration configuration;
        Optional<FleetConfig> fleetConfig;
        RosSecurity security;
        Map<String, String> env = System.getenv();
        try {
            arguments = RosArguments.parse(rosArguments);
            configuration = NodeConfiguration.resolve(arguments);
            security = RosSecurity.fromEnvironment(env, arguments.enclave());
            // Checked with the node's own parameters: a bad fleet.* value must stop the start, not the running robot.
            fleetConfig = FleetConfig.fromParameters(configuration.parameters().fleet());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        out.printf(Locale.ROOT, "%s parameters:%n", configuration.fullyQualifiedName());
        configuration.parameters().asMap().forEach((k, v) -> out.printf(Locale.ROOT, "  %s: %s%n", k, v));
        out.flush();
        String loggerName = configuration.topicNames().loggerName();
        arguments.logging().configure(loggerName, NODE_LOGGERS);
        // collecting from here, so that the lines logged while the participant is made reach /rosout too
        RosoutLog rosout = arguments.logging().rosout() ? RosoutLog.collect(NODE_LOGGERS, loggerName) : null;
        if (!arguments.ignored().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0}: ignoring {1}: the node logs to the console and {2} and writes no"
                    + " log file", configuration.fullyQualifiedName(), String.join(" ", arguments.ignored()),
                    RosoutLog.TOPIC);
        }
        configuration.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        int domain = RosNode.domainIdFromEnvironment(env);
        String cyclone = RosNode.cycloneConfigFromEnvironment(env);
        ManagedNode node;
        try {
            DdsRobotTransport transport = new DdsRobotTransport(configuration, domain, cyclone, security);
            try {
                if (rosout != null) {
                    rosout.publishOn(transport.rosNode());
                }
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
            node = ManagedNode.create(configuration, transport, fleetConfig
                    .<Function<RobotNode, ManagedNode.Attachment>>map(c -> configured -> FleetBridge.start(c, configured)::close)
                    .orElse(configured -> () -> { }));
        } catch (RuntimeException e) {
            if (rosout != null) {
                rosout.close(); // still collecting if its publisher was refused
            }
            if (e instanceof RosSecurityException refused) { // a topic or service the permissions do not allow
                throw new ParameterException(spec.commandLine(), refused.getMessage());
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // launch sends SIGINT, then SIGTERM after 5 s: the hook shuts the node down from whatever state it is in
        // (zero velocity when it drives; the fleet link, attached to the configuration, goes after the robot stopped).
        // Registered before the node configures itself, so a signal during the start stops the robot too.
        Thread hook = new Thread(() -> {
            LifecycleState before = node.lifecycle().state();
            node.close();
            // java.util.logging may already be shut down by its own hook, so say it directly.
            System.err.println("cpo-node: " + configuration.fullyQualifiedName() + " stopped"
                    + (before == LifecycleState.ACTIVE ? ", zero velocity sent" : " (it was " + before.label() + ")"));
            stopped.countDown();
        }, "cpo-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (configuration.parameters().autostart()) {
            for (String transition : List.of("configure", "activate")) {
                LifecycleServer.Outcome outcome = node.lifecycle().trigger(transition);
                if (!outcome.success()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    node.close();
                    if (rosout != null) {
                        rosout.close();
                    }
                    if (outcome.failure() instanceof RosSecurityException refused) {
                        throw new ParameterException(spec.commandLine(), refused.getMessage());
                    }
                    throw outcome.failure();
                }
            }
        } else {
            out.printf(Locale.ROOT, "%s unconfigured (autostart: false): waiting for %s/change_state (configure, then"
                    + " activate)%n", configuration.fullyQualifiedName(), configuration.fullyQualifiedName());
            out.flush();
        }
        stopped.await();
        return 0;
    }

    /** name, type, default, unit, range, live and meaning of every parameter, from the node's declarations. */
    static String parameterTable() {
        StringBuilder sb = new StringBuilder();
        String row = "%-25s %-8s %-26s %-8s %-20s %-5s %s%n";
        sb.append(String.format(Locale.ROOT, row, "name", "type", "default", "unit", "range", "live", "meaning"));
        for (ParameterDeclaration d : NodeParameters.DECLARATIONS) {
            sb.append(String.format(Locale.ROOT, row, d.name(), d.type().rosName(), d.shownDefault(),
                    d.unit().isEmpty() ? "-" : d.unit(), d.shownRange(), d.live() ? "yes" : "-", d.description()));
        }
        return sb.toString();
    }
}
