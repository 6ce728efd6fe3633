package org.cponode.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cponode.control.NodeClock;
import org.cponode.param.FloatingPointRange;
import org.cponode.param.IntegerRange;
import org.cponode.param.ParameterDeclaration;
import org.cponode.ros.ParameterMessages;
import org.cponode.ros.Publisher;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceServer;
import org.cponode.ros.msg.DescribeParametersResponse;
import org.cponode.ros.msg.GetParameterTypesResponse;
import org.cponode.ros.msg.GetParametersResponse;
import org.cponode.ros.msg.ListParametersResponse;
import org.cponode.ros.msg.ListParametersResult;
import org.cponode.ros.msg.Parameter;
import org.cponode.ros.msg.ParameterDescriptor;
import org.cponode.ros.msg.ParameterEvent;
import org.cponode.ros.msg.ParameterValue;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetParametersAtomicallyResponse;
import org.cponode.ros.msg.SetParametersResponse;
import org.cponode.ros.msg.SetParametersResult;
import org.cponode.ros.msg.Time;

/**
 * The node's parameters as rclcpp serves a node's ({@code parameter_service.cpp}), from the one table
 * ({@link NodeParameters#DECLARATIONS}) and the values the current configuration runs with ({@link LiveParameters};
 * {@link ManagedNode} serves them once for the node's whole life and {@link #use}s each configuration's):
 * <ul>
 *   <li>{@code ~/list_parameters}: the declared names under the request's prefixes to its depth (0: all), with the
 *       prefixes of the names listed;</li>
 *   <li>{@code ~/get_parameters}, {@code ~/describe_parameters}: values and descriptors (range, description with
 *       the unit, {@code read_only} unless live); nothing at all if any name is not declared;</li>
 *   <li>{@code ~/get_parameter_types}: type ids, {@code PARAMETER_NOT_SET} for a name not declared;</li>
 *   <li>{@code ~/set_parameters}: each parameter a set of its own, one result each;
 *       {@code ~/set_parameters_atomically}: all of them or none, one result;</li>
 *   <li>{@code /parameter_events}: one event per declared parameter at start ({@code new_parameters}) and one per
 *       applied set ({@code changed_parameters}), and one when a configuration changes the values read (below),
 *       stamped with the node's clock.</li>
 * </ul>
 * All with rmw's parameter QoS (reliable, volatile, keep last 1000). A refused set is {@code successful: false}
 * with the reason, rclcpp's for a name not declared or read-only.
 *
 * <p>Between configurations (unconfigured, finalized) the services answer as rclcpp_lifecycle's do in every state,
 * with the values the next configure starts from (the node's parameter files and {@code -p}); a set is refused then
 * ({@code successful: false}, the state named), since no configuration runs to apply it. A configuration starts from
 * those values, not from an earlier one's sets: when cleanup or a new configure changes what the node reads, one
 * {@code changed_parameters} event names the parameters whose values it changed.
 */
public final class ParameterServices {

    /** Where parameter events go (absolute: every node's share the topic). */
    public static final String EVENTS = "/parameter_events";

    private static final System.Logger LOG = System.getLogger("org.cponode.node");

    /** What the services act on: the current configuration's parameters and clock, or none. */
    private record Current(LiveParameters parameters, NodeClock clock) { }

    private final NodeParameters configured;
    private final NodeClock unconfiguredClock;
    private final String node;
    private final Publisher<ParameterEvent> events;
    private final Supplier<String> unconfigured;
    private volatile Current current;

    private ParameterServices(RosNode ros, NodeParameters configured, Supplier<String> unconfigured) {
        this.configured = configured;
        // sim time has no clock between configurations: stamped 0, as before the first /clock
        this.unconfiguredClock = configured.useSimTime() ? new NodeClock.Simulated() : new NodeClock.Wall();
        this.node = ros.names().fullyQualifiedNode();
        this.unconfigured = unconfigured;
        this.events = ros.publisher(EVENTS, ParameterEvent.TYPE, QosProfile.PARAMETERS);
    }

