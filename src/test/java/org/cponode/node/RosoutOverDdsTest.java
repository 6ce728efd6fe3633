package org.cponode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cponode.ros.QosProfile;
import org.cponode.ros.RosNode;
import org.cponode.ros.Subscription;
import org.cponode.ros.dds.DdsLibrary;
import org.cponode.ros.msg.Log;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's log on {@code /rosout} as rqt_console reads it, over DDS on loopback: the node in a child JVM, and in
 * this JVM independent ROS nodes with transient-local readers of rcl_interfaces/msg/Log. Each record is checked
 * field by field (name, level, message, file, method, line, stamp); a reader that joins after the records were
 * written gets them from the writer's history; {@code --log-level} rules decide, for the console and {@code /rosout}
 * alike, what is published.
 */
class RosoutOverDdsTest {

    /** What rqt_console asks for: reliable, transient local, rcl's depth. */
    private static final QosProfile READER = new QosProfile(true, true, 1000);
    /** A line java.util.logging's console handler writes, in Main's format: time, level, logger, message. */
    private static final Pattern CONSOLE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d ([A-Z]+) (org\\.cponode[\\w.]*): ");

    @BeforeAll
    static void needsCyclone() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DdsLibrary.isAvailable(), "Cyclone DDS (libddsc) not installed");
    }

    private static RosNode observer(String name) {
        return RosNode.create(new RosNode.Options(name, "/", List.of(), NodeOverDdsTest.DOMAIN,
                NodeOverDdsTest.LOOPBACK));
    }

    private static Log find(List<Log> records, Predicate<Log> which) {
        return records.stream().filter(which).findFirst().orElse(null);
    }

    private static Predicate<Log> from(String file, String text) {
        return m -> m.file().equals(file) && m.msg().contains(text);
    }

    /** The line of the one statement in {@code source} that contains {@code text}. */
    private static int lineOf(String source, String text) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(source));
        List<Integer> hits = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                hits.add(i + 1);
            }
        }
        assertEquals(1, hits.size(), text + " in " + source);
        return hits.getFirst();
    }

    @Test
    @Timeout(120)
    void aLateJoiningReaderGetsTheNodesRecordsFieldByField(@TempDir Path dir) throws Exception {
        long startSeconds = System.currentTimeMillis() / 1000;
        Predicate<Log> ignoring = from("org/cponode/cli/NodeCommand.java", "ignoring --log-file-name");
        Predicate<Log> open = from("org/cponode/ros/RosNode.java", " is open ");
        Predicate<Log> active = from("org/cponode/node/RobotNode.java", " active at ");
        try (RosNode early = observer("rosout_early")) {
            List<Log> seen = new CopyOnWriteArrayList<>();
            early.subscribe("/rosout", Log.TYPE, READER, seen::add);
            try (ChildProcess node = new ChildProcess(dir.resolve("node.log"), NodeOverDdsTest.env(), "node",
                    "--ros-args", "-p", "checkpoint_dir:=" + dir, "--log-file-name", "cpo_test",
                    "--disable-stdout-logs")) {
                NodeOverDdsTest.await("the node's start-up records on /rosout",
                        () -> find(seen, ignoring) != null && find(seen, open) != null && find(seen, active) != null,
                        60_000, node);

                Log first = find(seen, ignoring);
                assertEquals("cpo_node", first.name());
                assertEquals(20, first.level());
                assertEquals("/cpo_node: ignoring --log-file-name cpo_test: the node logs to the console and /rosout"
                        + " and writes no log file", first.msg());
                assertEquals("call", first.function());
                assertEquals(lineOf("src/main/java/org/cponode/cli/NodeCommand.java", "\"{0}: ignoring {1}"),
                        first.line());
                long now = System.currentTimeMillis() / 1000;
                assertTrue(first.stamp().sec() >= startSeconds && first.stamp().sec() <= now,
                        "stamped with the wall-clock time of the call: " + first.stamp());

                Log warning = find(seen, open);
                assertEquals("cpo_node", warning.name());
                assertEquals(30, warning.level());
                assertTrue(warning.msg().startsWith("/cpo_node: DDS domain " + NodeOverDdsTest.DOMAIN + " is open"),
                        warning.msg());
                assertEquals("participant", warning.function());
                assertTrue(warning.line() > 0);

                Log started = find(seen, active);
                assertEquals(20, started.level());
                assertTrue(started.msg().startsWith("/cpo_node active at 20"), started.msg());
                assertEquals("activate", started.function());

                // a reader created after this record was written (the first reader got it) finds it in the history
                try (RosNode late = observer("rosout_late")) {
                    List<Log> history = new CopyOnWriteArrayList<>();
                    late.subscribe("/rosout", Log.TYPE, READER, history::add);
                    NodeOverDdsTest.await("the late reader gets the record written before it joined",
                            () -> history.contains(started), 30_000, node);
                }
                List<String> console = node.output().lines().filter(l -> CONSOLE.matcher(l).find()).toList();
                assertEquals(List.of(), console, "--disable-stdout-logs: no log line on the console");
                assertTrue(node.terminate(5_000) >= 0, "node exits on SIGTERM");
            }
        }
    }

    @Test
    @Timeout(120)
    void logLevelsDecideForTheConsoleAndRosoutAlike(@TempDir Path dir) throws Exception {
        Predicate<Log> open = from("org/cponode/ros/RosNode.java", " is open ");
        Predicate<Log> active = from("org/cponode/node/RobotNode.java", " active at ");
        try (RosNode observer = observer("rosout_levels")) {
            List<Log> seen = new CopyOnWriteArrayList<>();
            Subscription<Log> rosout = observer.subscribe("/rosout", Log.TYPE, READER, seen::add);
            try (ChildProcess node = new ChildProcess(dir.resolve("node.log"), NodeOverDdsTest.env(), "node",
                    "--ros-args", "-r", "__ns:=/robot1", "-p", "checkpoint_dir:=" + dir, "--log-level", "WARN",
                    "--log-level", "org.cponode.node:=info")) {
                NodeOverDdsTest.await("the node's warning and its info line on /rosout",
                        () -> find(seen, open) != null && find(seen, active) != null, 60_000, node);
                assertEquals("robot1.cpo_node", find(seen, open).name());
                assertEquals(30, find(seen, open).level());
                assertEquals(20, find(seen, active).level(), "org.cponode.node:=info lets the node's INFO through");
                assertTrue(node.terminate(5_000) >= 0, "node exits on SIGTERM");
                // once the node's writer is gone, every record it wrote has arrived
                NodeOverDdsTest.await("the node's /rosout writer gone", () -> rosout.matchedCount() == 0, 60_000, node);
                for (Log m : seen) {
                    assertTrue(m.level() >= 30 || m.file().startsWith("org/cponode/node/"),
                            "below WARN only the node package's INFO: " + m);
                }
                boolean nodeInfo = false;
                boolean warning = false;
                for (String line : node.output().lines().toList()) {
                    Matcher c = CONSOLE.matcher(line);
                    if (c.find()) {
                        boolean info = c.group(1).equals("INFO");
                        assertTrue(!info || c.group(2).startsWith("org.cponode.node"), "console: " + line);
                        nodeInfo |= info;
                        warning |= c.group(1).equals("WARNING");
                    }
                }
                assertTrue(nodeInfo && warning, "the console shows the same: " + node.output());
            }
        }
    }
}
