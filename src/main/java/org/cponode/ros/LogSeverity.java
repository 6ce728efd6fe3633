package org.cponode.ros;

import java.util.Locale;
import java.util.logging.Level;
import org.cponode.yaml.YamlErrors;

/**
 * rcl's log severities (rcutils' {@code RCUTILS_LOG_SEVERITY}, the {@code level} of rcl_interfaces/msg/Log) and how
 * they meet the java.util.logging levels the node's loggers use: System.Logger's DEBUG is FINE, INFO is INFO,
 * WARNING is WARNING and ERROR is SEVERE; Java has no fatal level, so FATAL is a level above SEVERE.
 */
public enum LogSeverity {
    DEBUG(10, Level.FINE),
    INFO(20, Level.INFO),
    WARN(30, Level.WARNING),
    ERROR(40, Level.SEVERE),
    FATAL(50, FatalLevel.FATAL);

    private final byte wire;
    private final Level threshold;

    LogSeverity(int wire, Level threshold) {
        this.wire = (byte) wire;
        this.threshold = threshold;
    }

    /** The {@code level} of a record of this severity on {@code /rosout}. */
    public byte wire() {
        return wire;
    }

    /** The java.util.logging level a logger is set to for this severity: it passes this severity and above. */
    public Level threshold() {
        return threshold;
    }

    /**
     * The severity of a java.util.logging record: SEVERE is ERROR, WARNING is WARN, INFO is INFO, the levels below
     * (CONFIG, FINE, FINER, FINEST) are DEBUG and levels above SEVERE are FATAL.
     */
    public static LogSeverity of(Level level) {
        int v = level.intValue();
        if (v > Level.SEVERE.intValue()) {
            return FATAL;
        }
        if (v == Level.SEVERE.intValue()) {
            return ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return WARN;
        }
        return v >= Level.INFO.intValue() ? INFO : DEBUG;
    }

    /**
     * The severity named {@code text}, case-insensitive, as rcutils_logging_severity_level_from_string reads it.
     *
     * @throws IllegalArgumentException naming the accepted levels
     */
    public static LogSeverity parse(String text) {
        for (LogSeverity s : values()) {
            if (s.name().equals(text.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(YamlErrors.shown(text)
                + " is not a log level (debug, info, warn, error or fatal)");
    }

    /** java.util.logging has no level for FATAL: this one is above SEVERE, so only FATAL records pass it. */
    private static final class FatalLevel extends Level {
        static final Level FATAL = new FatalLevel();

        private FatalLevel() {
            super("FATAL", Level.SEVERE.intValue() + 100);
        }
    }
}
