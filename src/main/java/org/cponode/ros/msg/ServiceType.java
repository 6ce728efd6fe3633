package org.cponode.ros.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cponode.ros.msg.MessageSchema.Field;
import org.cponode.ros.msg.MessageSchema.Message;
import org.cponode.ros.msg.MessageSchema.Primitive;
import org.cponode.ros.msg.MessageSchema.Scalar;

/**
 * A ROS 2 service type ({@code pkg/srv/Name}): its request and response messages, their DDS types as
 * rmw_cyclonedds sends them (the body prefixed by the 16-byte request header, see {@link ServiceSample}) and the
 * service's REP 2011 type hash.
 *
 * @param <Q> the request record
 * @param <R> the response record
 */
public final class ServiceType<Q, R> {

    /** The header fields rmw_cyclonedds prepends ({@code serdata.hpp}'s {@code cdds_request_header_t}). */
    private static final List<Field> HEADER = List.of(new Field("guid", new Scalar(Primitive.UINT64), null),
            new Field("seq", new Scalar(Primitive.INT64), null));
    /** What rosidl gives an empty message, so that the wire struct still carries its one byte. */
    private static final Field PLACEHOLDER = new Field("structure_needs_at_least_one_member", new Scalar(Primitive.UINT8), null);
    /** Where the body starts in the wire struct: after two 8-byte fields, so its fields keep their own offsets. */
    private static final long BODY = 16;

    /** {@code std_srvs/srv/Trigger}: empty request, {@code bool success; string message}. */
    public static final ServiceType<TriggerRequest, TriggerResponse> TRIGGER =
            new ServiceType<>("std_srvs/srv/Trigger", TriggerRequest.TYPE, TriggerResponse.TYPE);
    /** {@code std_srvs/srv/SetBool}: {@code bool data}, then {@code bool success; string message}. */
    public static final ServiceType<SetBoolRequest, SetBoolResponse> SET_BOOL =
            new ServiceType<>("std_srvs/srv/SetBool", SetBoolRequest.TYPE, SetBoolResponse.TYPE);
    /** {@code rcl_interfaces/srv/ListParameters}: the names under some prefixes, to a depth (0: all). */
    public static final ServiceType<ListParametersRequest, ListParametersResponse> LIST_PARAMETERS =
            new ServiceType<>("rcl_interfaces/srv/ListParameters", ListParametersRequest.TYPE,
                    ListParametersResponse.TYPE);
    /** {@code rcl_interfaces/srv/GetParameters}: values by name. */
    public static final ServiceType<GetParametersRequest, GetParametersResponse> GET_PARAMETERS =
            new ServiceType<>("rcl_interfaces/srv/GetParameters", GetParametersRequest.TYPE, GetParametersResponse.TYPE);
    /** {@code rcl_interfaces/srv/GetParameterTypes}: type ids by name. */
    public static final ServiceType<GetParameterTypesRequest, GetParameterTypesResponse> GET_PARAMETER_TYPES =
            new ServiceType<>("rcl_interfaces/srv/GetParameterTypes", GetParameterTypesRequest.TYPE,
                    GetParameterTypesResponse.TYPE);
    /** {@code rcl_interfaces/srv/DescribeParameters}: descriptors by name. */
    public static final ServiceType<DescribeParametersRequest, DescribeParametersResponse> DESCRIBE_PARAMETERS =
            new ServiceType<>("rcl_interfaces/srv/DescribeParameters", DescribeParametersRequest.TYPE,
                    DescribeParametersResponse.TYPE);
    /** {@code rcl_interfaces/srv/SetParameters}: each parameter set on its own, one result each. */
    public static final ServiceType<SetParametersRequest, SetParametersResponse> SET_PARAMETERS =
            new ServiceType<>("rcl_interfaces/srv/SetParameters", SetParametersRequest.TYPE, SetParametersResponse.TYPE);
    /** {@code rcl_interfaces/srv/SetParametersAtomically}: all the parameters or none, one result. */
    public static final ServiceType<SetParametersAtomicallyRequest, SetParametersAtomicallyResponse>
            SET_PARAMETERS_ATOMICALLY = new ServiceType<>("rcl_interfaces/srv/SetParametersAtomically",
                    SetParametersAtomicallyRequest.TYPE, SetParametersAtomicallyResponse.TYPE);
    /** {@code lifecycle_msgs/srv/ChangeState}: a {@code Transition} (id, label), then {@code bool success}. */
    public static final ServiceType<ChangeStateRequest, ChangeStateResponse> CHANGE_STATE =
            new ServiceType<>("lifecycle_msgs/srv/ChangeState", ChangeStateRequest.TYPE, ChangeStateResponse.TYPE);
    /** {@code lifecycle_msgs/srv/GetState}: empty request, the current {@code State}. */
    public static final ServiceType<GetStateRequest, GetStateResponse> GET_STATE =
            new ServiceType<>("lifecycle_msgs/srv/GetState", GetStateRequest.TYPE, GetStateResponse.TYPE);
    /** {@code lifecycle_msgs/srv/GetAvailableStates}: empty request, every {@code State} of the state machine. */
    public static final ServiceType<GetAvailableStatesRequest, GetAvailableStatesResponse> GET_AVAILABLE_STATES =
            new ServiceType<>("lifecycle_msgs/srv/GetAvailableStates", GetAvailableStatesRequest.TYPE,
                    GetAvailableStatesResponse.TYPE);
    /** {@code lifecycle_msgs/srv/GetAvailableTransitions}: empty request, {@code TransitionDescription}s. */
    public static final ServiceType<GetAvailableTransitionsRequest, GetAvailableTransitionsResponse>
            GET_AVAILABLE_TRANSITIONS = new ServiceType<>("lifecycle_msgs/srv/GetAvailableTransitions",
                    GetAvailableTransitionsRequest.TYPE, GetAvailableTransitionsResponse.TYPE);
    /** Every service type of the schema. */
    public static final List<ServiceType<?, ?>> ALL = List.of(TRIGGER, SET_BOOL, LIST_PARAMETERS, GET_PARAMETERS,
            GET_PARAMETER_TYPES, DESCRIBE_PARAMETERS, SET_PARAMETERS, SET_PARAMETERS_ATOMICALLY, CHANGE_STATE,
            GET_STATE, GET_AVAILABLE_STATES, GET_AVAILABLE_TRANSITIONS);

