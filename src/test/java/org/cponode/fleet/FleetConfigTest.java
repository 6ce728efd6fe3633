package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cponode.param.ParameterValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters, defaults and validation messages of the fleet configuration. */
class FleetConfigTest {

    @TempDir
    Path dir;

    private static Map<String, Object> enabled(Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("fleet.enabled", true, "fleet.broker_uri", "tcp://127.0.0.1:1883",
                "fleet.robot_id", "robot-001"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    private static Optional<FleetConfig> config(Map<String, Object> parameters) {
        return FleetConfig.fromParameters(ParameterValues.of(FleetConfig.DECLARATIONS, parameters));
    }

    private static String failure(Map<String, Object> parameters) {
        return assertThrows(IllegalArgumentException.class, () -> config(parameters)).getMessage();
    }

    @Test
    void disabledByDefault() {
        assertTrue(config(Map.of()).isEmpty());
        assertTrue(config(Map.of("fleet.enabled", false, "fleet.broker_uri", "garbage")).isEmpty());
        assertTrue(failure(Map.of("control.rate", 20)).startsWith("unknown parameter 'control.rate'; declared:"
                + " fleet.enabled, fleet.broker_uri"), "only the link's parameters are its own");
    }

    /** Plain tcp:// off the loopback and anonymous access are named; the loopback default is quiet. */
    @Test
    void exposureIsNamedOffTheLoopback(@TempDir Path dir) throws IOException {
        assertEquals(java.util.List.of(), config(enabled()).orElseThrow().exposureWarnings());
        Map<String, Object> remote = new HashMap<>(enabled());
        remote.put("fleet.broker_uri", "tcp://fleet.example.org:1883");
        java.util.List<String> anonymous = config(remote).orElseThrow().exposureWarnings();
        assertEquals(2, anonymous.size(), anonymous.toString());
        assertTrue(anonymous.get(0).contains("unencrypted") && anonymous.get(1).contains("anonymous"), anonymous.toString());
        Path password = dir.resolve("password");
        Files.writeString(password, "secret\n");
        remote.put("fleet.username", "robot-001");
        remote.put("fleet.password_file", password.toString());
        java.util.List<String> withPassword = config(remote).orElseThrow().exposureWarnings();
        assertEquals(1, withPassword.size(), withPassword.toString());
        assertTrue(withPassword.get(0).contains("broker password"), withPassword.toString());
    }

    @Test
    void defaultsMatchTheDocumentation() {
        FleetConfig c = config(enabled()).orElseThrow();
        assertEquals(URI.create("tcp://127.0.0.1:1883"), c.brokerUri());
        assertEquals("fleet", c.topicPrefix());
        assertNull(c.username());
        assertNull(c.password());
        assertEquals(2.0, c.telemetryRateHz());
        assertEquals(1024, c.offlineBufferCapacity());
        assertEquals(Duration.ofSeconds(5), c.commandMaxAge());
        assertEquals(0.0, c.costLimitMin());
        assertEquals(1000.0, c.costLimitMax());
        assertEquals(Duration.ofSeconds(10), c.keepAlive());
        assertEquals(Duration.ofMillis(500), c.reconnectBackoffMin());
        assertEquals(Duration.ofSeconds(30), c.reconnectBackoffMax());
        assertEquals("fleet/robot-001/status", c.statusTopic());
        assertEquals("fleet/robot-001/telemetry/loop", c.telemetryTopic("loop"));
        assertEquals("fleet/robot-001/events/fault", c.eventTopic("fault"));
        assertEquals("fleet/robot-001/cmd/", c.commandTopicPrefix());
    }

    @Test
    void passwordComesFromItsFileAndNeverShowsInToString() throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "  s3cret-value \nsecond line ignored\n");
        FleetConfig c = config(enabled("fleet.password_file", file.toString(),
                "fleet.telemetry_rate", 10, "fleet.command_max_age", 2.5, "fleet.topic_prefix", "site-a/fleet"))
                .orElseThrow();
        assertEquals("s3cret-value", c.password());
        assertEquals("robot-001", c.username(), "user name defaults to the robot id");
        assertEquals(10.0, c.telemetryRateHz());
        assertEquals(Duration.ofMillis(2500), c.commandMaxAge());
        assertEquals("site-a/fleet/robot-001/status", c.statusTopic());
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertTrue(c.toString().contains("password=****"));

        Files.writeString(file, "\n");
        assertTrue(failure(enabled("fleet.password_file", file.toString())).endsWith("is empty"));
        assertTrue(failure(enabled("fleet.password_file", dir.resolve("missing").toString())).contains("cannot be read"));
    }

