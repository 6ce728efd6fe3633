package org.cponode.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.ChangeStateRequest;
import org.cponode.ros.msg.GetAvailableTransitionsRequest;
import org.cponode.ros.msg.GetStateRequest;
import org.cponode.ros.msg.ServiceType;
import org.cponode.ros.msg.State;
import org.cponode.ros.msg.Transition;
import org.cponode.ros.msg.TransitionDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lifecycle get|set|list NODE [TRANSITION]}: a managed node's lifecycle services as {@code ros2 lifecycle}
 * calls them, with the same output.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "Get and change a ROS 2 managed node's lifecycle state (like `ros2 lifecycle`), over Cyclone DDS.",
        subcommands = {LifecycleCommand.Get.class, LifecycleCommand.Set.class, LifecycleCommand.ListTransitions.class})
public final class LifecycleCommand {

    /** The node and how to reach it: what every subcommand takes. */
    static final class Target {
        @Mixin
        TopicCommand.Common common;

        @Parameters(index = "0", description = "The managed node, e.g. /cpo_node (a name without / is in the root"
                + " namespace).")
        String node;

        @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for each service and then"
                + " for its reply. Default: ${DEFAULT-VALUE}.")
        double timeout;

        /** One call of the node's service {@code name} ({@code get_state}, ...). */
        <Q, R> R call(CommandSpec spec, String name, ServiceType<Q, R> type, Q request)
                throws TimeoutException, InterruptedException {
            if (!(timeout > 0) || Double.isInfinite(timeout)) {
                throw new IllegalArgumentException("--timeout must be a positive number, got " + timeout);
            }
            Duration wait = Duration.ofNanos((long) (timeout * 1e9));
            String service = (node.startsWith("/") ? node : "/" + node) + "/" + name;
            try (RosNode client = common.node(spec, service)) {
                ServiceClient<Q, R> c = ServiceClient.create(client, service, type);
                if (!c.waitForService(wait)) {
                    throw new TimeoutException("service " + c.name() + " not available within " + timeout + " s");
                }
                return c.call(request, wait);
            }
        }

        List<TransitionDescription> transitions(CommandSpec spec, String service)
                throws TimeoutException, InterruptedException {
            return call(spec, service, ServiceType.GET_AVAILABLE_TRANSITIONS, new GetAvailableTransitionsRequest())
                    .availableTransitions();
        }
    }

    /** {@code lifecycle get NODE}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the node's state, e.g. 'active [3]'.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Override
        public Integer call() throws InterruptedException {
            try {
                State s = target.call(spec, "get_state", ServiceType.GET_STATE, new GetStateRequest()).currentState();
                PrintWriter out = spec.commandLine().getOut();
                out.println(s.label() + " [" + Byte.toUnsignedInt(s.id()) + "]");
                out.flush();
                return 0;
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }

    /** {@code lifecycle set NODE TRANSITION}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Trigger a transition, by label (configure, cleanup, activate, deactivate, shutdown) or id;"
                    + " exit 1 if the node has no such transition from its state or it failed.")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Parameters(index = "1", description = "The transition, e.g. configure.")
        String transition;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            try {
                // as ros2 lifecycle: the label, else the id, among the transitions the node offers now
                List<TransitionDescription> available = target.transitions(spec, "get_available_transitions");
                Transition chosen = find(available, transition);
                if (chosen == null) {
                    StringBuilder sb = new StringBuilder("Unknown transition requested, available ones are:");
                    available.forEach(t -> sb.append("\n- ").append(t.transition().label()).append(" [")
                            .append(Byte.toUnsignedInt(t.transition().id())).append("]"));
                    err.println(sb);
                    return 1;
                }
                boolean success = target.call(spec, "change_state", ServiceType.CHANGE_STATE,
                        new ChangeStateRequest(chosen)).success();
                if (!success) {
                    err.println("Transitioning failed");
                    return 1;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("Transitioning successful");
                out.flush();
                return 0;
            } catch (TimeoutException e) {
                err.println(e.getMessage());
                return 1;
            }
        }

        private static Transition find(List<TransitionDescription> available, String requested) {
            for (TransitionDescription t : available) {
                if (t.transition().label().equals(requested)) {
                    return t.transition();
                }
            }
            for (TransitionDescription t : available) {
                if (Integer.toString(Byte.toUnsignedInt(t.transition().id())).equals(requested)) {
                    return t.transition();
                }
            }
            return null;
        }
    }

    /** {@code lifecycle list NODE [-a]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the transitions the node offers from its state (with -a, all of them).")
    static final class ListTransitions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = {"-a", "--all"}, description = "Every transition of the state machine.")
        boolean all;

        @Override
        public Integer call() throws InterruptedException {
            try {
                PrintWriter out = spec.commandLine().getOut();
                for (TransitionDescription t : target.transitions(spec,
                        all ? "get_transition_graph" : "get_available_transitions")) {
                    out.println("- " + t.transition().label() + " [" + Byte.toUnsignedInt(t.transition().id()) + "]");
                    out.println("\tStart: " + t.startState().label());
                    out.println("\tGoal: " + t.goalState().label());
                }
                out.flush();
                return 0;
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }
}
