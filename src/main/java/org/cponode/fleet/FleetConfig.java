package org.cponode.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cponode.param.FloatingPointRange;
import org.cponode.param.IntegerRange;
import org.cponode.param.ParameterDeclaration;
import org.cponode.param.ParameterValues;

/**
 * Settings of the fleet link, checked when built: a {@code FleetConfig} that exists is usable. Every failure
 * is an {@link IllegalArgumentException} naming the parameter (as spelled in the node's parameters file).
 * The parameters, their types, defaults, units and ranges are {@link #DECLARATIONS}; each field is checked by
 * its declaration, whoever builds the record.
 *
 * <p>The declarations live here, with the link that reads them, and the node's parameter table includes them:
 * the fleet package keeps its own rules without reaching the node, and the node still declares, documents and
 * serves every parameter from one table.
 *
 * @param brokerUri broker address, {@code tcp://host:port} or {@code ssl://host:port} ({@code fleet.broker_uri}).
 * @param robotId this robot's id, one topic level of {@code A-Z a-z 0-9 _ . : -}, at most 64 characters
 *     ({@code fleet.robot_id}).
 * @param topicPrefix first topic level(s), "/"-separated levels of the same characters ({@code fleet.topic_prefix}).
 * @param username broker user name, or {@code null} for an anonymous connection ({@code fleet.username}).
 * @param password broker password, or {@code null}; needs a {@code username}. Kept out of {@link #toString()}.
 * @param tlsCaFile PEM file of the CA certificate(s) trusted for the broker, or {@code null} for the JVM's
 *     default trust store; only with {@code ssl://} ({@code fleet.tls.ca_file}).
 * @param tlsCertFile PEM client certificate (chain) for mutual TLS, or {@code null}; needs {@code tlsKeyFile}
 *     ({@code fleet.tls.cert_file}).
 * @param tlsKeyFile unencrypted PKCS#8 PEM private key of the client certificate, or {@code null}
 *     ({@code fleet.tls.key_file}).
 * @param telemetryRateHz highest publish rate of each telemetry stream, in Hz; faster calls are dropped and
 *     counted ({@code fleet.telemetry_rate}).
 * @param offlineBufferCapacity telemetry messages kept while the broker is unreachable; beyond it the oldest
 *     is dropped and counted ({@code fleet.offline_buffer}).
 * @param commandMaxAge commands whose {@code ts} is older than this (or this far in the future) are rejected
 *     as stale ({@code fleet.command_max_age}).
 * @param costLimitMin smallest cost limit a {@code set_cost_limit} command may set ({@code fleet.cost_limit_min}).
 * @param costLimitMax largest cost limit a {@code set_cost_limit} command may set ({@code fleet.cost_limit_max},
 *     ≥ costLimitMin).
 * @param keepAlive MQTT keep-alive; the broker publishes the offline Last Will after about 1.5 times this
 *     without traffic ({@code fleet.keepalive}, whole seconds).
 * @param reconnectBackoffMin first wait after a failed or lost connection ({@code fleet.reconnect_min}).
 * @param reconnectBackoffMax the wait doubles after each failure up to this ({@code fleet.reconnect_max},
 *     ≥ reconnectBackoffMin).
 */
