package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cponode.fleet.FleetConfig;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.ParameterMessages;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.DescribeParametersRequest;
import org.cponode.ros.msg.DescribeParametersResponse;
import org.cponode.ros.msg.FloatingPointRange;
import org.cponode.ros.msg.GetParameterTypesRequest;
import org.cponode.ros.msg.GetParameterTypesResponse;
import org.cponode.ros.msg.GetParametersRequest;
import org.cponode.ros.msg.GetParametersResponse;
import org.cponode.ros.msg.IntegerRange;
import org.cponode.ros.msg.ListParametersRequest;
import org.cponode.ros.msg.ListParametersResponse;
import org.cponode.ros.msg.Parameter;
import org.cponode.ros.msg.ParameterDescriptor;
import org.cponode.ros.msg.ParameterEvent;
import org.cponode.ros.msg.ParameterValue;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetParametersAtomicallyRequest;
import org.cponode.ros.msg.SetParametersAtomicallyResponse;
import org.cponode.ros.msg.SetParametersRequest;
import org.cponode.ros.msg.SetParametersResponse;
import org.cponode.ros.msg.SetParametersResult;
import org.cponode.ros.msg.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The six parameter services and /parameter_events of a running node, called over DDS by a Java client. */
class ParameterServicesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static <Q, R> ServiceClient<Q, R> client(RosNode caller, String fqn, String name, ServiceType<Q, R> type)
            throws InterruptedException {
        ServiceClient<Q, R> c = ServiceClient.create(caller, fqn + "/" + name, type, QosProfile.PARAMETERS);
        assertTrue(c.waitForService(WAIT), name + " not available");
        return c;
    }

    private static Parameter parameter(String name, Object value) {
        return new Parameter(name, ParameterMessages.message(value));
    }

    /** Every field of each parameter: name, type, the value of that type, and the other values empty. */
    private static List<String> fields(List<Parameter> parameters) {
        return parameters.stream().map(p -> {
            ParameterValue v = p.value();
            boolean othersEmpty = v.byteArrayValue().length + v.boolArrayValue().length
                    + v.integerArrayValue().length + v.doubleArrayValue().length + v.stringArrayValue().size() == 0
                    && (v.type() == ParameterMessages.STRING || v.stringValue().isEmpty())
                    && (v.type() == ParameterMessages.BOOL || !v.boolValue())
                    && (v.type() == ParameterMessages.INTEGER || v.integerValue() == 0)
                    && (v.type() == ParameterMessages.DOUBLE || v.doubleValue() == 0);
            return p.name() + " type " + v.type() + " = " + ParameterMessages.value(v) + (othersEmpty ? "" : " +more");
        }).toList();
    }

    @Test
    @Timeout(90)
    void listGetDescribeAndSetOnARunningNode(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir, "learning:=true");
        String fqn = cfg.fullyQualifiedName();
        try (RosNode caller = RosNode.create(DdsTestSupport.options("parameter_caller"))) {
            List<ParameterEvent> events = new CopyOnWriteArrayList<>();
            caller.subscribe(ParameterServices.EVENTS, ParameterEvent.TYPE, QosProfile.PARAMETERS, events::add);
            ManagedNode managed = ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                    DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
            try {
                assertTrue(managed.lifecycle().trigger("configure").success()
                        && managed.lifecycle().trigger("activate").success());
                RobotNode node = managed.configured();
                ListParametersResponse all = client(caller, fqn, "list_parameters", ServiceType.LIST_PARAMETERS)
                        .call(new ListParametersRequest(List.of(), 0), WAIT);
                assertEquals(List.copyOf(node.parameters().current().asMap().keySet()), all.result().names());
                assertTrue(all.result().names().containsAll(List.of("control_rate", "cost_limits.outside",
                        "fleet.tls.ca_file")) && !all.result().names().contains("cost_limits.speed"), all.toString());
                assertEquals(List.of("cost_limits", "fleet", "fleet.tls"), all.result().prefixes());
                // rclcpp counts the separator after the prefix: depth 2 under "fleet" is fleet.x, not fleet.tls.x
                ListParametersResponse fleetTop = client(caller, fqn, "list_parameters", ServiceType.LIST_PARAMETERS)
                        .call(new ListParametersRequest(List.of("fleet"), 2), WAIT);
                assertEquals(FleetConfig.DECLARATIONS.size() - 3, fleetTop.result().names().size(),
                        fleetTop.toString());
                assertEquals(List.of("fleet"), fleetTop.result().prefixes());

                ServiceClient<GetParametersRequest, GetParametersResponse> get = client(caller, fqn, "get_parameters",
                        ServiceType.GET_PARAMETERS);
                GetParametersResponse values = get.call(new GetParametersRequest(List.of("cost_limits.outside",
                        "learning", "batch_windows", "odom_topic")), WAIT);
                assertEquals(List.of(20.0, true, 8L, "odom"),
                        values.values().stream().map(ParameterMessages::value).toList());
                assertEquals(List.of(), get.call(new GetParametersRequest(List.of("learning", "bogus")), WAIT).values(),
                        "nothing if any name is not declared");

                GetParameterTypesResponse types = client(caller, fqn, "get_parameter_types",
                        ServiceType.GET_PARAMETER_TYPES).call(new GetParameterTypesRequest(List.of("use_sim_time",
                        "return_margin_steps", "control_rate", "fallback", "bogus")), WAIT);
                assertArrayEquals(new byte[] {1, 2, 3, 4, 0}, types.types());

                DescribeParametersResponse described = client(caller, fqn, "describe_parameters",
                        ServiceType.DESCRIBE_PARAMETERS).call(new DescribeParametersRequest(List.of("control_rate",
                        "max_linear_velocity", "batch_windows", "task")), WAIT);
                List<ParameterDescriptor> d = described.descriptors();
                assertEquals(new ParameterDescriptor("control_rate", (byte) 3,
                        "control loop rate; the policy was trained at 20 Hz (Hz)", "> 0.0", true, false,
                        List.of(new FloatingPointRange(0, 1000, 0)), List.of()), d.get(0));
                assertEquals(false, d.get(1).readOnly(), "max_linear_velocity is live");
                assertEquals(List.of(new IntegerRange(1, 10_000, 0)), d.get(2).integerRange());
                assertEquals("one of diffdrive-circle, diffdrive-circle-2c", d.get(3).additionalConstraints());

                ServiceClient<SetParametersRequest, SetParametersResponse> set = client(caller, fqn, "set_parameters",
                        ServiceType.SET_PARAMETERS);
                ServiceClient<SetParametersAtomicallyRequest, SetParametersAtomicallyResponse> atomic = client(caller,
                        fqn, "set_parameters_atomically", ServiceType.SET_PARAMETERS_ATOMICALLY);
                int eventsBefore = events.size();
                SetParametersResponse each = set.call(new SetParametersRequest(List.of(parameter("control_rate", 10.0),
                        parameter("bogus", 1L), parameter("cost_limits.outside", 12.5))), WAIT);
                assertEquals(List.of(
                        new SetParametersResult(false, "parameter 'control_rate' cannot be set because it is read-only"),
                        new SetParametersResult(false, "parameter 'bogus' cannot be set because it was not declared"),
                        new SetParametersResult(true, "")), each.results(), "each parameter on its own");
                assertArrayEquals(new double[] {12.5}, node.core().costLimits());
                assertTrue(DdsTestSupport.await(WAIT, () -> events.size() > eventsBefore), "the set's event");
                ParameterEvent changed = events.getLast();
                assertEquals(fqn, changed.node());
                assertEquals(List.of(), changed.newParameters());
                assertEquals(List.of("cost_limits.outside type 3 = 12.5"), fields(changed.changedParameters()));
                assertEquals(List.of(), changed.deletedParameters());
                assertTrue(changed.stamp().sec() > 0, "stamped with the node's (wall) clock");

                NodeParameters before = node.parameters().current();
                SetParametersAtomicallyResponse refused = atomic.call(new SetParametersAtomicallyRequest(List.of(
                        parameter("cost_limits.outside", 3.0), parameter("max_linear_velocity", 1.0))), WAIT);
                assertEquals(new SetParametersResult(false, "parameter 'max_linear_velocity' (1.0 m/s) must not exceed"
                        + " 0.22 m/s, the robot's maximum the node started with"), refused.result());
                assertEquals(before, node.parameters().current(), "a refused atomic set changes nothing");
                assertArrayEquals(new double[] {12.5}, node.core().costLimits());
                assertEquals(12.5, node.snapshot().constraints().getFirst().limit());

                SetParametersAtomicallyResponse accepted = atomic.call(new SetParametersAtomicallyRequest(List.of(
                        parameter("cost_limits.outside", 3.0), parameter("max_linear_velocity", 0.1),
                        parameter("learning", false))), WAIT);
                assertEquals(new SetParametersResult(true, ""), accepted.result());
                assertEquals(0.1, node.core().requestedLimits().maxLinearVelocity());
                assertTrue(node.learner().paused());
                assertEquals(List.of(3.0, 0.1, false), get.call(new GetParametersRequest(List.of("cost_limits.outside",
                        "max_linear_velocity", "learning")), WAIT).values().stream().map(ParameterMessages::value)
                        .toList());
                assertTrue(DdsTestSupport.await(WAIT, () -> events.getLast().changedParameters().size() == 3),
                        "one event for the atomic set");
                assertEquals(List.of("cost_limits.outside type 3 = 3.0", "max_linear_velocity type 3 = 0.1",
                        "learning type 1 = false"), fields(events.getLast().changedParameters()));
            } finally {
                managed.close();
            }
        }
    }

    /**
     * Served once for the managed node's life: between configurations they read the values the next configure
     * starts from and refuse sets; a new configuration starts from those values, and the event says which changed.
     */
    @Test
    @Timeout(90)
    void answerBetweenConfigurationsAndFollowTheCurrentOne(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir);
        String fqn = cfg.fullyQualifiedName();
        try (RosNode caller = RosNode.create(DdsTestSupport.options("parameter_caller"));
                ManagedNode managed = ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                        DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF))) {
            List<ParameterEvent> events = new CopyOnWriteArrayList<>();
            caller.subscribe(ParameterServices.EVENTS, ParameterEvent.TYPE, QosProfile.PARAMETERS, events::add);
            ServiceClient<GetParametersRequest, GetParametersResponse> get = client(caller, fqn, "get_parameters",
                    ServiceType.GET_PARAMETERS);
            ServiceClient<SetParametersRequest, SetParametersResponse> set = client(caller, fqn, "set_parameters",
                    ServiceType.SET_PARAMETERS);
            GetParametersRequest limit = new GetParametersRequest(List.of("cost_limits.outside"));
            assertEquals(List.of(20.0), get.call(limit, WAIT).values().stream().map(ParameterMessages::value)
                    .toList(), "unconfigured: the configuration's value");
            assertEquals(List.of(new SetParametersResult(false, fqn + " is unconfigured: configure it first"
                    + " (~/change_state)")), set.call(new SetParametersRequest(List.of(parameter("cost_limits.outside",
                    5.0))), WAIT).results());

            assertTrue(managed.lifecycle().trigger("configure").success());
            assertEquals(List.of(new SetParametersResult(true, "")), set.call(new SetParametersRequest(List.of(
                    parameter("cost_limits.outside", 5.0))), WAIT).results());
            assertArrayEquals(new double[] {5.0}, managed.configured().core().costLimits());
            assertTrue(managed.lifecycle().trigger("cleanup").success());
            assertEquals(List.of(20.0), get.call(limit, WAIT).values().stream().map(ParameterMessages::value)
                    .toList(), "cleaned up: the configuration's value again");
            assertTrue(DdsTestSupport.await(WAIT, () -> !events.isEmpty() && fields(events.getLast()
                    .changedParameters()).equals(List.of("cost_limits.outside type 3 = 20.0"))), "cleanup's event");

            assertTrue(managed.lifecycle().trigger("configure").success());
            assertEquals(List.of(new SetParametersResult(true, "")), set.call(new SetParametersRequest(List.of(
                    parameter("cost_limits.outside", 7.0))), WAIT).results(), "served once, on the new configuration");
            assertArrayEquals(new double[] {7.0}, managed.configured().core().costLimits());
            assertTrue(DdsTestSupport.await(WAIT, () -> fields(events.getLast().changedParameters())
                    .equals(List.of("cost_limits.outside type 3 = 7.0"))), "the new configuration's set announced");
        }
    }

    /** rclcpp announces each declared parameter in an event of its own as it declares it. */
    @Test
    void oneDeclarationEventPerParameter() {
        NodeParameters p = NodeParameters.defaults();
        Time stamp = new Time(5, 6);
        List<ParameterEvent> events = ParameterServices.declarationEvents("/cpo_node", stamp, p);
        assertEquals(p.asMap().size(), events.size());
        ParameterEvent rate = events.get(1);
        assertEquals(stamp, rate.stamp());
        assertEquals("/cpo_node", rate.node());
        assertEquals(List.of("control_rate type 3 = 20.0"), fields(rate.newParameters()));
        assertEquals(List.of(), rate.changedParameters());
        assertEquals(List.of(), rate.deletedParameters());
        assertEquals(List.copyOf(p.asMap().keySet()),
                events.stream().map(e -> e.newParameters().getFirst().name()).toList());
    }
}
