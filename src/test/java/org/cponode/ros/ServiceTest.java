package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.cponode.ros.dds.DdscMatched;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetBoolRequest;
import org.cponode.ros.msg.SetBoolResponse;
import org.cponode.ros.msg.TriggerRequest;
import org.cponode.ros.msg.TriggerResponse;
import org.junit.jupiter.api.Test;

/** Java server and client over Cyclone on loopback: topics, header, USER_DATA, the service thread. */
class ServiceTest {

    @Test
    void clientsGetTheirOwnRepliesFromTheServiceThread() throws Exception {
        DdsTestSupport.assumeCyclone();
        AtomicReference<String> handlerThread = new AtomicReference<>();
        try (RosNode server = RosNode.create(DdsTestSupport.options("svc_server"));
                RosNode caller = RosNode.create(DdsTestSupport.options("svc_caller"))) {
            ServiceServer<TriggerRequest, TriggerResponse> reset = ServiceServer.create(server, "~/reset", ServiceType.TRIGGER,
                    q -> {
                        handlerThread.set(Thread.currentThread().getName());
                        return new TriggerResponse(true, "reset done");
                    });
            ServiceServer.create(server, "~/set", ServiceType.SET_BOOL,
                    q -> new SetBoolResponse(!q.data(), q.data() ? "on" : "refused: off"));
            assertEquals("/svc_server/reset", reset.name());
            ServiceClient<TriggerRequest, TriggerResponse> c1 = ServiceClient.create(caller, "/svc_server/reset", ServiceType.TRIGGER);
            ServiceClient<TriggerRequest, TriggerResponse> c2 = ServiceClient.create(caller, "/svc_server/reset", ServiceType.TRIGGER);
            ServiceClient<SetBoolRequest, SetBoolResponse> set = ServiceClient.create(caller, "/svc_server/set", ServiceType.SET_BOOL);
            assertTrue(c1.waitForService(Duration.ofSeconds(10)) && c2.waitForService(Duration.ofSeconds(10))
                    && set.waitForService(Duration.ofSeconds(10)), "service not discovered");

            CompletableFuture<TriggerResponse> a = c1.callAsync(new TriggerRequest());
            CompletableFuture<TriggerResponse> b = c2.callAsync(new TriggerRequest());
            assertEquals(new TriggerResponse(true, "reset done"), a.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(new TriggerResponse(true, "reset done"), b.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("ros-service-/svc_server/reset", handlerThread.get());
            assertEquals(new SetBoolResponse(false, "on"), set.call(new SetBoolRequest(true), Duration.ofSeconds(5)));
            assertEquals(new SetBoolResponse(true, "refused: off"), set.call(new SetBoolRequest(false), Duration.ofSeconds(5)));
            assertEquals(2, reset.servedCount());
            assertEquals(0, reset.unmatchedReplyCount());

            // the server's request reader as the client's writer sees it: serviceid first, then the service's hash
            String[] seen = DdscMatched.matchedSubscriptionUserData(c1.requestWriter().entity);
            assertEquals(1, seen.length, Arrays.toString(seen));
            assertTrue(seen[0].startsWith("serviceid="), seen[0]);
            if (!server.humbleGraph()) {
                assertTrue(seen[0].endsWith(";typehash=" + ServiceType.TRIGGER.typeHash() + ";"), seen[0]);
            }
        }
    }

    @Test
    void aRequestNobodyServesTimesOut() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode caller = RosNode.create(DdsTestSupport.options("svc_lonely"))) {
            ServiceClient<TriggerRequest, TriggerResponse> c = ServiceClient.create(caller, "/nobody/here", ServiceType.TRIGGER);
            assertEquals(false, c.waitForService(Duration.ofMillis(200)));
            assertThrows(TimeoutException.class, () -> c.call(new TriggerRequest(), Duration.ofMillis(200)));
        }
    }

    @Test
    void aHandlerThatThrowsLeavesTheRequestUnanswered() throws Exception {
        DdsTestSupport.assumeCyclone();
        try (RosNode server = RosNode.create(DdsTestSupport.options("svc_broken"));
                RosNode caller = RosNode.create(DdsTestSupport.options("svc_broken_caller"))) {
            ServiceServer<TriggerRequest, TriggerResponse> s = ServiceServer.create(server, "/broken", ServiceType.TRIGGER, q -> {
                throw new IllegalStateException("broken on purpose");
            });
            ServiceClient<TriggerRequest, TriggerResponse> c = ServiceClient.create(caller, "/broken", ServiceType.TRIGGER);
            assertTrue(c.waitForService(Duration.ofSeconds(10)));
            assertThrows(TimeoutException.class, () -> c.call(new TriggerRequest(), Duration.ofMillis(500)));
            assertEquals(1, s.failedCount());
        }
    }
}
