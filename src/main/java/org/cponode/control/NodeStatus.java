package org.cponode.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One diagnostics report, as {@code diagnostic_msgs/DiagnosticStatus} carries it: level OK=0, WARN=1, ERROR=2,
 * STALE=3, a name {@code "<node>: control"}, a one-line message and ordered key/value pairs (rates, sensor ages,
 * cost vs limit, policy version, learner state).
 */
public record NodeStatus(String name, String hardwareId, byte level, String message, Map<String, String> values) {

    /** Diagnostic levels of diagnostic_msgs/DiagnosticStatus. */
    public static final byte OK = 0;
    public static final byte WARN = 1;
    public static final byte ERROR = 2;
    public static final byte STALE = 3;

    public NodeStatus {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
