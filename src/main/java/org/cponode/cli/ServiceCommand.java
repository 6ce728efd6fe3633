package org.cponode.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.cponode.ros.RosNode;
import org.cponode.ros.ServiceClient;
import org.cponode.ros.msg.MessageValues;
import org.cponode.ros.msg.ServiceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cpo-node service call}: ROS 2 service calls as rmw_cyclonedds makes them, without a ROS install. */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Call ROS 2 services over Cyclone DDS (rmw_cyclonedds' wire format).",
        subcommands = {ServiceCommand.Call.class})
public final class ServiceCommand {

    /** {@code service call SERVICE TYPE [VALUES]}. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "Call a service once and print the response as YAML; exit 1 if no reply came in time.")
    static final class Call implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TopicCommand.Common common;

        @Parameters(index = "0", description = "Service, e.g. /cpo_node/release_estop.")
        String service;

        @Parameters(index = "1", description = "Service type, e.g. std_srvs/srv/Trigger.")
        String type;

        @Parameters(index = "2", defaultValue = "{}", description = "Request values as YAML, e.g. '{data: true}'.")
        String values;

        @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for the service and then for "
                + "the reply. Default: ${DEFAULT-VALUE}.")
        double timeout;

        @Override
        public Integer call() throws Exception {
            if (!(timeout > 0) || Double.isInfinite(timeout)) {
                throw new IllegalArgumentException("--timeout must be a positive number, got " + timeout);
            }
            return call(ServiceType.forName(type));
        }

        private <Q, R> int call(ServiceType<Q, R> serviceType) throws Exception {
            Q request = TopicCommand.message(serviceType.request(), values);
            PrintWriter out = spec.commandLine().getOut();
            Duration wait = Duration.ofNanos((long) (timeout * 1e9));
            try (RosNode node = common.node(spec, service)) {
                ServiceClient<Q, R> client = ServiceClient.create(node, service, serviceType);
                if (!client.waitForService(wait)) {
                    spec.commandLine().getErr().println("service " + client.name() + " not available within " + timeout + " s");
                    return 1;
                }
                out.println("requester: making request: " + serviceType.rosName() + " on " + client.name());
                out.print(MessageValues.toYaml(request));
                out.flush();
                R response = client.call(request, wait);
                out.println("response:");
                out.print(MessageValues.toYaml(response));
                out.flush();
                return 0;
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
    }
}
