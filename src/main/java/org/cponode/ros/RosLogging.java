package org.cponode.ros;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cponode.yaml.YamlErrors;

/**
 * The logging part of a node's ROS arguments as rcl reads them ({@code --log-level}, {@code --enable-} and
 * {@code --disable-stdout-logs} and {@code -rosout-logs}), and what they do to the java.util.logging loggers the
 * node's code logs to (System.Logger goes there too).
 *
 * @param levels {@code --log-level} rules in command-line order: a later rule for the same logger wins
 * @param stdout whether log records reach the console (the last of {@code --enable-}/{@code --disable-stdout-logs})
 * @param rosout whether the node publishes them on {@code /rosout} (the last of {@code --enable-}/{@code
 *               --disable-rosout-logs}; see {@link RosoutLog})
 */
public record RosLogging(List<LevelRule> levels, boolean stdout, boolean rosout) {

    /** rcl's defaults: levels as they are (INFO), console and /rosout on. */
    public static final RosLogging DEFAULT = new RosLogging(List.of(), true, true);

    /**
     * Loggers given a level here. java.util.logging holds loggers only weakly: a level set on a logger that no
     * class holds (a parent such as {@code org.cponode}) would be lost when the logger is collected.
     */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    /** Copies the rules. */
    public RosLogging {
        levels = List.copyOf(levels);
    }

    /**
     * One {@code --log-level} value: {@code LEVEL} sets the default level ({@code logger} null), {@code NAME:=LEVEL}
     * the level of logger NAME.
     */
    public record LevelRule(String logger, LogSeverity severity) {

        /** Checks the severity. */
        public LevelRule {
            Objects.requireNonNull(severity, "severity");
        }

        /**
         * Parses {@code LEVEL} or {@code NAME:=LEVEL}, the level case-insensitive as in rcl.
         *
         * @throws IllegalArgumentException with a one-line reason
         */
        public static LevelRule parse(String text) {
            int separator = text.indexOf(":=");
            if (separator < 0) {
                return new LevelRule(null, LogSeverity.parse(text));
            }
            if (separator == 0) {
                throw new IllegalArgumentException(YamlErrors.shown(text) + " has no logger name before :=");
            }
            String logger = text.substring(0, separator);
            try {
                return new LevelRule(logger, LogSeverity.parse(text.substring(separator + 2)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " for logger " + YamlErrors.shown(logger));
            }
        }
    }

    /**
     * Applies these settings to java.util.logging. The default level goes to the root logger; a rule naming
     * {@code nodeLoggerName}, rcl's logger of the node ({@code cpo_node}, {@code robot1.cpo_node}), goes to
     * {@code nodeLoggers}, the logger above all of the node's own loggers; any other name goes to the
     * java.util.logging logger of that name (e.g. {@code org.cponode.ros}). Children follow the nearest logger with
     * a level, as in rcutils' dotted hierarchy, so a named level wins over the default. With any rule, the root
     * logger's console handlers pass whatever a logger passes; with {@code stdout} off they pass nothing. Without
     * rules the levels stay as they are (INFO, unless java.util.logging was configured otherwise).
     */
    public void configure(String nodeLoggerName, Logger nodeLoggers) {
        Logger root = Logger.getLogger("");
        for (LevelRule rule : levels) {
            Logger target = rule.logger() == null ? root
                    : rule.logger().equals(nodeLoggerName) ? nodeLoggers : Logger.getLogger(rule.logger());
            target.setLevel(rule.severity().threshold());
            CONFIGURED.add(target);
        }
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                if (!stdout) {
                    h.setLevel(Level.OFF);
                } else if (!levels.isEmpty()) {
                    h.setLevel(Level.ALL);
                }
            }
        }
    }
}
