package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cponode.ros.msg.ChangeStateRequest;
import org.cponode.ros.msg.ChangeStateResponse;
import org.cponode.ros.msg.GetAvailableStatesRequest;
import org.cponode.ros.msg.GetAvailableStatesResponse;
import org.cponode.ros.msg.GetAvailableTransitionsRequest;
import org.cponode.ros.msg.GetAvailableTransitionsResponse;
import org.cponode.ros.msg.GetStateRequest;
import org.cponode.ros.msg.GetStateResponse;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.State;
import org.cponode.ros.msg.Transition;
import org.cponode.ros.msg.TransitionDescription;
import org.cponode.ros.msg.TransitionEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** rcl_lifecycle's state machine and rclcpp_lifecycle's services, with callbacks that succeed, fail or break. */
class LifecycleServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theTransitionsAreRclsDefaultStateMachine() {
        assertEquals(List.of(LifecycleTransition.CONFIGURE, LifecycleTransition.UNCONFIGURED_SHUTDOWN),
                LifecycleTransition.from(LifecycleState.UNCONFIGURED));
        assertEquals(List.of(LifecycleTransition.CLEANUP, LifecycleTransition.ACTIVATE,
                LifecycleTransition.INACTIVE_SHUTDOWN), LifecycleTransition.from(LifecycleState.INACTIVE));
        assertEquals(List.of(LifecycleTransition.DEACTIVATE, LifecycleTransition.ACTIVE_SHUTDOWN),
                LifecycleTransition.from(LifecycleState.ACTIVE));
        assertEquals(List.of(), LifecycleTransition.from(LifecycleState.FINALIZED));
        assertEquals(LifecycleTransition.ACTIVE_SHUTDOWN,
                LifecycleTransition.requested(LifecycleState.ACTIVE, 0, "shutdown"), "the label names it; id 0 is ros2's default");
        assertEquals(LifecycleTransition.ACTIVATE, LifecycleTransition.requested(LifecycleState.INACTIVE, 99, "activate"),
                "the label takes precedence over the id");
        assertEquals(LifecycleTransition.INACTIVE_SHUTDOWN, LifecycleTransition.requested(LifecycleState.INACTIVE, 6, ""));
        assertNull(LifecycleTransition.requested(LifecycleState.UNCONFIGURED, 3, ""), "activate from unconfigured");
        assertNull(LifecycleTransition.requested(LifecycleState.ACTIVE, 6, ""), "inactive's shutdown from active");
        assertNull(LifecycleTransition.requested(LifecycleState.UNCONFIGURED, 1, "activate"));
    }

    /** Callbacks that record their calls and do what the test sets next. */
    private static final class Recorder implements LifecycleServer.Callbacks {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile RuntimeException next;

        private synchronized void call(String what) {
            calls.add(what);
            RuntimeException e = next;
            next = null;
            if (e != null) {
                throw e;
            }
        }

        @Override public void onConfigure() { call("configure"); }
        @Override public void onCleanup() { call("cleanup"); }
        @Override public void onActivate() { call("activate"); }
        @Override public void onDeactivate() { call("deactivate"); }
        @Override public void onShutdown(LifecycleState from) { call("shutdown from " + from.label()); }
        @Override public void onError(LifecycleState from) { call("error from " + from.label()); }
    }

    @Test
    @Timeout(120)
    void servicesAndEventsFollowEveryTransitionFailureAndError() throws Exception {
        DdsTestSupport.assumeCyclone();
        Recorder callbacks = new Recorder();
        LinkedBlockingQueue<TransitionEvent> events = new LinkedBlockingQueue<>();
        try (RosNode managed = RosNode.create(DdsTestSupport.options("managed"));
                RosNode caller = RosNode.create(DdsTestSupport.options("lifecycle_caller"))) {
            LifecycleServer lifecycle = LifecycleServer.serve(managed, callbacks);
            Subscription<TransitionEvent> watch = caller.subscribe("/managed/transition_event", TransitionEvent.TYPE,
                    QosProfile.DEFAULT, events::add);
            ServiceClient<ChangeStateRequest, ChangeStateResponse> change =
                    ServiceClient.create(caller, "/managed/change_state", ServiceType.CHANGE_STATE);
            ServiceClient<GetStateRequest, GetStateResponse> get =
                    ServiceClient.create(caller, "/managed/get_state", ServiceType.GET_STATE);
            ServiceClient<GetAvailableStatesRequest, GetAvailableStatesResponse> states =
                    ServiceClient.create(caller, "/managed/get_available_states", ServiceType.GET_AVAILABLE_STATES);
            ServiceClient<GetAvailableTransitionsRequest, GetAvailableTransitionsResponse> available = ServiceClient
                    .create(caller, "/managed/get_available_transitions", ServiceType.GET_AVAILABLE_TRANSITIONS);
            ServiceClient<GetAvailableTransitionsRequest, GetAvailableTransitionsResponse> graph = ServiceClient
                    .create(caller, "/managed/get_transition_graph", ServiceType.GET_AVAILABLE_TRANSITIONS);
            for (ServiceClient<?, ?> c : List.of(change, get, states, available, graph)) {
                assertTrue(c.waitForService(WAIT), c.name());
            }
            assertTrue(DdsTestSupport.await(WAIT, () -> watch.matchedCount() > 0), "transition_event not matched");

            assertEquals(new GetStateResponse(new State((byte) 1, "unconfigured")), get.call(new GetStateRequest(), WAIT));
            assertEquals(List.of(description(1, "configure", 1, "unconfigured", 10, "configuring"),
                    description(5, "shutdown", 1, "unconfigured", 12, "shuttingdown")),
                    available.call(new GetAvailableTransitionsRequest(), WAIT).availableTransitions());

            // refused as rclcpp refuses: success false, no callback, no event, the state as it was
            assertFalse(change(change, 3, "").success(), "activate from unconfigured");
            assertFalse(change(change, 0, "deactivate").success());
            assertEquals(List.of(), callbacks.calls);
            assertEquals(LifecycleState.UNCONFIGURED, lifecycle.state());

            long before = now();
            assertTrue(change(change, 0, "configure").success());
            expect(events, before, 1, "configure", 1, "unconfigured", 10, "configuring");
            expect(events, before, 10, "transition_success", 10, "configuring", 2, "inactive");
            assertEquals(new GetStateResponse(new State((byte) 2, "inactive")), get.call(new GetStateRequest(), WAIT));
            assertEquals(List.of(description(2, "cleanup", 2, "inactive", 11, "cleaningup"),
                    description(3, "activate", 2, "inactive", 13, "activating"),
                    description(6, "shutdown", 2, "inactive", 12, "shuttingdown")),
                    available.call(new GetAvailableTransitionsRequest(), WAIT).availableTransitions());

            // a failure takes the failure path back, with the reason
            callbacks.next = new IllegalStateException("no odometry yet");
            before = now();
            assertFalse(change(change, 3, "").success());
            expect(events, before, 3, "activate", 2, "inactive", 13, "activating");
            expect(events, before, 31, "transition_failure", 13, "activating", 2, "inactive");

            before = now();
            assertTrue(change(change, 3, "").success(), "an activation after a failed one");
            expect(events, before, 3, "activate", 2, "inactive", 13, "activating");
            expect(events, before, 30, "transition_success", 13, "activating", 3, "active");
            before = now();
            assertTrue(change(change, 4, "").success());
            expect(events, before, 4, "deactivate", 3, "active", 14, "deactivating");
            expect(events, before, 40, "transition_success", 14, "deactivating", 2, "inactive");

            // an error goes through errorprocessing, which ends unconfigured when its callback succeeds
            callbacks.next = new ArithmeticException("broken");
            before = now();
            assertFalse(change(change, 0, "cleanup").success());
            expect(events, before, 2, "cleanup", 2, "inactive", 11, "cleaningup");
            expect(events, before, 22, "transition_error", 11, "cleaningup", 15, "errorprocessing");
            expect(events, before, 60, "transition_success", 15, "errorprocessing", 1, "unconfigured");
            assertEquals(LifecycleState.UNCONFIGURED, lifecycle.state());

            GetAvailableStatesResponse all = states.call(new GetAvailableStatesRequest(), WAIT);
            assertEquals(List.of(new State((byte) 0, "unknown"), new State((byte) 1, "unconfigured"),
                    new State((byte) 2, "inactive"), new State((byte) 3, "active"), new State((byte) 4, "finalized"),
                    new State((byte) 10, "configuring"), new State((byte) 11, "cleaningup"),
                    new State((byte) 12, "shuttingdown"), new State((byte) 13, "activating"),
                    new State((byte) 14, "deactivating"), new State((byte) 15, "errorprocessing")),
                    all.availableStates());
            List<TransitionDescription> everything = graph.call(new GetAvailableTransitionsRequest(), WAIT)
                    .availableTransitions();
            assertEquals(25, everything.size(), everything::toString);
            assertEquals(description(1, "configure", 1, "unconfigured", 10, "configuring"), everything.getFirst());
            assertEquals(description(62, "transition_error", 15, "errorprocessing", 4, "finalized"), everything.getLast());

            before = now();
            assertTrue(change(change, 0, "shutdown").success());
            expect(events, before, 5, "shutdown", 1, "unconfigured", 12, "shuttingdown");
            expect(events, before, 50, "transition_success", 12, "shuttingdown", 4, "finalized");
            assertEquals(List.of(), available.call(new GetAvailableTransitionsRequest(), WAIT).availableTransitions());
            assertFalse(change(change, 1, "").success(), "nothing leaves finalized");
            assertFalse(lifecycle.trigger("configure").success());

            assertEquals(List.of("configure", "activate", "activate", "deactivate", "cleanup", "error from inactive",
                    "shutdown from unconfigured"), callbacks.calls);
            assertNull(events.poll(200, TimeUnit.MILLISECONDS), "an event no transition explains");
        }
    }

    /** A failed shutdown still ends in finalized; the local trigger reports the callback's reason. */
    @Test
    @Timeout(60)
    void aFailedShutdownEndsFinalizedAndTheTriggerSaysWhy() {
        DdsTestSupport.assumeCyclone();
        Recorder callbacks = new Recorder();
        try (RosNode managed = RosNode.create(DdsTestSupport.options("managed_shutdown"))) {
            LifecycleServer lifecycle = LifecycleServer.serve(managed, callbacks);
            assertEquals(new LifecycleServer.Outcome(LifecycleState.INACTIVE, null), lifecycle.trigger("configure"));
            assertEquals(new LifecycleServer.Outcome(LifecycleState.ACTIVE, null), lifecycle.trigger("activate"));
            IllegalStateException unconfirmed = new IllegalStateException("zero velocity not confirmed");
            callbacks.next = unconfirmed;
            LifecycleServer.Outcome o = lifecycle.trigger("shutdown");
            assertEquals(new LifecycleServer.Outcome(LifecycleState.FINALIZED, unconfirmed), o);
            assertEquals("zero velocity not confirmed", o.reason());
            assertEquals(List.of("configure", "activate", "shutdown from active"), callbacks.calls);
            LifecycleServer.Outcome refused = lifecycle.trigger("activate");
            assertEquals(LifecycleState.FINALIZED, refused.state());
            assertEquals("no transition activate from state finalized", refused.reason());
        }
    }

    private static ChangeStateResponse change(ServiceClient<ChangeStateRequest, ChangeStateResponse> c, int id,
            String label) throws Exception {
        return c.call(new ChangeStateRequest(new Transition((byte) id, label)), WAIT);
    }

    private static TransitionDescription description(int id, String label, int startId, String start, int goalId,
            String goal) {
        return new TransitionDescription(new Transition((byte) id, label), new State((byte) startId, start),
                new State((byte) goalId, goal));
    }

    /** The next event is this one, stamped between {@code notBefore} and now (ns since the epoch). */
    private static void expect(LinkedBlockingQueue<TransitionEvent> events, long notBefore, int id, String label,
            int startId, String start, int goalId, String goal) throws InterruptedException {
        TransitionEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(e, "no event " + label);
        assertEquals(new Transition((byte) id, label), e.transition());
        assertEquals(new State((byte) startId, start), e.startState());
        assertEquals(new State((byte) goalId, goal), e.goalState());
        long stamp = e.timestamp();
        assertTrue(stamp >= notBefore && stamp <= now(), "timestamp " + stamp + " outside [" + notBefore + ", now]");
    }

    private static long now() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000_000L + n.getNano();
    }
}
