package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.cponode.ros.RosSecurity;
import org.cponode.ros.DdsTestSupport;
import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetBoolRequest;
import org.cponode.ros.msg.SetBoolResponse;
import org.cponode.ros.msg.TriggerRequest;
import org.cponode.ros.msg.TriggerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The node's std_srvs services answer as the fleet commands do. */
class ControlServicesTest {

    @Test
    @Timeout(60)
    void releaseEstopAndSetLearningOnARunningNode(@TempDir Path dir) throws Exception {
        DdsTestSupport.assumeCyclone();
        NodeConfiguration cfg = RobotNodeTest.config("checkpoint_dir:=" + dir);
        ManagedNode node = ManagedNode.create(cfg, new DdsRobotTransport(cfg, DdsTestSupport.DOMAIN,
                DdsTestSupport.LOOPBACK_CONFIG, RosSecurity.OFF));
        assertTrue(node.lifecycle().trigger("configure").success() && node.lifecycle().trigger("activate").success());
        try (RosNode caller = RosNode.create(DdsTestSupport.options("control_caller"))) {
            node.estop();
            assertEquals(NodeSnapshot.Estop.RELEASED == node.snapshot().estop(), false);
            String fqn = cfg.fullyQualifiedName();
            ServiceClient<TriggerRequest, TriggerResponse> release = ServiceClient.create(caller, fqn + "/release_estop",
                    ServiceType.TRIGGER);
            ServiceClient<SetBoolRequest, SetBoolResponse> learning = ServiceClient.create(caller, fqn + "/set_learning",
                    ServiceType.SET_BOOL);
            assertTrue(release.waitForService(Duration.ofSeconds(10)) && learning.waitForService(Duration.ofSeconds(10)));
            assertEquals(new TriggerResponse(true, "fleet e-stop released"),
                    release.call(new TriggerRequest(), Duration.ofSeconds(5)));
            assertTrue(DdsTestSupport.await(Duration.ofSeconds(5), () -> node.snapshot().estop() == NodeSnapshot.Estop.RELEASED),
                    () -> "e-stop still " + node.snapshot().estop());
            assertEquals(new SetBoolResponse(true, "learning paused"), learning.call(new SetBoolRequest(false), Duration.ofSeconds(5)));
            assertEquals(new SetBoolResponse(true, "learning resumed"), learning.call(new SetBoolRequest(true), Duration.ofSeconds(5)));
        } finally {
            node.close();
        }
    }

    @Test
    @Timeout(60)
    void aRefusalIsSuccessFalseWithTheReason() throws Exception {
        DdsTestSupport.assumeCyclone();
        NodeControl refusing = new NodeControl() {
            public void pauseLearning() { throw new IllegalStateException("learner is saving a checkpoint"); }
            public void resumeLearning() { }
            public void estop() { }
            public void releaseEstop() { throw new IllegalStateException("fleet e-stop not released: disk full"); }
            public void setCostLimit(String constraint, double limit) { }
            public void loadPolicyVersion(long version) { }
            public NodeSnapshot snapshot() { return null; }
        };
        try (RosNode served = RosNode.create(DdsTestSupport.options("refusing"));
                RosNode caller = RosNode.create(DdsTestSupport.options("refusing_caller"))) {
            ControlServices.serve(served, refusing);
            ServiceClient<TriggerRequest, TriggerResponse> release = ServiceClient.create(caller, "/refusing/release_estop",
                    ServiceType.TRIGGER);
            ServiceClient<SetBoolRequest, SetBoolResponse> learning = ServiceClient.create(caller, "/refusing/set_learning",
                    ServiceType.SET_BOOL);
            assertTrue(release.waitForService(Duration.ofSeconds(10)) && learning.waitForService(Duration.ofSeconds(10)));
            assertEquals(new TriggerResponse(false, "fleet e-stop not released: disk full"),
                    release.call(new TriggerRequest(), Duration.ofSeconds(5)));
            assertEquals(new SetBoolResponse(false, "learner is saving a checkpoint"),
                    learning.call(new SetBoolRequest(false), Duration.ofSeconds(5)));
            assertEquals(new SetBoolResponse(true, "learning resumed"), learning.call(new SetBoolRequest(true), Duration.ofSeconds(5)));
        }
    }
}