    @Test
    void typosWrongTypesAndBadValuesAreRejectedByParameterName() throws IOException {
        assertTrue(failure(enabled("fleet.telemetry_hz", 5.0)).startsWith("unknown parameter 'fleet.telemetry_hz'"));
        assertEquals("parameter 'fleet.enabled' must be a bool, got string 'yes'", failure(Map.of("fleet.enabled", "yes")));
        assertEquals("fleet.broker_uri is required when fleet.enabled is true", failure(Map.of("fleet.enabled", true)));
        assertEquals("fleet.broker_uri must start with tcp:// or ssl://, got http://h:1",
                failure(enabled("fleet.broker_uri", "http://h:1")));
        assertEquals("fleet.broker_uri needs a host and a port, got tcp://localhost",
                failure(enabled("fleet.broker_uri", "tcp://localhost")));
        assertEquals("fleet.robot_id is required when the fleet link is enabled", failure(enabled("fleet.robot_id", "")));
        assertTrue(failure(enabled("fleet.robot_id", "robot/1")).startsWith("parameter 'fleet.robot_id' must be"));
        assertTrue(failure(enabled("fleet.robot_id", "robot+")).startsWith("parameter 'fleet.robot_id' must be"));
        assertTrue(failure(enabled("fleet.topic_prefix", "fleet//x")).startsWith("parameter 'fleet.topic_prefix' must be"));
        assertEquals("parameter 'fleet.offline_buffer' must be a integer, got double 10.5",
                failure(enabled("fleet.offline_buffer", 10.5)));
        assertEquals("parameter 'fleet.offline_buffer' must lie in [2, 65536], got 1",
                failure(enabled("fleet.offline_buffer", 1)));
        assertEquals("parameter 'fleet.telemetry_rate' must be a double, got string '5'",
                failure(enabled("fleet.telemetry_rate", "5")));
        assertEquals("parameter 'fleet.telemetry_rate' must be > 0.0 and <= 1000.0, got 0.0",
                failure(enabled("fleet.telemetry_rate", 0)));
        assertEquals("parameter 'fleet.command_max_age' must be > 0.0 and <= 3600.0, got -1.0",
                failure(enabled("fleet.command_max_age", -1)));
        assertEquals("parameter 'fleet.cost_limit_min' must lie in [0.0, 1.0E9], got -1.0",
                failure(enabled("fleet.cost_limit_min", -1)));
        assertTrue(failure(enabled("fleet.cost_limit_min", 50, "fleet.cost_limit_max", 10))
                .startsWith("fleet.cost_limit_max must be >= fleet.cost_limit_min"));
        assertEquals("parameter 'fleet.keepalive' must be whole seconds, got 1.5", failure(enabled("fleet.keepalive", 1.5)));
        assertTrue(failure(enabled("fleet.reconnect_min", 2, "fleet.reconnect_max", 1))
                .startsWith("fleet.reconnect_max must be >= fleet.reconnect_min"));
        assertEquals(null, config(enabled("fleet.username", "")).orElseThrow().username(), "empty: anonymous");

        Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
        assertTrue(failure(enabled("fleet.tls.ca_file", ca.toString())).contains("is not ssl://"));
        assertEquals("fleet.tls.cert_file and fleet.tls.key_file must be given together",
                failure(enabled("fleet.broker_uri", "ssl://h:8883", "fleet.tls.cert_file", ca.toString())));
        assertTrue(failure(enabled("fleet.broker_uri", "ssl://h:8883", "fleet.tls.ca_file", dir.resolve("nope").toString()))
                .endsWith("does not exist or is not readable"));
    }

    @Test
    void aTlsFileThatIsNotPemIsReportedWhenTheLinkIsBuilt() throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.crt"), "not a certificate");
        FleetConfig c = config(enabled("fleet.broker_uri", "ssl://127.0.0.1:8883",
                "fleet.tls.ca_file", notPem.toString())).orElseThrow();
        String message = assertThrows(IllegalArgumentException.class,
                () -> new FleetLink(c, new RecordingHandler(), new FleetStatus(LearnerState.IDLE, 0, false,
                        List.of(new FleetStatus.Constraint("outside", 1))))).getMessage();
        assertTrue(message.contains("fleet.tls.ca_file") || message.contains("cannot set up TLS"), message);
    }
}
