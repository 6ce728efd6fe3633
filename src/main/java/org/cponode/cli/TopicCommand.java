package org.cponode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.RosSecurityException;
import org.cponode.ros.msg.MessageType;
import org.cponode.ros.msg.MessageValues;
import org.cponode.yaml.YamlErrors;
import org.cponode.yaml.YamlLoader;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topic echo|pub}: a small {@code ros2 topic} over the node's own DDS transport. */
@Command(name = "topic", mixinStandardHelpOptions = true,
        description = "Print or publish ROS 2 messages (like `ros2 topic echo|pub`).",
        subcommands = {TopicCommand.Echo.class, TopicCommand.Pub.class})
public final class TopicCommand {

    /** Options shared by both subcommands. */
    static final class Common {
        @Option(names = "--qos",
                description = "QoS profile: default (reliable, keep last 10), sensor (best effort, keep last 5), "
                        + "clock (best effort, keep last 1), latched (reliable, transient local, keep last 1). "
                        + "Default: sensor for echo (a best-effort reader matches every writer), default for pub.")
        String qos;

        @Option(names = "--domain", description = "DDS domain id (default: ROS_DOMAIN_ID, else 0).")
        Integer domain;

        @Option(names = "--cyclone-config", paramLabel = "FILE",
                description = "Cyclone DDS XML configuration for this process (default: CYCLONEDDS_URI).")
        Path cycloneConfig;

        @Option(names = "--node-name", defaultValue = "cpo_node_topic", description = "Node name. Default: ${DEFAULT-VALUE}.")
        String nodeName;

        @Option(names = {"-e", "--enclave"}, paramLabel = "/ENCLAVE",
                description = "SROS 2 enclave, as ROS's --enclave (default: /); used when ROS_SECURITY_ENABLE=true"
                        + " (with ROS_SECURITY_STRATEGY, ROS_SECURITY_KEYSTORE, ROS_SECURITY_ENCLAVE_OVERRIDE).")
        String enclave;

        QosProfile profile(String fallback) {
            return switch (qos == null ? fallback : qos) {
                case "default" -> QosProfile.DEFAULT;
                case "sensor" -> QosProfile.SENSOR_DATA;
                case "clock" -> QosProfile.CLOCK;
                case "latched" -> QosProfile.LATCHED;
                default -> throw new IllegalArgumentException("unknown --qos " + qos + "; use default, sensor, clock or latched");
            };
        }

        /**
         * The node, once {@code topic} is known to be a valid name for it: a bad node or topic name, enclave or
         * enforced SROS 2 that cannot be met is a usage error reported before any DDS traffic.
         */
        RosNode node(CommandSpec spec, String topic) {
            RosNode.Options o;
            try {
                o = RosNode.Options.of(nodeName).withSecurity(RosSecurity.fromEnvironment(System.getenv(), enclave));
                o.names().resolve(topic);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (domain != null) {
                o = o.withDomainId(domain);
            }
            if (cycloneConfig != null) {
                try {
                    o = o.withCycloneConfig(Files.readString(cycloneConfig, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalArgumentException("--cyclone-config " + cycloneConfig + " cannot be read ("
                            + (e instanceof NoSuchFileException ? "no such file" : e.toString()) + ")");
                }
            }
            try {
                return RosNode.create(o);
            } catch (RosSecurityException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /**
     * The message {@code values} (YAML, ROS field names) describe.
     *
     * @throws IllegalArgumentException if they are not a YAML mapping of {@code type}'s fields
     */
    static <T> T message(MessageType<T> type, String values) {
        Object parsed;
        try {
            parsed = YamlLoader.load(values);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("values are not valid YAML: " + YamlErrors.describe(e));
        }
        if (parsed != null && !(parsed instanceof Map)) {
            throw new IllegalArgumentException("values must be a YAML mapping like '{linear: {x: 0.1}}', got: "
                    + YamlErrors.shown(values));
        }
        return MessageValues.fromMap(type, (Map<?, ?>) parsed);
    }

    /** {@code topic echo TOPIC TYPE}. */
    @Command(name = "echo", mixinStandardHelpOptions = true, description = "Print messages of a topic as YAML.")
    static final class Echo implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Parameters(index = "0", description = "Topic, e.g. /odom.")
        String topic;

        @Parameters(index = "1", description = "Message type, e.g. nav_msgs/msg/Odometry.")
        String type;

        @Option(names = "--count", description = "Exit after this many messages.")
        Long count;

        @Option(names = "--timeout", description = "Exit (code 1 if nothing arrived) after this many seconds.")
        Double timeout;

        @Override
        public Integer call() throws Exception {
            MessageType<?> messageType = MessageType.forName(type);
            QosProfile qos = common.profile("sensor");
            PrintWriter out = spec.commandLine().getOut();
            AtomicLong seen = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            try (RosNode node = common.node(spec, topic)) {
                node.subscribe(topic, messageType, qos, message -> {
                    synchronized (out) {
                        out.print(MessageValues.toYaml(message));
                        out.println("---");
                        out.flush();
                    }
                    if (count != null && seen.incrementAndGet() >= count) {
                        done.countDown();
                    }
                });
                if (timeout != null) {
                    done.await((long) (timeout * 1e9), TimeUnit.NANOSECONDS);
                } else {
                    done.await();
                }
            }
            return count == null || seen.get() >= count ? 0 : 1;
        }
    }

    /** {@code topic pub TOPIC TYPE VALUES}. */
    @Command(name = "pub", mixinStandardHelpOptions = true, description = "Publish a message (YAML values) repeatedly.")
    static final class Pub implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Parameters(index = "0", description = "Topic, e.g. /cmd_vel.")
        String topic;

        @Parameters(index = "1", description = "Message type, e.g. geometry_msgs/msg/Twist.")
        String type;

        @Parameters(index = "2", defaultValue = "{}", description = "Values as YAML, e.g. '{linear: {x: 0.1}}'.")
        String values;

        @Option(names = {"-r", "--rate"}, defaultValue = "1", description = "Messages per second. Default: ${DEFAULT-VALUE}.")
        double rate;

        @Option(names = {"-t", "--times"}, description = "Publish this many messages, then exit.")
        Long times;

        @Option(names = "--wait-matched", defaultValue = "0",
                description = "Wait up to this many seconds for a subscriber before the first message.")
        double waitMatched;

        @Override
        public Integer call() throws Exception {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--rate must be a positive number, got " + rate);
            }
            return publish(MessageType.forName(type));
        }

        private <T> int publish(MessageType<T> messageType) throws Exception {
            T message = message(messageType, values);
            PrintWriter out = spec.commandLine().getOut();
            try (RosNode node = common.node(spec, topic)) {
                Publisher<T> publisher = node.publisher(topic, messageType, common.profile("default"));
                long waitUntil = System.nanoTime() + (long) (waitMatched * 1e9);
                while (publisher.matchedCount() == 0 && System.nanoTime() < waitUntil) {
                    Thread.sleep(10);
                }
                out.println("publishing " + messageType.rosName() + " on " + publisher.topic() + " at " + rate + " Hz:");
                out.print(MessageValues.toYaml(message));
                out.flush();
                long period = (long) (1e9 / rate);
                long next = System.nanoTime();
                for (long i = 0; times == null || i < times; i++) {
                    publisher.publish(message);
                    next += period;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            }
            return 0;
        }
    }

}
