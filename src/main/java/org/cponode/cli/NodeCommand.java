package org.cponode.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.cponode.fleet.FleetConfig;
import org.cponode.node.DdsRobotTransport;
import org.cponode.node.NodeConfiguration;
import org.cponode.node.NodeParameters;
import org.cponode.param.ParameterDeclaration;
import org.cponode.node.RobotNode;
import org.cponode.node.RosArguments;
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
            "SIGINT/SIGTERM publish zero velocity before exit."})
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
        int domain = RosNode.domainIdFromEnvironment(env);
        String cyclone = RosNode.cycloneConfigFromEnvironment(env);
        DdsRobotTransport transport;
        try {
            transport = new DdsRobotTransport(configuration, domain, cyclone, security);
        } catch (RuntimeException e) {
            if (rosout != null) {
                rosout.close();
            }
            throw e instanceof RosSecurityException refused ? new ParameterException(spec.commandLine(),
                    refused.getMessage()) : e;
        }
        RobotNode node;
        try {
            if (rosout != null) {
                rosout.publishOn(transport.rosNode());
            }
            node = RobotNode.start(configuration, transport);
        } catch (RuntimeException e) {
            transport.close();
            if (rosout != null) {
                rosout.close(); // still collecting if its publisher was refused
            }
            if (e instanceof RosSecurityException refused) { // a topic the permissions do not allow
                throw new ParameterException(spec.commandLine(), refused.getMessage());
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<FleetBridge> fleet = new AtomicReference<>();
        // launch sends SIGINT, then SIGTERM after 5 s: the hook stops the loop and publishes zero velocity,
        // then marks the robot offline on the fleet link. Registered as soon as the loop runs, so a signal while
        // the fleet link starts still stops the robot.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            FleetBridge f = fleet.get();
            if (f != null) {
                f.close();
            }
            // java.util.logging may already be shut down by its own hook, so say it directly.
            System.err.println("cpo-node: " + configuration.fullyQualifiedName() + " stopped, zero velocity sent");
            stopped.countDown();
        }, "cpo-node-shutdown"));
        try {
            fleetConfig.ifPresent(c -> fleet.set(FleetBridge.start(c, node)));
        } catch (RuntimeException e) {
            node.close();
            throw e;
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
