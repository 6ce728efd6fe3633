package org.cponode.node;

import java.util.function.Function;
import org.cponode.ros.LifecycleServer;
import org.cponode.ros.LifecycleState;

/**
 * The node as a ROS 2 managed node: the {@link LifecycleServer}'s transitions run {@link RobotNode}'s phases on one
 * {@link DdsRobotTransport} that lives as long as the process.
 * <ul>
 *   <li><b>configure</b>: {@link RobotNode#configure} (parameters, policy, checkpoint directory, fleet e-stop record;
 *       nothing is published), then the {@link Attachment} (the fleet link). A failure (a bad checkpoint, say)
 *       answers {@code success: false}, logs the reason and leaves the node unconfigured, holding nothing, so that
 *       it can be configured again;</li>
 *   <li><b>activate</b> / <b>deactivate</b>: {@link RobotNode#activate} / {@link RobotNode#deactivate}; inactive, the
 *       node publishes nothing on {@code cmd_vel} but the zeros of the deactivation;</li>
 *   <li><b>cleanup</b>: back to unconfigured, releasing what configure took (attachment, learner, policy, the
 *       transport's lease);</li>
 *   <li><b>shutdown</b>, from any primary state, and error processing: deactivation first (zero velocity on the
 *       wire when it was active), then the same release; the node ends finalized (or unconfigured after an error).</li>
 * </ul>
 * The std_srvs services ({@link ControlServices}) and the parameter services ({@link ParameterServices}) are served
 * once, for the node's whole life, and act on the current configuration, as every {@link NodeControl} call here
 * does; without one the std_srvs services and parameter sets are refused with the state named, while the parameter
 * services still list, get and describe the values the next configure starts from.
 */
public final class ManagedNode implements NodeControl, AutoCloseable {

    /** What lives as long as one configuration, e.g. the fleet link: opened after configure, closed before release. */
    @FunctionalInterface
    public interface Attachment {
        /** Releases it; must not throw. */
        void close();
    }

    private final NodeConfiguration configuration;
    private final SharedTransport transport;
    private final Function<? super RobotNode, ? extends Attachment> attach;
    private final ParameterServices parameters;
    private final LifecycleServer lifecycle;
    private volatile RobotNode configured;
    private Attachment attached;

    private ManagedNode(NodeConfiguration configuration, DdsRobotTransport transport,
            Function<? super RobotNode, ? extends Attachment> attach) {
        this.configuration = configuration;
        this.transport = new SharedTransport(transport);
        this.attach = attach;
        ControlServices.serve(transport.rosNode(), this);
        this.parameters = ParameterServices.serve(transport.rosNode(), configuration.parameters(),
                () -> unconfigured().getMessage());
        this.lifecycle = LifecycleServer.serve(transport.rosNode(), new Phases());
    }

    /**
     * The node on {@code transport}, unconfigured, serving its lifecycle and control services; it owns the transport
     * from here on (closed with the node, or at once if serving fails).
     *
     * @param attach opens what lives as long as one configuration (called after each successful configure; a
     *     failure fails the configure)
     * @throws IllegalArgumentException if a service cannot be created ({@link org.cponode.ros.RosSecurityException}:
     *     the SROS 2 permissions leave it out)
     */
    public static ManagedNode create(NodeConfiguration configuration, DdsRobotTransport transport,
            Function<? super RobotNode, ? extends Attachment> attach) {
        try {
            return new ManagedNode(configuration, transport, attach);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** {@link #create} with nothing attached to a configuration. */
    public static ManagedNode create(NodeConfiguration configuration, DdsRobotTransport transport) {
        return create(configuration, transport, node -> () -> { });
    }

    /** The state machine: its state, and {@link LifecycleServer#trigger} for transitions from this process. */
    public LifecycleServer lifecycle() {
        return lifecycle;
    }

    /** The current configuration's node, or null when unconfigured or finalized. */
    public RobotNode configured() {
        return configured;
    }

    private final class Phases implements LifecycleServer.Callbacks {
        @Override
        public void onConfigure() {
            SharedTransport.Lease lease = transport.lease();
            RobotNode node;
            try {
                node = RobotNode.configure(configuration, lease);
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            try {
                attached = attach.apply(node);
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
            configured = node;
            parameters.use(node.parameters(), node.clock());
        }

        @Override
        public void onCleanup() {
            release();
        }

        @Override
        public void onActivate() {
            configured.activate();
        }

        @Override
        public void onDeactivate() {
            configured.deactivate();
        }

        @Override
        public void onShutdown(LifecycleState from) {
            release();
        }

        @Override
        public void onError(LifecycleState from) {
            release();
        }
    }

    /**
     * Stops the robot if it drives, then releases the configuration, if there is one. The configuration stays
     * current until it is released, so that error processing retries what a failed cleanup or shutdown left.
     */
    private void release() {
        RobotNode node = configured;
        if (node == null) {
            return;
        }
        node.deactivate();
        Attachment a = attached;
        attached = () -> { };
        a.close();
        node.close();
        configured = null;
        parameters.use(null, null);
    }

    private NodeControl current() {
        RobotNode node = configured;
        if (node == null) {
            throw unconfigured();
        }
        return node;
    }

    private IllegalStateException unconfigured() {
        return new IllegalStateException(configuration.fullyQualifiedName() + " is " + lifecycle.state().label()
                + ": configure it first (~/change_state)");
    }

    @Override
    public void pauseLearning() {
        current().pauseLearning();
    }

    @Override
    public void resumeLearning() {
        current().resumeLearning();
    }

    @Override
    public void estop() {
        current().estop();
    }

    @Override
    public void releaseEstop() {
        current().releaseEstop();
    }

    @Override
    public void setCostLimit(String constraint, double limit) {
        current().setCostLimit(constraint, limit);
    }

    @Override
    public void loadPolicyVersion(long version) {
        current().loadPolicyVersion(version);
    }

    @Override
    public NodeSnapshot snapshot() {
        return current().snapshot();
    }

    /**
     * Shuts down from whatever primary state the node is in (zero velocity on the wire when it was active), then
     * closes the transport. Idempotent.
     */
    @Override
    public void close() {
        if (lifecycle.state() != LifecycleState.FINALIZED) {
            lifecycle.trigger("shutdown");
        }
        transport.close();
    }
}
