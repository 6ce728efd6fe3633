package org.cponode.ros;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.cponode.ros.dds.CycloneConfig;
import org.cponode.ros.dds.DdsLibrary;

/**
 * Shared test setup for DDS tests: a loopback-only Cyclone configuration (no multicast, unicast discovery
 * on 127.0.0.1) and a domain id chosen per run, so tests never leave the host and parallel runs do not see
 * each other.
 */
public final class DdsTestSupport {

    /** Per-JVM domain in 1..101 (the range the ROS docs recommend on Linux). */
    public static final int DOMAIN = 1 + ThreadLocalRandom.current().nextInt(101);

    /** Cyclone configuration confining discovery and data to loopback. */
    public static final String LOOPBACK_CONFIG = CycloneConfig.loopbackOnly("any");

    private DdsTestSupport() {}

    /** Skips the test (with the loader's message) when libddsc is not installed. */
    public static void assumeCyclone() {
        boolean available = DdsLibrary.isAvailable();
        String why = "";
        if (!available) {
            try {
                DdsLibrary.require();
            } catch (RuntimeException e) {
                why = e.getMessage();
            }
        }
        assumeTrue(available, "Cyclone DDS not installed: " + why);
    }

    /** Options for a node on the test domain with the loopback configuration. */
    public static RosNode.Options options(String name) {
        return new RosNode.Options(name, "/", java.util.List.of(), DOMAIN, LOOPBACK_CONFIG);
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes; returns its last value. */
    public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
