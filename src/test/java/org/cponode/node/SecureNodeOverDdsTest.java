package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.NativePeer;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.TestKeystore;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.msg.Bool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as users run it with SROS 2 (a child JVM, ROS_SECURITY_* in its environment, {@code --enclave}), on
 * loopback with Cyclone's real security plugins and a keystore made with openssl: it drives on its own robot's
 * odometry and obeys its e-stop, while peers without credentials, with credentials of another CA, or with
 * permissions that do not let them publish {@code odom} or {@code estop} (the independent C peer) cannot feed it
 * odometry or release its e-stop, and a reader without credentials sees none of its topics. Enforce with a
 * missing file stops node, sim-robot and topic with exit code 2 naming the file, and so does a topic the node
 * needs that its permissions leave out; Permissive runs unsecured with the warning; sim-robot, node and the topic
 * command run a secured loop on one machine.
 */
class SecureNodeOverDdsTest {

    static final int DOMAIN = DdsTestSupport.DOMAIN;
    static final String LOOPBACK = CycloneConfig.loopbackOnly("any");

    @TempDir
    static Path tmp;
    static TestKeystore keystore;
    static Path restricted;
    static Path foreign;

    @BeforeAll
    static void setUp() throws Exception {
        keystore = TestKeystore.create(tmp.resolve("keystore"), DOMAIN, "/cpo_node", "/robot", "/sim_robot", "/cli");
        // may read everything, but publish only cmd_vel: not odom, not estop
        restricted = keystore.enclave("/intruder", new TestKeystore.Permissions(List.of("rt/cmd_vel"),
                List.of("rt/*", "ros_discovery_info")));
        // the robot's enclave name, certified by a CA the node does not trust
        foreign = TestKeystore.create(tmp.resolve("foreign"), DOMAIN).enclave("/robot");
    }

    /** The C peer (built once per JVM). */
    static Path peer() throws Exception {
        return TestKeystore.securedPeer();
    }

    static Map<String, String> env(String strategy) {
        Map<String, String> env = new HashMap<>(Map.of("ROS_DOMAIN_ID", Integer.toString(DOMAIN), "CYCLONEDDS_URI",
                LOOPBACK));
        if (strategy != null) {
            env.putAll(Map.of("ROS_SECURITY_ENABLE", "true", "ROS_SECURITY_STRATEGY", strategy,
                    "ROS_SECURITY_KEYSTORE", keystore.root().toString()));
        }
        return env;
    }

    static ChildProcess node(Path dir, Map<String, String> env, String... extra) throws Exception {
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        List<String> args = new java.util.ArrayList<>(List.of("node", "--ros-args", "-p", "policy:=" + policy,
                "-p", "checkpoint_dir:=" + dir, "-p", "diagnostics_rate:=5.0"));
        args.addAll(List.of(extra));
        return new ChildProcess(dir.resolve("node.log"), env, args.toArray(String[]::new));
    }

    /** The three peers that must not reach the node, each running {@code args}. */
    static List<NativePeer> intruders(String... args) throws Exception {
        return List.of(NativePeer.startSecured(peer(), null, args), NativePeer.startSecured(peer(), foreign, args),
                NativePeer.startSecured(peer(), restricted, args));
    }