    /**
     * Serves the six services and publishes the declaration events on {@code ros} until it closes, unconfigured.
     *
     * @param configured the values the services read between configurations
     * @param unconfigured the reason a set is refused between configurations (the node's state)
     */
    static ParameterServices serve(RosNode ros, NodeParameters configured, Supplier<String> unconfigured) {
        ParameterServices s = new ParameterServices(ros, configured, unconfigured);
        QosProfile qos = QosProfile.PARAMETERS;
        ServiceServer.create(ros, "~/list_parameters", ServiceType.LIST_PARAMETERS, qos,
                q -> new ListParametersResponse(s.list(q.prefixes(), q.depth())));
        ServiceServer.create(ros, "~/get_parameters", ServiceType.GET_PARAMETERS, qos,
                q -> new GetParametersResponse(s.values(q.names())));
        ServiceServer.create(ros, "~/get_parameter_types", ServiceType.GET_PARAMETER_TYPES, qos,
                q -> new GetParameterTypesResponse(s.types(q.names())));
        ServiceServer.create(ros, "~/describe_parameters", ServiceType.DESCRIBE_PARAMETERS, qos,
                q -> new DescribeParametersResponse(s.descriptors(q.names())));
        ServiceServer.create(ros, "~/set_parameters", ServiceType.SET_PARAMETERS, qos, q -> {
            List<SetParametersResult> results = new ArrayList<>();
            for (Parameter p : q.parameters()) {
                results.add(s.set(List.of(p)));
            }
            return new SetParametersResponse(results);
        });
        ServiceServer.create(ros, "~/set_parameters_atomically", ServiceType.SET_PARAMETERS_ATOMICALLY, qos,
                q -> new SetParametersAtomicallyResponse(s.set(q.parameters())));
        for (ParameterEvent e : declarationEvents(s.node, s.stamp(), configured)) {
            s.publish(e);
        }
        return s;
    }

    /**
     * From now on the services act on {@code parameters} (a new configuration's, its sets announced as events) with
     * its {@code clock}; null for none (after cleanup or shutdown). Announces the values this changes.
     */
    synchronized void use(LiveParameters parameters, NodeClock clock) {
        NodeParameters before = values();
        current = parameters == null ? null : new Current(parameters, clock);
        if (parameters != null) {
            parameters.addListener((names, now) -> {
                Current c = current;
                if (c != null && c.parameters() == parameters) { // a released configuration's sets are its own
                    publish(changeEvent(node, stamp(), names, now));
                }
            });
        }
        NodeParameters after = values();
        Map<String, Object> was = before.asMap();
        List<String> changed = after.asMap().entrySet().stream()
                .filter(e -> !e.getValue().equals(was.get(e.getKey()))).map(Map.Entry::getKey).toList();
        if (!changed.isEmpty()) {
            publish(changeEvent(node, stamp(), changed, after));
        }
    }

    /** The values served: the current configuration's, or the ones the next configure starts from. */
    private NodeParameters values() {
        Current c = current;
        return c == null ? configured : c.parameters().current();
    }

    /** What rclcpp sends as it declares a node's parameters: one event per parameter, in {@code new_parameters}. */
    static List<ParameterEvent> declarationEvents(String node, Time stamp, NodeParameters now) {
        return now.asMap().keySet().stream().map(name -> new ParameterEvent(stamp, node,
                parameters(List.of(name), now), List.of(), List.of())).toList();
    }

    /** The event of an applied set: the parameters it named, with their values now, in {@code changed_parameters}. */
    static ParameterEvent changeEvent(String node, Time stamp, List<String> names, NodeParameters now) {
        return new ParameterEvent(stamp, node, List.of(), parameters(names, now), List.of());
    }

