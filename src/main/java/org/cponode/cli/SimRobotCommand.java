package org.cponode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cponode.simrobot.DdsSimRobotTransport;
import org.cponode.simrobot.SimRobot;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.sim.DiffDriveDynamics;
import org.cponode.transfer.DynamicsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sim-robot}: the embedded diffdrive-circle robot as a ROS 2 base (cmd_vel in, odom and /clock out). */
@Command(name = "sim-robot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded diffdrive-circle robot as a ROS 2 robot over Cyclone DDS: subscribes to "
            + "cmd_vel, publishes odom (and /clock with --sim-time).",
            "Demo: one terminal 'cpo-node sim-robot --sim-time', another "
            + "'cpo-node node --ros-args --params-file config/sim.yaml -p odom_topic:=odom'.",
            "Environment: ROS_DOMAIN_ID, CYCLONEDDS_URI; ROS_LOCALHOST_ONLY=1 keeps DDS on loopback; SROS 2 as the "
            + "node: ROS_SECURITY_ENABLE, ROS_SECURITY_STRATEGY, ROS_SECURITY_KEYSTORE, ROS_SECURITY_ENCLAVE_OVERRIDE "
            + "and --enclave."})
public final class SimRobotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sim-time", description = "Publish /clock and stamp odometry with simulated time.")
    boolean simTime;

    @Option(names = "--real-time-factor", defaultValue = "1.0",
            description = "Simulated seconds per wall second, needs --sim-time (default: ${DEFAULT-VALUE}).")
    double realTimeFactor;

    @Option(names = "--command-timeout", defaultValue = "0.5",
            description = "Seconds after which the last cmd_vel is dropped, like a base driver (default: ${DEFAULT-VALUE}).")
    double commandTimeout;

    @Option(names = "--twist-stamped", description = "Expect geometry_msgs/msg/TwistStamped on cmd_vel.")
    boolean twistStamped;

    @Option(names = "--cmd-vel-topic", defaultValue = "cmd_vel", description = "Command topic (default: ${DEFAULT-VALUE}).")
    String cmdVelTopic;

    @Option(names = "--odom-topic", defaultValue = "odom", description = "Odometry topic (default: ${DEFAULT-VALUE}).")
    String odomTopic;

    @Option(names = "--namespace", defaultValue = "/", description = "ROS namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-e", "--enclave"}, paramLabel = "/ENCLAVE",
            description = "SROS 2 enclave, as ROS's --enclave (default: /); used when ROS_SECURITY_ENABLE=true.")
    String enclave;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the start poses (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dynamics", paramLabel = "FILE", description = "Perturbed robot dynamics (YAML, one value per"
            + " key, e.g. config/perturbed_robot.yaml) for sim-to-real trials (default: the nominal model).")
    Path dynamics;

    @Override
    public Integer call() throws InterruptedException {
        SimRobot.Settings settings;
        try {
            settings = new SimRobot.Settings(simTime, realTimeFactor, commandTimeout, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DiffDriveDynamics robotDynamics;
        try {
            robotDynamics = dynamics == null ? DiffDriveDynamics.NOMINAL : DynamicsFile.readRobot(dynamics);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> env = System.getenv();
        String cyclone = RosNode.cycloneConfigFromEnvironment(env);
        DdsSimRobotTransport transport;
        try {
            transport = new DdsSimRobotTransport("sim_robot", namespace, List.of(), cmdVelTopic, odomTopic,
                    twistStamped, RosNode.domainIdFromEnvironment(env), cyclone,
                    RosSecurity.fromEnvironment(env, enclave));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SimRobot robot = new SimRobot(settings, transport, robotDynamics);
        robot.start();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sim-robot: diffdrive-circle%s on %s (cmd_vel '%s', odom '%s'), %s%n",
                dynamics == null ? "" : " with " + dynamics, transport.rosNode().names().fullyQualifiedNode(),
                cmdVelTopic, odomTopic,
                simTime ? "sim time x" + realTimeFactor : "wall time");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            robot.close();
            stopped.countDown();
        }, "sim-robot-shutdown"));
        stopped.await();
        return 0;
    }
}
