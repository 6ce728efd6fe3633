package org.cponode.fleet;

import java.util.List;
import java.util.Map;
import org.cponode.param.ParameterValues;

/**
 * A robot process for {@link FleetLinkBrokerTest}: starts a fleet link, prints {@link #READY} once connected
 * and waits to be killed. Exits by itself (status 2) if it cannot connect within 20 s, and (status 3) after
 * 60 s, so a failed test leaves no orphan behind.
 */
public final class FleetLinkChild {

    static final String READY = "FLEET-LINK-CONNECTED";

    private FleetLinkChild() {
    }

    /** @param args broker URI, robot id, password file. */
    public static void main(String[] args) throws InterruptedException {
        FleetConfig config = FleetConfig.fromParameters(ParameterValues.of(FleetConfig.DECLARATIONS,
                Map.of("fleet.enabled", true, "fleet.broker_uri", args[0], "fleet.robot_id", args[1],
                        "fleet.password_file", args[2]))).orElseThrow();
        FleetLink link = new FleetLink(config, new RecordingHandler(),
                new FleetStatus(LearnerState.LEARNING, 2, false, List.of(new FleetStatus.Constraint("outside", 25.0))));
        link.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!link.isConnected()) {
            if (System.currentTimeMillis() > deadline) {
                System.out.println("not connected: " + link.lastConnectionError());
                System.exit(2);
            }
            Thread.sleep(20);
        }
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(60_000);
        System.exit(3);
    }
}