public record FleetConfig(
        URI brokerUri,
        String robotId,
        String topicPrefix,
        String username,
        String password,
        Path tlsCaFile,
        Path tlsCertFile,
        Path tlsKeyFile,
        double telemetryRateHz,
        int offlineBufferCapacity,
        Duration commandMaxAge,
        double costLimitMin,
        double costLimitMax,
        Duration keepAlive,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax) {

    /** Prefix of the fleet link's parameters among the node's. */
    public static final String PREFIX = "fleet.";

    /** One topic level: VDA 5050's allowed characters (no '/', '+', '#', '$'). */
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    // One declaration per fleet.* parameter, named after it: its type, default, unit, range and rule.
    public static final ParameterDeclaration ENABLED = ParameterDeclaration.bool(PREFIX + "enabled", false,
            "the link is off unless true");
    public static final ParameterDeclaration BROKER_URI = ParameterDeclaration.string(PREFIX + "broker_uri", "", "",
            "tcp://host:port or ssl://host:port, required with fleet.enabled; off the loopback, the node warns of plain"
                    + " tcp:// and of anonymous access");
    public static final ParameterDeclaration ROBOT_ID = ParameterDeclaration.string(PREFIX + "robot_id", "", "",
            "this robot's id, one topic level, required with fleet.enabled")
            .rule("empty, or 1-64 characters of A-Z a-z 0-9 _ . : -",
                    v -> ((String) v).isEmpty() || isTopicLevel((String) v) ? null
                            : "must be 1-64 characters of A-Z a-z 0-9 _ . : -");
    public static final ParameterDeclaration TOPIC_PREFIX = ParameterDeclaration.string(PREFIX + "topic_prefix",
            "fleet", "", "topic level(s) before the robot id")
            .rule("'/'-separated levels of A-Z a-z 0-9 _ . : -",
                    v -> validTopicPrefix((String) v) ? null : "must be '/'-separated levels of A-Z a-z 0-9 _ . : -");
    public static final ParameterDeclaration USERNAME = ParameterDeclaration.string(PREFIX + "username", "", "",
            "broker account; empty: the robot id when a password file is set, else anonymous");
    public static final ParameterDeclaration PASSWORD_FILE = ParameterDeclaration.string(PREFIX + "password_file", "",
            "", "file whose first line (trimmed) is the broker password, which never goes in the parameters file;"
                    + " empty: none");
    public static final ParameterDeclaration TLS_CA_FILE = ParameterDeclaration.string(PREFIX + "tls.ca_file", "", "",
            "PEM CA certificate(s) trusted for the broker, ssl:// only; empty: the JVM's trust store");
    public static final ParameterDeclaration TLS_CERT_FILE = ParameterDeclaration.string(PREFIX + "tls.cert_file", "",
            "", "PEM client certificate (chain) for mutual TLS, with fleet.tls.key_file; empty: none");
    public static final ParameterDeclaration TLS_KEY_FILE = ParameterDeclaration.string(PREFIX + "tls.key_file", "", "",
            "PEM PKCS#8 unencrypted key of the client certificate; empty: none");
    public static final ParameterDeclaration TELEMETRY_RATE = ParameterDeclaration.real(PREFIX + "telemetry_rate", 2.0,
            "Hz", FloatingPointRange.above(0, 1000), "highest rate of each telemetry stream");
    public static final ParameterDeclaration OFFLINE_BUFFER = ParameterDeclaration.integer(PREFIX + "offline_buffer",
            1024, "", new IntegerRange(2, 65536),
            "telemetry messages kept while the broker is unreachable; the oldest is dropped and counted");
    public static final ParameterDeclaration COMMAND_MAX_AGE = ParameterDeclaration.real(PREFIX + "command_max_age",
            5.0, "s", FloatingPointRange.above(0, 3600),
            "a command whose ts is older (or further in the future) is rejected as stale");
    public static final ParameterDeclaration COST_LIMIT_MIN = ParameterDeclaration.real(PREFIX + "cost_limit_min", 0.0,
            "", FloatingPointRange.within(0, 1e9), "lowest cost limit set_cost_limit may set");
    public static final ParameterDeclaration COST_LIMIT_MAX = ParameterDeclaration.real(PREFIX + "cost_limit_max",
            1000.0, "", FloatingPointRange.within(0, 1e9), "highest cost limit set_cost_limit may set, >= the lowest");
    public static final ParameterDeclaration KEEPALIVE = ParameterDeclaration.real(PREFIX + "keepalive", 10.0, "s",
            FloatingPointRange.within(1, 65535),
            "MQTT keep-alive; the broker declares the robot offline after about 1.5 times this of silence")
            .rule("whole seconds", v -> (Double) v == Math.rint((Double) v) ? null : "must be whole seconds");
    public static final ParameterDeclaration RECONNECT_MIN = ParameterDeclaration.real(PREFIX + "reconnect_min", 0.5,
            "s", FloatingPointRange.above(0, 1e6), "first wait after a failed or lost connection");
    public static final ParameterDeclaration RECONNECT_MAX = ParameterDeclaration.real(PREFIX + "reconnect_max", 30.0,
            "s", FloatingPointRange.above(0, 1e6), "the wait doubles (±20 % jitter) up to this, >= the first");

    /** Every parameter of the link, in the order of the docs; the node's table includes them. */
    public static final List<ParameterDeclaration> DECLARATIONS = List.of(ENABLED, BROKER_URI, ROBOT_ID, TOPIC_PREFIX,
            USERNAME, PASSWORD_FILE, TLS_CA_FILE, TLS_CERT_FILE, TLS_KEY_FILE, TELEMETRY_RATE, OFFLINE_BUFFER,
            COMMAND_MAX_AGE, COST_LIMIT_MIN, COST_LIMIT_MAX, KEEPALIVE, RECONNECT_MIN, RECONNECT_MAX);

    /**
     * What an operator should know about this link's exposure: plain {@code tcp://} off the loopback (commands, and
     * the broker password if any, readable on the network) and anonymous access (only the broker's ACL keeps
     * others from commanding the robot). Empty for TLS with a username, or a broker on the loopback (on the robot
     * itself, or a tunnel ending there).
     */
    public List<String> exposureWarnings() {
        String host = brokerUri.getHost();
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) { // URI keeps IPv6 brackets
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        if ("tcp".equals(brokerUri.getScheme())) {
            warnings.add(brokerUri + " is plain tcp://: commands" + (username != null ? " and the broker password" : "")
                    + " cross the network unencrypted; use ssl:// (fleet.tls.*) off the robot");
        }
        if (username == null) {
            warnings.add("anonymous access to " + brokerUri + ": only the broker's ACL keeps others from commanding"
                    + " this robot; set fleet.username and fleet.password_file");
        }
        return warnings;
    }

    /** Checks every field: each by its declaration, then what holds between them. */
    public FleetConfig {
        if (brokerUri == null) {
            throw new IllegalArgumentException("fleet.broker_uri is required when the fleet link is enabled");
        }
        String scheme = brokerUri.getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("fleet.broker_uri must start with tcp:// or ssl://, got " + brokerUri);
        }
        if (brokerUri.getHost() == null || brokerUri.getPort() <= 0) {
            throw new IllegalArgumentException("fleet.broker_uri needs a host and a port, got " + brokerUri);
        }
        if (robotId == null || robotId.isEmpty()) {
            throw new IllegalArgumentException("fleet.robot_id is required when the fleet link is enabled");
        }
        ROBOT_ID.accept(robotId);
        TOPIC_PREFIX.accept(topicPrefix);
        if (username != null && username.isEmpty()) {
            throw new IllegalArgumentException("fleet.username must not be empty (null for anonymous access)");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("fleet.password_file needs fleet.username");
        }
        boolean tls = "ssl".equals(scheme);
        if (!tls && (tlsCaFile != null || tlsCertFile != null || tlsKeyFile != null)) {
            throw new IllegalArgumentException("fleet.tls.* files are set but fleet.broker_uri " + brokerUri
                    + " is not ssl://");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("fleet.tls.cert_file and fleet.tls.key_file must be given together");
        }
        requireReadable("fleet.tls.ca_file", tlsCaFile);
        requireReadable("fleet.tls.cert_file", tlsCertFile);
        requireReadable("fleet.tls.key_file", tlsKeyFile);
        TELEMETRY_RATE.accept(telemetryRateHz);
        OFFLINE_BUFFER.accept(offlineBufferCapacity);
        COMMAND_MAX_AGE.accept(seconds(commandMaxAge));
        COST_LIMIT_MIN.accept(costLimitMin);
        COST_LIMIT_MAX.accept(costLimitMax);
        if (costLimitMax < costLimitMin) {
            throw new IllegalArgumentException("fleet.cost_limit_max must be >= fleet.cost_limit_min ("
                    + costLimitMin + "), got " + costLimitMax);
        }
        KEEPALIVE.accept(seconds(keepAlive));
        RECONNECT_MIN.accept(seconds(reconnectBackoffMin));
        RECONNECT_MAX.accept(seconds(reconnectBackoffMax));
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("fleet.reconnect_max must be >= fleet.reconnect_min ("
                    + reconnectBackoffMin + "), got " + reconnectBackoffMax);
        }
    }

    /**
     * The link's settings from the node's {@code fleet.*} parameters ({@link #DECLARATIONS}, already accepted one
     * by one). Empty strings mean "none". Relative file paths resolve against the working directory. The password
     * is read from {@code fleet.password_file} (first line, surrounding whitespace trimmed) so it never sits in the
     * parameters file.
     *
     * @return empty if {@code fleet.enabled} is false (the default), else the checked configuration.
     * @throws IllegalArgumentException for a missing broker or robot id, an unreadable password file or any check of
     *     the record constructor.
     */
    public static Optional<FleetConfig> fromParameters(ParameterValues parameters) {
        if (!parameters.bool(ENABLED)) {
            return Optional.empty();
        }
        String uriText = parameters.string(BROKER_URI);
        if (uriText.isEmpty()) {
            throw new IllegalArgumentException("fleet.broker_uri is required when fleet.enabled is true");
        }
        URI brokerUri;
        try {
            brokerUri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("fleet.broker_uri is not a URI: " + e.getMessage(), e);
        }
        String robotId = parameters.string(ROBOT_ID);
        Path passwordFile = path(parameters.string(PASSWORD_FILE));
        String password = passwordFile == null ? null : readPassword(passwordFile);
        // One broker account per robot, named after it, is the convention the broker ACL (%u) relies on.
        String username = !parameters.string(USERNAME).isEmpty() ? parameters.string(USERNAME)
                : password != null ? robotId : null;
        return Optional.of(new FleetConfig(
                brokerUri,
                robotId,
                parameters.string(TOPIC_PREFIX),
                username,
                password,
                path(parameters.string(TLS_CA_FILE)),
                path(parameters.string(TLS_CERT_FILE)),
                path(parameters.string(TLS_KEY_FILE)),
                parameters.real(TELEMETRY_RATE),
                Math.toIntExact(parameters.integer(OFFLINE_BUFFER)),
                duration(parameters.real(COMMAND_MAX_AGE)),
                parameters.real(COST_LIMIT_MIN),
                parameters.real(COST_LIMIT_MAX),
                duration(parameters.real(KEEPALIVE)),
                duration(parameters.real(RECONNECT_MIN)),
                duration(parameters.real(RECONNECT_MAX))));
    }

    /** Topic of the retained status: {@code <prefix>/<robot_id>/status}. */
    public String statusTopic() {
        return robotTopic("status");
    }

    /** Topic of a telemetry stream: {@code <prefix>/<robot_id>/telemetry/<stream>}. */
    public String telemetryTopic(String stream) {
        return robotTopic("telemetry/" + stream);
    }

    /** Topic of an event kind: {@code <prefix>/<robot_id>/events/<kind>}. */
    public String eventTopic(String kind) {
        return robotTopic("events/" + kind);
    }

    /** Prefix of this robot's command topics, {@code <prefix>/<robot_id>/cmd/}; a verb follows. */
    public String commandTopicPrefix() {
        return robotTopic("cmd/");
    }

    /** True if {@code level} may be used as one topic level (a stream, event kind or verb). */
    public static boolean isTopicLevel(String level) {
        return level != null && TOPIC_LEVEL.matcher(level).matches();
    }

    /** Like the generated one, but the password is masked: configurations end up in logs. */
    @Override
    public String toString() {
        return "FleetConfig[brokerUri=" + brokerUri + ", robotId=" + robotId + ", topicPrefix=" + topicPrefix
                + ", username=" + username + ", password=" + (password == null ? "null" : "****")
                + ", tlsCaFile=" + tlsCaFile + ", tlsCertFile=" + tlsCertFile + ", tlsKeyFile=" + tlsKeyFile
                + ", telemetryRateHz=" + telemetryRateHz + ", offlineBufferCapacity=" + offlineBufferCapacity
                + ", commandMaxAge=" + commandMaxAge + ", costLimitMin=" + costLimitMin
                + ", costLimitMax=" + costLimitMax + ", keepAlive=" + keepAlive
                + ", reconnectBackoffMin=" + reconnectBackoffMin + ", reconnectBackoffMax=" + reconnectBackoffMax + "]";
    }

    private String robotTopic(String suffix) {
        return topicPrefix + "/" + robotId + "/" + suffix;
    }

    private static boolean validTopicPrefix(String prefix) {
        for (String level : prefix.split("/", -1)) {
            if (!TOPIC_LEVEL.matcher(level).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void requireReadable(String parameter, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(parameter + " " + file + " does not exist or is not readable");
        }
    }

    private static String readPassword(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String password = lines.isEmpty() ? "" : lines.getFirst().strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("fleet.password_file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new IllegalArgumentException("fleet.password_file " + file + " cannot be read: " + e, e);
        }
    }

    /** An empty parameter as none, else the path it names. */
    private static Path path(String value) {
        return value.isEmpty() ? null : Path.of(value);
    }

    private static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static double seconds(Duration d) {
        return d.toNanos() * 1e-9;
    }
}
