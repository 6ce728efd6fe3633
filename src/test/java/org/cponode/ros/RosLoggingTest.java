package org.cponode.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cponode.ros.RosLogging.LevelRule;
import org.junit.jupiter.api.Test;

/** rcl's severities against java.util.logging's levels, and what {@code --log-level} rules set. */
class RosLoggingTest {

    @Test
    void severitiesMapBothWays() {
        assertEquals(LogSeverity.DEBUG, LogSeverity.of(Level.FINEST));
        assertEquals(LogSeverity.DEBUG, LogSeverity.of(Level.FINE));
        assertEquals(LogSeverity.DEBUG, LogSeverity.of(Level.CONFIG));
        assertEquals(LogSeverity.INFO, LogSeverity.of(Level.INFO));
        assertEquals(LogSeverity.WARN, LogSeverity.of(Level.WARNING));
        assertEquals(LogSeverity.ERROR, LogSeverity.of(Level.SEVERE));
        for (LogSeverity s : LogSeverity.values()) {
            assertEquals(s, LogSeverity.of(s.threshold()), s + " round trip");
            assertEquals(s, LogSeverity.parse(s.name().toLowerCase(java.util.Locale.ROOT)));
        }
        assertEquals(List.of(10, 20, 30, 40, 50),
                java.util.Arrays.stream(LogSeverity.values()).map(s -> (int) s.wire()).toList(), "rcutils' values");
        assertEquals(LogSeverity.WARN, LogSeverity.parse("Warn"));
        assertEquals("'warning' is not a log level (debug, info, warn, error or fatal)",
                assertThrows(IllegalArgumentException.class, () -> LogSeverity.parse("warning")).getMessage());
        Logger fatalOnly = Logger.getLogger("org.cponode.ros.test.fatal");
        fatalOnly.setLevel(LogSeverity.FATAL.threshold());
        assertFalse(fatalOnly.isLoggable(Level.SEVERE), "fatal passes no ERROR record");
    }

    @Test
    void rulesSetTheDefaultTheNodesLoggersAndNamedLoggersAndTheConsoleFollows() {
        Logger root = Logger.getLogger("");
        Level rootWas = root.getLevel();
        Map<Handler, Level> consoleWas = new IdentityHashMap<>();
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                consoleWas.put(h, h.getLevel());
            }
        }
        assertFalse(consoleWas.isEmpty(), "java.util.logging's default configuration has a console handler");
        Logger nodeLoggers = Logger.getLogger("org.cponode.ros.test.node");
        Logger quiet = Logger.getLogger("org.cponode.ros.test.node.quiet");
        try {
            new RosLogging(List.of(LevelRule.parse("warn"), LevelRule.parse("robot1.test_node:=debug"),
                    LevelRule.parse("org.cponode.ros.test.node.quiet:=ERROR"), LevelRule.parse("info")), true, true)
                    .configure("robot1.test_node", nodeLoggers);
            assertEquals(Level.INFO, root.getLevel(), "the last default wins");
            assertTrue(Logger.getLogger("org.cponode.ros.test.node.child").isLoggable(Level.FINE),
                    "the node logger's level reaches its children, over the default");
            assertFalse(quiet.isLoggable(Level.WARNING));
            assertTrue(quiet.isLoggable(Level.SEVERE));
            assertFalse(Logger.getLogger("org.cponode.ros.test.elsewhere").isLoggable(Level.FINE),
                    "others: the default");
            consoleWas.keySet().forEach(h -> assertEquals(Level.ALL, h.getLevel(),
                    "the console shows what loggers pass"));

            new RosLogging(List.of(), false, true).configure("robot1.test_node", nodeLoggers);
            consoleWas.keySet().forEach(h -> assertEquals(Level.OFF, h.getLevel(), "--disable-stdout-logs"));
        } finally {
            root.setLevel(rootWas);
            consoleWas.forEach(Handler::setLevel);
            nodeLoggers.setLevel(null);
            quiet.setLevel(null);
        }
    }

    @Test
    void withoutRulesTheLevelsStayAsTheyAre() {
        Logger root = Logger.getLogger("");
        Level rootWas = root.getLevel();
        Map<Handler, Level> handlersWere = new IdentityHashMap<>();
        for (Handler h : root.getHandlers()) {
            handlersWere.put(h, h.getLevel());
        }
        RosLogging.DEFAULT.configure("cpo_node", Logger.getLogger("org.cponode.ros.test.untouched"));
        assertEquals(rootWas, root.getLevel());
        handlersWere.forEach((h, level) -> assertEquals(level, h.getLevel()));
    }
}