    /** For {@code millis}, every command that arrives is zero and commands keep arriving. */
    static void holdsStill(WireRobot robot, ChildProcess node, long millis, boolean feedOdometry, String why)
            throws InterruptedException {
        long before = robot.commands;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (feedOdometry) {
                robot.sendOdom(0.0);
            }
            Thread.sleep(20);
            assertEquals(0.0, robot.linear, why + "; node output:\n" + node.output());
        }
        assertTrue(robot.commands > before + 10, "the node kept commanding: " + (robot.commands - before));
    }

    @Test
    @Timeout(180)
    void onlyItsOwnRobotReachesASecuredNode(@TempDir Path dir) throws Exception {
        try (WireRobot robot = new WireRobot(DOMAIN, LOOPBACK, keystore.enforced("/robot"));
                ChildProcess node = node(dir, env("Enforce"), "--enclave", "/cpo_node")) {
            // odometry in, cmd_vel out, both secured
            NodeOverDdsTest.driveUntilMoving(robot, node, 0.0);
            assertTrue(node.output().contains("SROS 2 (Enforce): enclave /cpo_node, files "
                    + keystore.root().resolve("enclaves/cpo_node")), node.output());

            // the robot falls silent; odometry from the intruders must not keep the node driving
            List<NativePeer> odom = intruders("odom", "60");
            try {
                NodeOverDdsTest.await("zero after the robot's odometry stopped", () -> robot.linear == 0.0, 5_000,
                        node);
                holdsStill(robot, node, 3_000, false, "odometry of an intruder reached the node");
                NodeOverDdsTest.await("stale odometry reported", () -> {
                    String faults = robot.diagnostic("faults");
                    return faults != null && faults.contains("odometry stale");
                }, 5_000, node);
                assertTrue(odom.get(0).output().contains("WRITING rt/odom"), () -> odom.get(0).output().toString());
                assertTrue(odom.get(1).output().contains("WRITING rt/odom"), () -> odom.get(1).output().toString());
                assertTrue(odom.get(2).output().stream().anyMatch(l -> l.startsWith("DENIED rt/odom")),
                        () -> "the restricted peer's own permissions refuse its odom writer: " + odom.get(2).output());
            } finally {
                for (NativePeer p : odom) {
                    p.finish();
                }
            }

            // the robot latches the e-stop; the intruders' release must not free the node
            NodeOverDdsTest.driveUntilMoving(robot, node, 0.0);
            robot.estop.publish(new Bool(true));
            NodeOverDdsTest.await("zero after the e-stop", () -> robot.linear == 0.0, 5_000, node);
            List<NativePeer> release = intruders("estop", "0", "60");
            try {
                holdsStill(robot, node, 3_000, true, "an intruder released the e-stop");
                assertEquals("topic", robot.diagnostic("estop"), "the e-stop stays latched");
                assertTrue(release.get(2).output().stream().anyMatch(l -> l.startsWith("DENIED rt/estop")),
                        () -> release.get(2).output().toString());
            } finally {
                for (NativePeer p : release) {
                    p.finish();
                }
            }
            robot.estop.publish(new Bool(false));
            NodeOverDdsTest.driveUntilMoving(robot, node, 0.0);

            // a reader without credentials sees nothing of the node's topics
            try (NativePeer plain = NativePeer.startSecured(peer(), null, "listen", "3")) {
                String heard = plain.awaitLine("LISTEN ", Duration.ofSeconds(20));
                assertTrue(heard.startsWith("LISTEN samples=0 "), heard);
                for (String topic : List.of("rt/cmd_vel", "rt/diagnostics", "ros_discovery_info")) {
                    assertFalse(heard.contains(topic), topic + " discovered without credentials: " + heard);
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void enforceWithAMissingFileOrTopicStopsEveryCommandNamingIt(@TempDir Path dir) throws Exception {
        Path broken = keystore.enclave("/broken");
        Files.delete(broken.resolve("key.pem"));
        String named = broken.resolve("key.pem") + " does not exist; not starting unsecured";
        List<String[]> commands = List.of(
                new String[] {"node", "--ros-args", "--enclave", "/broken"},
                new String[] {"sim-robot", "--enclave", "/broken"},
                new String[] {"topic", "echo", "/odom", "nav_msgs/msg/Odometry", "--enclave", "/broken"});
        for (String[] command : commands) {
            try (ChildProcess p = new ChildProcess(dir.resolve(command[0] + ".log"), env("Enforce"), command)) {
                assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), command[0] + " did not exit: " + p.output());
                assertEquals(2, p.process.exitValue(), command[0] + ": " + p.output());
                List<String> errors = p.output().lines().filter(l -> l.startsWith("error: ")).toList();
                assertEquals(1, errors.size(), p.output());
                assertTrue(errors.getFirst().contains("SROS 2 (ROS_SECURITY_STRATEGY=Enforce, enclave /broken): "
                        + named), errors.getFirst());
            }
        }
        // valid files whose permissions leave out /rosout and the e-stop: as with rcl, the node does not run without
        // its /rosout unless told not to log there (--disable-rosout-logs), and never without its e-stop
        Path deaf = keystore.enclave("/deaf", new TestKeystore.Permissions(List.of("rt/cmd_vel", "rt/diagnostics",
                "rt/parameter_events", "rt/cpo_node/transition_event", "rr/*", "ros_discovery_info"),
                List.of("rt/odom", "rq/*")));
        String refused = "error: /cpo_node: " + deaf.resolve("permissions.p7s") + " does not allow ";
        try (ChildProcess p = new ChildProcess(dir.resolve("mute.log"), env("Enforce"), "node", "--ros-args",
                "--enclave", "/deaf")) {
            assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), p.output());
            assertEquals(2, p.process.exitValue(), p.output());
            assertTrue(p.output().contains(refused + "publishing rt/rosout ("), p.output());
        }
        try (ChildProcess p = new ChildProcess(dir.resolve("deaf.log"), env("Enforce"), "node", "--ros-args",
                "--enclave", "/deaf", "--disable-rosout-logs")) {
            assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), p.output());
            assertEquals(2, p.process.exitValue(), p.output());
            assertTrue(p.output().contains(refused + "subscribing to rt/estop ("), p.output());
        }
    }

    /** Also the control for the intruders above: the same odometry drives a node that is not secured. */
    @Test
    @Timeout(120)
    void permissiveWithAMissingFileRunsOpenWithTheWarning(@TempDir Path dir) throws Exception {
        try (WireRobot robot = new WireRobot(DOMAIN, LOOPBACK);
                ChildProcess node = node(dir, env("Permissive"), "--enclave", "/nowhere");
                NativePeer odom = NativePeer.startSecured(peer(), null, "odom", "60")) {
            // the peer without credentials that a secured node ignores drives this open one
            NodeOverDdsTest.await("motion on the plain peer's odometry", () -> robot.linear > 0, 30_000, node);
            odom.finish();
            assertTrue(node.output().contains("SROS 2 (ROS_SECURITY_STRATEGY=Permissive, enclave /nowhere): enclave"
                    + " directory " + keystore.root().resolve("enclaves/nowhere") + " does not exist; running"
                    + " unsecured, DDS domain " + DOMAIN + " is open"), node.output());
        }
    }

    @Test
    @Timeout(180)
    void simRobotNodeAndTopicRunASecuredLoop(@TempDir Path dir) throws Exception {
        try (WireRobot observer = new WireRobot(DOMAIN, LOOPBACK, keystore.enforced("/robot"));
                ChildProcess simRobot = new ChildProcess(dir.resolve("sim.log"), env("Enforce"), "sim-robot",
                        "--enclave", "/sim_robot");
                ChildProcess node = node(dir, env("Enforce"), "--enclave", "/cpo_node")) {
            NodeOverDdsTest.await("the node drives on sim-robot's odometry", () -> {
                String faults = observer.diagnostic("faults");
                return "none".equals(faults) && observer.linear > 0;
            }, 60_000, node);
            try (ChildProcess pub = new ChildProcess(dir.resolve("pub.log"), env("Enforce"), "topic", "pub", "/estop",
                    "std_msgs/msg/Bool", "{data: true}", "--enclave", "/cli", "--wait-matched", "10", "-r", "10",
                    "-t", "20")) {
                NodeOverDdsTest.await("the e-stop from the topic command",
                        () -> "topic".equals(observer.diagnostic("estop")) && observer.linear == 0.0, 30_000, node);
                assertTrue(pub.process.waitFor(30, TimeUnit.SECONDS), pub.output());
                assertEquals(0, pub.process.exitValue(), pub.output());
            }
            assertTrue(simRobot.output().contains("SROS 2 (Enforce): enclave /sim_robot"), simRobot.output());
        }
    }
}