    /** rclcpp's listing: a name is listed if no prefix is asked for, or it is or lies under one, within depth. */
    ListParametersResult list(List<String> prefixes, long depth) {
        List<String> names = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String name : values().asMap().keySet()) {
            boolean all = prefixes.isEmpty() && (depth == 0 || Long.compareUnsigned(dots(name), depth) < 0);
            boolean under = prefixes.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + ".")
                    && (depth == 0 || Long.compareUnsigned(dots(name.substring(p.length())), depth) < 0));
            if (all || under) {
                names.add(name);
                int last = name.lastIndexOf('.');
                if (last >= 0 && !found.contains(name.substring(0, last))) {
                    found.add(name.substring(0, last));
                }
            }
        }
        return new ListParametersResult(names, found);
    }

    private static long dots(String s) {
        return s.chars().filter(c -> c == '.').count();
    }

    /** The values of {@code names}, or none if one of them is not declared. */
    List<ParameterValue> values(List<String> names) {
        Map<String, Object> now = values().asMap();
        if (!now.keySet().containsAll(names)) {
            return List.of();
        }
        return names.stream().map(n -> ParameterMessages.message(now.get(n))).toList();
    }

    /** The type id of each of {@code names}, {@code PARAMETER_NOT_SET} where one is not declared. */
    byte[] types(List<String> names) {
        Map<String, Object> now = values().asMap();
        byte[] out = new byte[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = now.containsKey(names.get(i)) ? NodeParameters.declaration(names.get(i)).type().rosTypeId()
                    : ParameterMessages.NOT_SET;
        }
        return out;
    }

    /** The descriptors of {@code names}, or none if one of them is not declared. */
    List<ParameterDescriptor> descriptors(List<String> names) {
        if (!values().asMap().keySet().containsAll(names)) {
            return List.of();
        }
        return names.stream().map(n -> descriptor(NodeParameters.declaration(n))).toList();
    }

    /** The descriptor of a declaration: type, description with its unit, range, what else it asks, read-only. */
    static ParameterDescriptor descriptor(ParameterDeclaration d) {
        List<org.cponode.ros.msg.FloatingPointRange> floating = d.range() instanceof FloatingPointRange f
                ? List.of(new org.cponode.ros.msg.FloatingPointRange(f.from(), f.to(), 0)) : List.of();
        List<org.cponode.ros.msg.IntegerRange> integer = d.range() instanceof IntegerRange r
                ? List.of(new org.cponode.ros.msg.IntegerRange(r.from(), r.to(), 0)) : List.of();
        return new ParameterDescriptor(d.name(), d.type().rosTypeId(), d.descriptionWithUnit(),
                d.additionalConstraints(), !d.live(), false, floating, integer);
    }

    /** One set of {@code requested}: applied whole, or refused with the reason and nothing changed. */
    SetParametersResult set(List<Parameter> requested) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Parameter p : requested) {
            changes.put(p.name(), ParameterMessages.value(p.value()));
        }
        Current c = current;
        String refused = c == null ? unconfigured.get() : NodeControl.refusal(() -> c.parameters().set(changes));
        return new SetParametersResult(refused == null, refused == null ? "" : refused);
    }

    private static List<Parameter> parameters(List<String> names, NodeParameters now) {
        Map<String, Object> values = now.asMap();
        return names.stream().map(n -> new Parameter(n, ParameterMessages.message(values.get(n)))).toList();
    }

    /** The node's time now (0 on sim time before the first {@code /clock}). */
    private Time stamp() {
        Current c = current;
        double t = (c == null ? unconfiguredClock : c.clock()).now();
        long whole = (long) Math.floor(t);
        return new Time((int) whole, (int) Math.min(999_999_999L, Math.round((t - whole) * 1e9)));
    }

    /** One event; a failed publish is logged, never the setter's problem (the set has applied). */
    private void publish(ParameterEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "parameter event not published: " + e.getMessage());
        }
    }
}
