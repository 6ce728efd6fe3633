package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.cponode.control.ControlLoop;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.Bool;
import org.cponode.ros.msg.ChangeStateRequest;
import org.cponode.ros.msg.ChangeStateResponse;
import org.cponode.ros.msg.GetStateRequest;
import org.cponode.ros.msg.GetStateResponse;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.State;
import org.cponode.ros.msg.Transition;
import org.cponode.ros.msg.TransitionEvent;
import org.cponode.ros.msg.TriggerRequest;
import org.cponode.ros.msg.TriggerResponse;
import org.cponode.ros.msg.Twist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a managed node over DDS on loopback: a Java client drives it through its transitions with
 * {@code ~/change_state}, an independent robot node feeds odometry and records every {@code cmd_vel} command, and
 * every {@code ~/transition_event} is checked field by field.
 */
class ManagedNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The client's side: the robot, the lifecycle services and the transition events of node {@code name}. */
    private static final class Operator implements AutoCloseable {
        final WireRobot robot = new WireRobot(DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG);
        final RosNode caller = RosNode.create(DdsTestSupport.options("lifecycle_operator"));
        final List<Twist> commands = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<TransitionEvent> events = new LinkedBlockingQueue<>();
        final ServiceClient<ChangeStateRequest, ChangeStateResponse> change;
        final ServiceClient<GetStateRequest, GetStateResponse> get;
        final ServiceClient<TriggerRequest, TriggerResponse> releaseEstop;

        Operator(String name) throws InterruptedException {
            robot.node.subscribe("cmd_vel", Twist.TYPE, QosProfile.DEFAULT, commands::add);
            var watch = caller.subscribe("/" + name + "/transition_event", TransitionEvent.TYPE, QosProfile.DEFAULT,
                    events::add);
            change = ServiceClient.create(caller, "/" + name + "/change_state", ServiceType.CHANGE_STATE);
            get = ServiceClient.create(caller, "/" + name + "/get_state", ServiceType.GET_STATE);
            releaseEstop = ServiceClient.create(caller, "/" + name + "/release_estop", ServiceType.TRIGGER);
            assertTrue(change.waitForService(WAIT) && get.waitForService(WAIT) && releaseEstop.waitForService(WAIT),
                    "lifecycle services not discovered");
            assertTrue(DdsTestSupport.await(WAIT, () -> watch.matchedCount() > 0), "transition_event not matched");
        }

        boolean change(String label) throws Exception {
            return change.call(new ChangeStateRequest(new Transition((byte) 0, label)), WAIT).success();
        }

        State state() throws Exception {
            return get.call(new GetStateRequest(), WAIT).currentState();
        }

        /** The next two events are {@code label}'s into its transition state and out of it by {@code ending}. */
        void expectTransition(int id, String label, int startId, String start, int middleId, String middle,
                int endingId, String ending, int goalId, String goal) throws InterruptedException {
            expect(id, label, startId, start, middleId, middle);
            expect(endingId, ending, middleId, middle, goalId, goal);
        }

        void expect(int id, String label, int startId, String start, int goalId, String goal)
                throws InterruptedException {
            TransitionEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "no transition event " + label);
            assertEquals(new Transition((byte) id, label), e.transition());
            assertEquals(new State((byte) startId, start), e.startState());
            assertEquals(new State((byte) goalId, goal), e.goalState());
            assertTrue(e.timestamp() > 0, "stamped");
        }

        /** Sends odometry every 20 ms until the robot is commanded to move. */
        void driveUntilMoving() throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!(robot.linear > 0)) {
                assertTrue(System.nanoTime() < end, "no motion command");
                robot.sendOdom(0.0);
                Thread.sleep(20);
            }
        }

        /**
         * After a deactivation or shutdown has been answered: the stop's zeros arrive, the last command on the wire is
         * zero and, while odometry keeps coming, no command follows.
         */
        void expectZerosThenSilence(int movingBefore) throws InterruptedException {
            assertTrue(DdsTestSupport.await(WAIT, () -> zerosAtTheEnd() >= ControlLoop.STOP_ZEROS),
                    () -> "the stop's zeros did not arrive: " + commands.subList(Math.max(0, commands.size() - 5),
                            commands.size()));
            int size = commands.size();
            expectSilence();
            assertEquals(size, commands.size(), "commands after the stop");
            assertTrue(movingBefore > 0, "the node drove before the stop");
        }

        void expectSilence() throws InterruptedException {
            int size = commands.size();
            for (int i = 0; i < 30; i++) {
                robot.sendOdom(0.0);
                Thread.sleep(10);
            }
            assertEquals(size, commands.size(), "cmd_vel must stay silent");
        }

        private int zerosAtTheEnd() {
            List<Twist> c = new ArrayList<>(commands);
            int n = 0;
            for (int i = c.size() - 1; i >= 0 && c.get(i).linear().x() == 0 && c.get(i).angular().z() == 0; i--) {
                n++;
            }
            return n;
        }

        long moving() {
            return commands.stream().filter(t -> t.linear().x() != 0 || t.angular().z() != 0).count();
        }

        @Override
        public void close() {
            caller.close();
            robot.close();
        }
    }

    static NodeConfiguration config(String name, String... parameters) {
        List<String> args = new ArrayList<>(List.of("--ros-args", "-r", "__node:=" + name));
        for (String p : parameters) {
            args.add("-p");
            args.add(p);
        }
        return NodeConfiguration.resolve(RosArguments.parse(args));
    }

    static ManagedNode managed(NodeConfiguration cfg) {
        return ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN, DdsTestSupport.LOOPBACK_CONFIG,
                RosSecurity.OFF));
    }

    @Test
    @Timeout(180)
    void configureActivateDeactivateActivateAndShutDownWithZeroOnTheWire(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path policy = TestPolicies.constant(dir.resolve("forward.bin"), 0.5, 0.5);
        NodeConfiguration cfg = config("managed_robot", "policy:=" + policy, "checkpoint_dir:=" + dir,
                "startup_grace:=0.0");
        try (ManagedNode node = managed(cfg); Operator op = new Operator("managed_robot")) {
            assertEquals(new State((byte) 1, "unconfigured"), op.state());
            op.expectSilence();
            assertEquals(0, op.commands.size(), "unconfigured: nothing on cmd_vel");

            assertTrue(op.change("configure"));
            op.expectTransition(1, "configure", 1, "unconfigured", 10, "configuring", 10, "transition_success", 2,
                    "inactive");
            op.expectSilence();
            assertEquals(0, op.commands.size(), "inactive: nothing on cmd_vel");

            assertTrue(op.change("activate"));
            op.expectTransition(3, "activate", 2, "inactive", 13, "activating", 30, "transition_success", 3, "active");
            assertEquals(new State((byte) 3, "active"), op.state());
            op.driveUntilMoving();

            assertTrue(op.change("deactivate"));
            op.expectTransition(4, "deactivate", 3, "active", 14, "deactivating", 40, "transition_success", 2,
                    "inactive");
            op.expectZerosThenSilence((int) op.moving());

            long movedBefore = op.moving();
            assertTrue(op.change("activate"), "re-activation");
            op.expectTransition(3, "activate", 2, "inactive", 13, "activating", 30, "transition_success", 3, "active");
            op.driveUntilMoving();
            assertTrue(op.moving() > movedBefore, "it drives again");

            // an invalid transition is refused as rclcpp refuses it: success false, no event, nothing changes
            assertFalse(op.change("configure"));
            assertFalse(op.change("cleanup"));
            assertEquals(new State((byte) 3, "active"), op.state());
            op.driveUntilMoving();

            assertTrue(op.change("shutdown"));
            op.expectTransition(7, "shutdown", 3, "active", 12, "shuttingdown", 50, "transition_success", 4,
                    "finalized");
            op.expectZerosThenSilence((int) op.moving());
            assertEquals(new State((byte) 4, "finalized"), op.state());
            assertNull(node.configured(), "finalized: the configuration is released");
            assertFalse(op.change("configure"), "nothing leaves finalized");
            assertNull(op.events.poll(200, TimeUnit.MILLISECONDS), "an event no transition explains");
        }
    }

    /**
     * A configure that fails (the checkpoint is not there yet) answers false, says why and leaves the node
     * unconfigured, refusing the control services; once the file exists it configures. Cleanup releases the
     * configuration, and an e-stop latched in one configuration holds the next one.
     */
    @Test
    @Timeout(180)
    void aFailedConfigureCanBeRetriedAndAnEstopOutlivesCleanup(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        Path policy = dir.resolve("forward.bin");
        NodeConfiguration cfg = config("retried_robot", "policy:=" + policy, "checkpoint_dir:=" + dir,
                "startup_grace:=0.0");
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(new SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("org.cponode.ros").addHandler(capture);
        try (ManagedNode node = managed(cfg); Operator op = new Operator("retried_robot")) {
            assertFalse(op.change("configure"));
            op.expectTransition(1, "configure", 1, "unconfigured", 10, "configuring", 11, "transition_failure", 1,
                    "unconfigured");
            assertTrue(warnings.contains("/retried_robot: configure failed: no checkpoint at " + policy
                    + "; now unconfigured"), warnings::toString);
            assertEquals(new State((byte) 1, "unconfigured"), op.state());
            assertEquals(new TriggerResponse(false, "/retried_robot is unconfigured: configure it first"
                    + " (~/change_state)"), op.releaseEstop.call(new TriggerRequest(), WAIT));

            TestPolicies.constant(policy, 0.5, 0.5);
            assertTrue(op.change("configure"), "configured once the checkpoint exists");
            op.expectTransition(1, "configure", 1, "unconfigured", 10, "configuring", 10, "transition_success", 2,
                    "inactive");
            assertTrue(op.change("activate"));
            op.expectTransition(3, "activate", 2, "inactive", 13, "activating", 30, "transition_success", 3, "active");
            op.driveUntilMoving();

            op.robot.estop.publish(new Bool(true));
            assertTrue(DdsTestSupport.await(WAIT, () -> {
                op.robot.sendOdom(0.0);
                return op.robot.linear == 0.0;
            }), "the e-stop stops the robot");
            assertTrue(op.change("deactivate"));
            op.expectTransition(4, "deactivate", 3, "active", 14, "deactivating", 40, "transition_success", 2,
                    "inactive");
            RobotNode first = node.configured();
            assertTrue(op.change("cleanup"));
            op.expectTransition(2, "cleanup", 2, "inactive", 11, "cleaningup", 20, "transition_success", 1,
                    "unconfigured");
            assertNull(node.configured(), "cleanup releases the configuration");

            assertTrue(op.change("configure") && op.change("activate"));
            op.expectTransition(1, "configure", 1, "unconfigured", 10, "configuring", 10, "transition_success", 2,
                    "inactive");
            op.expectTransition(3, "activate", 2, "inactive", 13, "activating", 30, "transition_success", 3, "active");
            assertTrue(node.configured() != first, "a new configuration");
            long moving = op.moving();
            for (int i = 0; i < 30; i++) {
                op.robot.sendOdom(0.0);
                Thread.sleep(10);
            }
            assertTrue(DdsTestSupport.await(WAIT, () -> node.snapshot().estop() == NodeSnapshot.Estop.TOPIC),
                    () -> "the latched e-stop holds the new configuration: " + node.snapshot().estop());
            assertEquals(moving, op.moving(), "no motion through the e-stop of the previous configuration");
            op.robot.estop.publish(new Bool(false));
            op.driveUntilMoving();
        } finally {
            Logger.getLogger("org.cponode.ros").removeHandler(capture);
        }
    }
}