    private final String rosName;
    private final MessageType<Q> request;
    private final MessageType<R> response;
    private final MessageType<ServiceSample<Q>> requestWire;
    private final MessageType<ServiceSample<R>> responseWire;
    private volatile String typeHash;

    /**
     * A service of {@code rosName} ({@code pkg/srv/Name}) whose messages are {@code pkg/srv/Name_Request} and
     * {@code pkg/srv/Name_Response}.
     *
     * @throws IllegalArgumentException if the message names do not follow from {@code rosName}
     */
    public ServiceType(String rosName, MessageType<Q> request, MessageType<R> response) {
        if (!rosName.contains("/srv/") || !request.rosName().equals(rosName + "_Request")
                || !response.rosName().equals(rosName + "_Response")) {
            throw new IllegalArgumentException("service " + rosName + " needs messages " + rosName + "_Request and "
                    + rosName + "_Response, got " + request.rosName() + " and " + response.rosName());
        }
        this.rosName = rosName;
        this.request = request;
        this.response = response;
        this.requestWire = wire(request);
        this.responseWire = wire(response);
    }

    /**
     * The DDS type of {@code body} with rmw_cyclonedds' request header: for Cyclone, a final struct
     * {@code {uint64 guid; int64 seq; <body fields>}} under the body's DDS type name. The body's fields start at
     * byte 16 (the body's alignment is at most 8), so the body's own codec runs at that offset.
     */
    static <T> MessageType<ServiceSample<T>> wire(MessageType<T> body) {
        Message m = body.schema();
        List<Field> fields = new ArrayList<>(HEADER);
        fields.addAll(m.fields().isEmpty() ? List.of(PLACEHOLDER) : m.fields());
        MessageSchema schema = body.messageSchema().with(new Message(m.rosName(), m.javaName(), fields));
        @SuppressWarnings("unchecked")
        Class<ServiceSample<T>> sampleClass = (Class<ServiceSample<T>>) (Class<?>) ServiceSample.class;
        return new MessageType<>(schema, m.rosName(), sampleClass,
                (in, at) -> new ServiceSample<>(in.i64(at), in.i64(at + 8), body.decode(in, at + BODY)),
                (s, out, at) -> {
                    out.i64(at, s.guid());
                    out.i64(at + 8, s.seq());
                    body.encode(Objects.requireNonNull(s.body(), "body"), out, at + BODY);
                });
    }

    /**
     * The type called {@code name}: {@code pkg/srv/Name} or the short {@code pkg/Name}.
     *
     * @throws IllegalArgumentException listing the known types if there is none
     */
    public static ServiceType<?, ?> forName(String name) {
        String full = name.contains("/srv/") ? name : name.replaceFirst("/", "/srv/");
        for (ServiceType<?, ?> t : ALL) {
            if (t.rosName.equals(full)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown service type " + name + "; known: "
                + ALL.stream().map(ServiceType::rosName).toList());
    }

    /** ROS name, e.g. {@code std_srvs/srv/Trigger}. */
    public String rosName() {
        return rosName;
    }

    /** The request message. */
    public MessageType<Q> request() {
        return request;
    }

    /** The response message. */
    public MessageType<R> response() {
        return response;
    }

    /** The request as sent on {@code rq/…Request}. */
    public MessageType<ServiceSample<Q>> requestWire() {
        return requestWire;
    }

    /** The response as sent on {@code rr/…Reply}. */
    public MessageType<ServiceSample<R>> responseWire() {
        return responseWire;
    }

    /**
     * The REP 2011 hash of the service type, which rmw_cyclonedds (Iron and later) puts in the USER_DATA of all
     * four endpoints: the description of {@code pkg/srv/Name} with its request, response and event messages (the
     * event as {@code service_msgs} defines it).
     */
    public String typeHash() {
        String h = typeHash;
        if (h == null) {
            String event = rosName + "_Event";
            MessageSchema schema = request.messageSchema().extend("""
                    service_msgs/msg/ServiceEventInfo
                      uint8 event_type
                      builtin_interfaces/msg/Time stamp
                      char[16] client_gid
                      int64 sequence_number
                    %1$s_Event as Event
                      service_msgs/msg/ServiceEventInfo info
                      %1$s_Request[<=1] request
                      %1$s_Response[<=1] response
                    %1$s as Service
                      %1$s_Request request_message
                      %1$s_Response response_message
                      %2$s event_message
                    """.formatted(rosName, event));
            h = TypeHash.of(schema, rosName);
            typeHash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return rosName;
    }
}
