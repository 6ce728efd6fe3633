package org.cponode.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the fleet link, checked when built: a {@code FleetConfig} that exists is usable. Every failure
 * is an {@link IllegalArgumentException} naming the parameter (as spelled in the node's parameters file).
 * The parameters, their types, defaults and units are listed in the package documentation and docs/FLEET.md.
 *
 * @param brokerUri broker address, {@code tcp://host:port} or {@code ssl://host:port} ({@code fleet.broker_uri}).
 * @param robotId this robot's id, one topic level of {@code A-Z a-z 0-9 _ . : -}, at most 64 characters
 *     ({@code fleet.robot_id}).
 * @param topicPrefix first topic level(s), "/"-separated levels of the same characters ({@code fleet.topic_prefix},
 *     default {@value #DEFAULT_TOPIC_PREFIX}).
 * @param username broker user name, or {@code null} for an anonymous connection ({@code fleet.username}).
 * @param password broker password, or {@code null}; needs a {@code username}. Kept out of {@link #toString()}.
 * @param tlsCaFile PEM file of the CA certificate(s) trusted for the broker, or {@code null} for the JVM's
 *     default trust store; only with {@code ssl://} ({@code fleet.tls.ca_file}).
 * @param tlsCertFile PEM client certificate (chain) for mutual TLS, or {@code null}; needs {@code tlsKeyFile}
 *     ({@code fleet.tls.cert_file}).
 * @param tlsKeyFile unencrypted PKCS#8 PEM private key of the client certificate, or {@code null}
 *     ({@code fleet.tls.key_file}).
 * @param telemetryRateHz highest publish rate of each telemetry stream, in Hz; faster calls are dropped and
 *     counted ({@code fleet.telemetry_rate}, in (0, 1000]).
 * @param offlineBufferCapacity telemetry messages kept while the broker is unreachable; beyond it the oldest
 *     is dropped and counted ({@code fleet.offline_buffer}, in [2, 65536]).
 * @param commandMaxAge commands whose {@code ts} is older than this (or this far in the future) are rejected
 *     as stale ({@code fleet.command_max_age}, in (0 s, 1 h]).
 * @param costLimitMin smallest cost limit a {@code set_cost_limit} command may set ({@code fleet.cost_limit_min}, ≥ 0).
 * @param costLimitMax largest cost limit a {@code set_cost_limit} command may set ({@code fleet.cost_limit_max},
 *     ≥ costLimitMin).
 * @param keepAlive MQTT keep-alive; the broker publishes the offline Last Will after about 1.5 times this
 *     without traffic ({@code fleet.keepalive}, whole seconds in [1 s, 65535 s]).
 * @param reconnectBackoffMin first wait after a failed or lost connection ({@code fleet.reconnect_min}, > 0).
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

    /** Default of {@code fleet.topic_prefix}. */
    public static final String DEFAULT_TOPIC_PREFIX = "fleet";
    /** Default of {@code fleet.telemetry_rate}, in Hz. */
    public static final double DEFAULT_TELEMETRY_RATE_HZ = 2.0;
    /** Default of {@code fleet.offline_buffer}, in messages. */
    public static final int DEFAULT_OFFLINE_BUFFER = 1024;
    /** Default of {@code fleet.command_max_age}. */
    public static final Duration DEFAULT_COMMAND_MAX_AGE = Duration.ofSeconds(5);
    /** Default of {@code fleet.cost_limit_min}. */
    public static final double DEFAULT_COST_LIMIT_MIN = 0.0;
    /** Default of {@code fleet.cost_limit_max}. */
    public static final double DEFAULT_COST_LIMIT_MAX = 1000.0;
    /** Default of {@code fleet.keepalive}: short, so a dead robot is reported offline within ~15 s. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(10);
    /** Default of {@code fleet.reconnect_min}. */
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
    /** Default of {@code fleet.reconnect_max}. */
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

    /** Largest accepted {@code fleet.offline_buffer}: each slot keeps a message-sized buffer. */
    public static final int MAX_OFFLINE_BUFFER = 65536;

    /** One topic level: VDA 5050's allowed characters (no '/', '+', '#', '$'). */
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** Every parameter {@link #fromParameters} understands; any other {@code fleet.*} key is a typo. */
    public static final List<String> PARAMETER_NAMES = List.of(
            "fleet.enabled", "fleet.broker_uri", "fleet.robot_id", "fleet.topic_prefix", "fleet.username",
            "fleet.password_file", "fleet.tls.ca_file", "fleet.tls.cert_file", "fleet.tls.key_file",
            "fleet.telemetry_rate", "fleet.offline_buffer", "fleet.command_max_age", "fleet.cost_limit_min",
            "fleet.cost_limit_max", "fleet.keepalive", "fleet.reconnect_min", "fleet.reconnect_max");

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

    /** Checks every field; see the record comment for the accepted ranges. */
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
        if (robotId == null || !TOPIC_LEVEL.matcher(robotId).matches()) {
            throw new IllegalArgumentException("fleet.robot_id must be 1-64 characters of A-Z a-z 0-9 _ . : -, got "
                    + quote(robotId));
        }
        if (topicPrefix == null || !validTopicPrefix(topicPrefix)) {
            throw new IllegalArgumentException("fleet.topic_prefix must be '/'-separated levels of A-Z a-z 0-9 _ . : -,"
                    + " got " + quote(topicPrefix));
        }
        if (username != null && username.isEmpty()) {
            throw new IllegalArgumentException("fleet.username must not be empty (omit it for anonymous access)");
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
        if (!(telemetryRateHz > 0 && telemetryRateHz <= 1000)) {
            throw new IllegalArgumentException("fleet.telemetry_rate must be in (0, 1000] Hz, got " + telemetryRateHz);
        }
        if (offlineBufferCapacity < 2 || offlineBufferCapacity > MAX_OFFLINE_BUFFER) {
            throw new IllegalArgumentException("fleet.offline_buffer must be in [2, " + MAX_OFFLINE_BUFFER
                    + "] messages, got " + offlineBufferCapacity);
        }
        if (commandMaxAge == null || commandMaxAge.isNegative() || commandMaxAge.isZero()
                || commandMaxAge.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("fleet.command_max_age must be in (0 s, 3600 s], got " + commandMaxAge);
        }
        if (!Double.isFinite(costLimitMin) || costLimitMin < 0) {
            throw new IllegalArgumentException("fleet.cost_limit_min must be finite and >= 0, got " + costLimitMin);
        }
        if (!Double.isFinite(costLimitMax) || costLimitMax < costLimitMin) {
            throw new IllegalArgumentException("fleet.cost_limit_max must be finite and >= fleet.cost_limit_min ("
                    + costLimitMin + "), got " + costLimitMax);
        }
        if (keepAlive == null || keepAlive.toMillis() % 1000 != 0
                || keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65535) {
            throw new IllegalArgumentException("fleet.keepalive must be whole seconds in [1, 65535], got " + keepAlive);
        }
        if (reconnectBackoffMin == null || reconnectBackoffMin.isNegative() || reconnectBackoffMin.isZero()) {
            throw new IllegalArgumentException("fleet.reconnect_min must be > 0, got " + reconnectBackoffMin);
        }
        if (reconnectBackoffMax == null || reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("fleet.reconnect_max must be >= fleet.reconnect_min ("
                    + reconnectBackoffMin + "), got " + reconnectBackoffMax);
        }
    }

    /**
     * A configuration with every optional setting at its default: plain TCP, anonymous.
     *
     * @param brokerUri broker address, {@code tcp://} or {@code ssl://}.
     * @param robotId this robot's id (one topic level).
     * @return the checked configuration.
     */
    public static FleetConfig withDefaults(URI brokerUri, String robotId) {
        return new FleetConfig(brokerUri, robotId, DEFAULT_TOPIC_PREFIX, null, null, null, null, null,
                DEFAULT_TELEMETRY_RATE_HZ, DEFAULT_OFFLINE_BUFFER, DEFAULT_COMMAND_MAX_AGE, DEFAULT_COST_LIMIT_MIN,
                DEFAULT_COST_LIMIT_MAX, DEFAULT_KEEP_ALIVE, DEFAULT_RECONNECT_MIN, DEFAULT_RECONNECT_MAX);
    }

    /**
     * Reads the {@code fleet.*} entries of the node's parameters (keys without that prefix are ignored).
     * Relative file paths resolve against the working directory. The password is read from
     * {@code fleet.password_file} (first line, surrounding whitespace trimmed) so it never sits in the
     * parameters file.
     *
     * @param nestedOrFlat parameter map as loaded from YAML (String, Boolean, Integer/Long, Double values), with
     *     dotted keys ({@code fleet.tls.ca_file}) or nested maps ({@code fleet: {tls: {ca_file: …}}}), which
     *     are flattened to dotted keys. Not modified.
     * @return empty if {@code fleet.enabled} is absent or false (the default), else the checked configuration.
     * @throws IllegalArgumentException for an unknown {@code fleet.*} key, a key given both ways, a value of
     *     the wrong type, an unreadable password file or any check of the record constructor.
     */
    public static Optional<FleetConfig> fromParameters(Map<String, Object> nestedOrFlat) {
        Map<String, Object> parameters = new HashMap<>();
        flatten("", nestedOrFlat, parameters);
        for (String key : parameters.keySet()) {
            if (key.startsWith("fleet.") && !PARAMETER_NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown parameter " + key + "; known: " + PARAMETER_NAMES);
            }
        }
        Object enabled = parameters.get("fleet.enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw new IllegalArgumentException("fleet.enabled must be true or false, got " + describe(enabled));
        }
        if (!Boolean.TRUE.equals(enabled)) {
            return Optional.empty();
        }
        String uriText = string(parameters, "fleet.broker_uri", null);
        if (uriText == null) {
            throw new IllegalArgumentException("fleet.broker_uri is required when fleet.enabled is true");
        }
        URI brokerUri;
        try {
            brokerUri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("fleet.broker_uri is not a URI: " + e.getMessage(), e);
        }
        String robotId = string(parameters, "fleet.robot_id", null);
        Path passwordFile = path(parameters, "fleet.password_file");
        String password = passwordFile == null ? null : readPassword(passwordFile);
        // One broker account per robot, named after it, is the convention the broker ACL (%u) relies on.
        String username = string(parameters, "fleet.username", password != null ? robotId : null);
        return Optional.of(new FleetConfig(
                brokerUri,
                robotId,
                string(parameters, "fleet.topic_prefix", DEFAULT_TOPIC_PREFIX),
                username,
                password,
                path(parameters, "fleet.tls.ca_file"),
                path(parameters, "fleet.tls.cert_file"),
                path(parameters, "fleet.tls.key_file"),
                number(parameters, "fleet.telemetry_rate", DEFAULT_TELEMETRY_RATE_HZ),
                integer(parameters, "fleet.offline_buffer", DEFAULT_OFFLINE_BUFFER),
                seconds(parameters, "fleet.command_max_age", DEFAULT_COMMAND_MAX_AGE),
                number(parameters, "fleet.cost_limit_min", DEFAULT_COST_LIMIT_MIN),
                number(parameters, "fleet.cost_limit_max", DEFAULT_COST_LIMIT_MAX),
                seconds(parameters, "fleet.keepalive", DEFAULT_KEEP_ALIVE),
                seconds(parameters, "fleet.reconnect_min", DEFAULT_RECONNECT_MIN),
                seconds(parameters, "fleet.reconnect_max", DEFAULT_RECONNECT_MAX)));
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

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (into.putIfAbsent(key, e.getValue()) != null) {
                throw new IllegalArgumentException("parameter " + key + " is given twice (dotted and nested)");
            }
        }
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

    private static String string(Map<String, Object> parameters, String name, String fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(name + " must be a string, got " + describe(value));
        }
        return s;
    }

    private static Path path(Map<String, Object> parameters, String name) {
        String value = string(parameters, name, null);
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank (omit it instead)");
        }
        return value == null ? null : Path.of(value);
    }

    private static double number(Map<String, Object> parameters, String name, double fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + describe(value));
        }
        return n.doubleValue();
    }

    private static int integer(Map<String, Object> parameters, String name, int fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)
                || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw new IllegalArgumentException(name + " must be an integer, got " + describe(value));
        }
        return ((Number) value).intValue();
    }

    private static Duration seconds(Map<String, Object> parameters, String name, Duration fallback) {
        Object value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        double s = number(parameters, name, 0);
        if (s <= 0 || s > 1e6) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, got " + s);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static String describe(Object value) {
        return value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
