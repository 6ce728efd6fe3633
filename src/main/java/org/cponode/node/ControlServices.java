package org.cponode.node;

import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceServer;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.SetBoolResponse;
import org.cponode.ros.msg.TriggerResponse;

/**
 * The node's operations as ROS services (std_srvs), answered with the same checks as the fleet commands that do the
 * same thing ({@link NodeControl#refusal}): a refusal is {@code success: false} with the reason as the message.
 * <ul>
 *   <li>{@code ~/release_estop} (Trigger): releases the fleet e-stop, as the fleet's {@code release_estop};</li>
 *   <li>{@code ~/set_learning} (SetBool): {@code data: true} resumes learning, {@code false} pauses it, as the
 *       fleet's {@code resume_learning} and {@code pause_learning}.</li>
 * </ul>
 */
public final class ControlServices {

    /** Name of the e-stop release service, relative to the node. */
    public static final String RELEASE_ESTOP = "~/release_estop";
    /** Name of the learning switch service, relative to the node. */
    public static final String SET_LEARNING = "~/set_learning";

    private ControlServices() {}

    /** Serves both services of {@code control} on {@code node} until the node closes. */
    public static void serve(RosNode node, NodeControl control) {
        ServiceServer.create(node, RELEASE_ESTOP, ServiceType.TRIGGER, q -> {
            String refused = NodeControl.refusal(control::releaseEstop);
            return new TriggerResponse(refused == null, refused == null ? "fleet e-stop released" : refused);
        });
        ServiceServer.create(node, SET_LEARNING, ServiceType.SET_BOOL, q -> {
            String refused = NodeControl.refusal(q.data() ? control::resumeLearning : control::pauseLearning);
            return new SetBoolResponse(refused == null,
                    refused != null ? refused : q.data() ? "learning resumed" : "learning paused");
        });
    }
}
