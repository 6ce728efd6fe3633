package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The robot-side command checks, without a broker. */
class CommandGateTest {

    private static final long NOW = 1_790_000_000_000L;
    private static final FleetConfig CONFIG = new FleetConfig(URI.create("tcp://127.0.0.1:1883"), "robot-001", "fleet",
            null, null, null, null, null, 2, 16, Duration.ofSeconds(5), 1.0, 50.0, Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(30));

    private final CommandGate gate = new CommandGate(CONFIG);

    private CommandGate.Verdict check(String verb, String json) {
        return gate.check("fleet/robot-001/cmd/" + verb, json.getBytes(StandardCharsets.UTF_8), false, NOW);
    }

    /** Checks a command that must pass and records it as accepted by the handler. */
    private void accept(String verb, String json) {
        gate.accepted(assertInstanceOf(CommandGate.Valid.class, check(verb, json)));
    }

    private String rejection(CommandGate.Verdict verdict) {
        return assertInstanceOf(CommandGate.Rejected.class, verdict).reason();
    }

    @Test
    void validCommandsCarryTheirArguments() {
        CommandGate.Valid limit = assertInstanceOf(CommandGate.Valid.class,
                check("set_cost_limit", "{\"seq\":3,\"ts\":" + NOW + ",\"limit\":50}"));
        assertEquals(FleetCommand.SET_COST_LIMIT, limit.command());
        assertEquals(3, limit.seq());
        assertEquals(50.0, limit.costLimit(), "the upper bound itself is allowed");
        CommandGate.Valid estop = assertInstanceOf(CommandGate.Valid.class, check("estop", "{\"seq\":4,\"ts\":" + NOW + "}"));
        assertEquals(CommandGate.DEFAULT_ESTOP_REASON, estop.estopReason());
        CommandGate.Valid policy = assertInstanceOf(CommandGate.Valid.class,
                check("load_policy", "{\"ts\":" + NOW + ",\"seq\":5,\"version\":0}"));
        assertEquals(0, policy.policyVersion());
    }

    @Test
    void onlyThisRobotsCommandTopicsAreAccepted() {
        byte[] json = ("{\"seq\":1,\"ts\":" + NOW + "}").getBytes(StandardCharsets.UTF_8);
        assertEquals("topic fleet/robot-002/cmd/estop is not a command topic of robot robot-001",
                rejection(gate.check("fleet/robot-002/cmd/estop", json, false, NOW)));
        assertEquals("topic fleet/robot-001/events/estop is not a command topic of robot robot-001",
                rejection(gate.check("fleet/robot-001/events/estop", json, false, NOW)));
        assertEquals("unknown command topic fleet/robot-001/cmd/estop/now",
                rejection(gate.check("fleet/robot-001/cmd/estop/now", json, false, NOW)));
        CommandGate.Rejected retained = assertInstanceOf(CommandGate.Rejected.class,
                gate.check("fleet/robot-001/cmd/release_estop", json, true, NOW));
        assertEquals(CommandGate.RETAINED, retained.reason());
        assertEquals(1, retained.seq(), "a retained command's seq is read all the same");
    }

    @Test
    void malformedMissingAndMistypedFieldsAreRejected() {
        assertTrue(rejection(check("release_estop", "{\"seq\":1,")).startsWith("malformed JSON: "));
        assertTrue(rejection(check("release_estop", "[1]"))
                .startsWith("malformed JSON: top-level value must be a JSON object"));
        assertEquals("seq must be a non-negative integer, got nothing",
                rejection(check("release_estop", "{\"ts\":" + NOW + "}")));
        assertEquals("seq must be a non-negative integer, got 1.5 (number)",
                rejection(check("release_estop", "{\"seq\":1.5,\"ts\":" + NOW + "}")));
        assertEquals("seq must be a non-negative integer, got \"1\"",
                rejection(check("release_estop", "{\"seq\":\"1\",\"ts\":1}")));
        assertEquals("ts must be a positive integer (Unix time in ms), got nothing",
                rejection(check("release_estop", "{\"seq\":1}")));
        assertEquals("unknown field \"limit\" for pause_learning (allowed: seq, ts)",
                rejection(check("pause_learning", "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":3}")));
        assertEquals("unknown field \"a\\u000aWARNING: fake\" for pause_learning (allowed: seq, ts)",
                rejection(check("pause_learning", "{\"seq\":1,\"ts\":" + NOW + ",\"a\\nWARNING: fake\":3}")),
                "an unknown field's name is echoed escaped");
        assertEquals("limit must be a number, got \"3\"",
                rejection(check("set_cost_limit", "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":\"3\"}")));
        assertEquals("limit must be a number, got nothing", rejection(check("set_cost_limit", "{\"seq\":1,\"ts\":" + NOW + "}")));
        assertTrue(rejection(check("load_policy", "{\"seq\":1,\"ts\":" + NOW + ",\"version\":2.0}"))
                .startsWith("version must be an integer"));
        assertTrue(rejection(check("load_policy", "{\"seq\":1,\"ts\":" + NOW + ",\"version\":4294967296}"))
                .startsWith("version must be an integer"));
        byte[] huge = ("{\"seq\":1,\"ts\":" + NOW + ",\"x\":\"" + "x".repeat(CommandGate.MAX_PAYLOAD_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(rejection(gate.check("fleet/robot-001/cmd/release_estop", huge, false, NOW)).contains("exceeds"));
    }

    /**
     * {@code set_cost_limit} names its constraint, or leaves that to a robot whose task has one: the gate passes a
     * name on as it is, to the node that knows its task's constraints and refuses a name it lacks or a limit that
     * names none of several. Whatever is not a name is refused here, and so is a name the node's reason could not
     * echo on one line.
     */
    @Test
    void aCostLimitNamesItsConstraintWithAPrintableString() {
        String head = "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":2,";
        CommandGate.Valid named = assertInstanceOf(CommandGate.Valid.class,
                check("set_cost_limit", head + "\"constraint\":\"speed\"}"));
        assertEquals("speed", named.constraint());
        assertEquals(2.0, named.costLimit());
        assertEquals("no_such_constraint", assertInstanceOf(CommandGate.Valid.class,
                check("set_cost_limit", head + "\"constraint\":\"no_such_constraint\"}")).constraint(),
                "the node, not the gate, knows the task's constraints");
        assertNull(assertInstanceOf(CommandGate.Valid.class, check("set_cost_limit",
                "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":2}")).constraint(), "none named");
        assertNull(assertInstanceOf(CommandGate.Valid.class, check("set_cost_limit",
                head + "\"constraint\":null}")).constraint(), "null names none, as a missing field");
        assertNull(assertInstanceOf(CommandGate.Valid.class, check("load_policy",
                "{\"seq\":1,\"ts\":" + NOW + ",\"version\":2}")).constraint());
        String wrong = "constraint must be a constraint's name (a non-blank string of printable characters), got ";
        assertEquals(wrong + "1 (integer)", rejection(check("set_cost_limit", head + "\"constraint\":1}")));
        assertEquals(wrong + "[speed] (array)", rejection(check("set_cost_limit", head + "\"constraint\":[\"speed\"]}")));
        assertEquals(wrong + "{name=speed} (object)",
                rejection(check("set_cost_limit", head + "\"constraint\":{\"name\":\"speed\"}}")));
        assertEquals(wrong + "\"\"", rejection(check("set_cost_limit", head + "\"constraint\":\"\"}")));
        assertEquals(wrong + "\" \"", rejection(check("set_cost_limit", head + "\"constraint\":\" \"}")));
        assertEquals(wrong + "\"speed\\u000aWARNING: fake\"",
                oneLine(rejection(check("set_cost_limit", head + "\"constraint\":\"speed\\nWARNING: fake\"}"))));
        assertEquals(wrong + "\"\\u202edeeps\"",
                rejection(check("set_cost_limit", head + "\"constraint\":\"\\u202edeeps\"}")),
                "a format character (here right-to-left override) would disguise the name in the node's reason");
        assertEquals("unknown field \"constraints\" for set_cost_limit (allowed: seq, ts, constraint, limit)",
                rejection(check("set_cost_limit", head + "\"constraints\":\"speed\"}")));
    }

    /** Reasons reach the node's log and the operators' events: whatever they echo of a message is escaped. */
    @Test
    void everyEchoOfReceivedInputIsEscaped() {
        String duplicate = oneLine(rejection(check("pause_learning",
                "{\"seq\":1,\"ts\":" + NOW + ",\"a\\nWARNING: fake\":1,\"a\\nWARNING: fake\":2}")));
        assertTrue(duplicate.startsWith("malformed JSON: ") && duplicate.contains("a\\u000aWARNING: fake"), duplicate);
        assertEquals("seq must be a non-negative integer, got {x\\u000aWARNING=1} (object)",
                oneLine(rejection(check("pause_learning", "{\"seq\":{\"x\\nWARNING\":1},\"ts\":" + NOW + "}"))));
        assertEquals("limit must be a number, got [a\\u2028b, \\u0085] (array)",
                oneLine(rejection(check("set_cost_limit",
                        "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":[\"a\\u2028b\",\"\\u0085\"]}"))));
        byte[] json = ("{\"seq\":1,\"ts\":" + NOW + "}").getBytes(StandardCharsets.UTF_8);
        assertEquals("unknown command topic fleet/robot-001/cmd/pause\\u000dWARNING",
                oneLine(rejection(gate.check("fleet/robot-001/cmd/pause\rWARNING", json, false, NOW))));
        assertEquals("topic fleet/robot-002\\u000a/cmd/estop is not a command topic of robot robot-001",
                oneLine(rejection(gate.check("fleet/robot-002\n/cmd/estop", json, false, NOW))));
    }

    private static String oneLine(String reason) {
        assertTrue(reason.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029),
                "a reason is one line: " + reason);
        return reason;
    }

    /** An e-stop is let through whatever its ts and seq: a skewed clock or a restarted console must not block it. */
    @Test
    void anEstopIsAcceptedWhateverItsTimeAndSequence() {
        accept("pause_learning", "{\"seq\":100,\"ts\":" + NOW + "}");
        assertInstanceOf(CommandGate.Valid.class, check("estop", "{\"seq\":3,\"ts\":" + (NOW - 3_600_000) + "}"));
        assertInstanceOf(CommandGate.Valid.class, check("estop", "{\"seq\":100,\"ts\":" + (NOW + 60_000) + "}"));
        assertEquals("duplicate or out-of-order seq 3 (last accepted 100)",
                rejection(check("release_estop", "{\"seq\":3,\"ts\":" + NOW + "}")), "the other verbs are checked");
        assertEquals(List.of(), stop(check("estop", "{\"seq\":3,\"ts\":" + (NOW - 3_600_000) + "}")).problems(),
                "neither is a problem");
    }

    /**
     * Any message on this robot's e-stop topic stops it, whatever is wrong with it (the broker authenticated its
     * publisher and its ACL let it write there); the verdict lists what was wrong, in the order checked.
     */
    @Test
    void anEstopStopsWhateverElseIsWrongWithIt() {
        String longReason = "x".repeat(300);
        assertEquals(List.of("reason must be a non-blank string of at most 256 characters without control characters,"
                + " got \"" + longReason + "\""), stop(check("estop", "{\"seq\":1,\"ts\":" + NOW + ",\"reason\":\""
                + longReason + "\"}")).problems());
        CommandGate.Valid withoutSeq = stop(check("estop", "{\"ts\":" + NOW + "}"));
        assertEquals(List.of("seq must be a non-negative integer, got nothing"), withoutSeq.problems());
        assertEquals(-1, withoutSeq.seq());
        CommandGate.Valid forged = stop(check("estop", "{\"seq\":2,\"ts\":" + NOW + ",\"reason\":\"ok\\nWARNING: x\"}"));
        String echo = forged.problems().getFirst();
        assertTrue(echo.startsWith("reason must be") && echo.contains("ok\\u000aWARNING") && !echo.contains("\n"),
                "a reason cannot forge log lines, and its echo is escaped: " + echo);
        assertEquals(CommandGate.DEFAULT_ESTOP_REASON, forged.estopReason(), "a refused reason is not passed on");
        assertTrue(stop(check("estop", "{\"seq\":2,\"ts\":" + NOW + ",\"reason\":\" \"}")).problems().getFirst()
                .startsWith("reason must be"));
        assertEquals(List.of("unknown field \"speed\" for estop (allowed: seq, ts, reason)"),
                stop(check("estop", "{\"seq\":3,\"ts\":" + NOW + ",\"speed\":0}")).problems());
        assertEquals(List.of("unknown field \"speed\" for estop (allowed: seq, ts, reason)",
                "ts must be a positive integer (Unix time in ms), got nothing"),
                stop(check("estop", "{\"seq\":4,\"speed\":0,\"reason\":\"cell open\"}")).problems());
        assertTrue(stop(check("estop", "{\"seq\":")).problems().getFirst().startsWith("malformed JSON: "));
        byte[] huge = new byte[CommandGate.MAX_PAYLOAD_BYTES + 1];
        assertEquals(List.of("payload of 4097 bytes exceeds 4096"),
                stop(gate.check("fleet/robot-001/cmd/estop", huge, false, NOW)).problems());
        CommandGate.Valid retained = stop(gate.check("fleet/robot-001/cmd/estop",
                ("{\"seq\":5,\"ts\":" + NOW + ",\"reason\":\"cell open\"}").getBytes(StandardCharsets.UTF_8), true, NOW));
        assertEquals(List.of(CommandGate.RETAINED), retained.problems());
        assertEquals("cell open", retained.estopReason());
        assertEquals(5, retained.seq());
        assertEquals(List.of(), stop(check("estop", "{\"seq\":6,\"ts\":" + NOW + "}")).problems());
    }

    private static CommandGate.Valid stop(CommandGate.Verdict verdict) {
        CommandGate.Valid stop = assertInstanceOf(CommandGate.Valid.class, verdict);
        assertEquals(FleetCommand.ESTOP, stop.command());
        return stop;
    }

    /** An e-stop passes whatever its seq, so it leaves the window where it was: a huge seq cannot lock it. */
    @Test
    void anEstopDoesNotMoveTheSequenceWindow() {
        accept("pause_learning", "{\"seq\":5,\"ts\":" + NOW + "}");
        accept("estop", "{\"seq\":" + Long.MAX_VALUE + ",\"ts\":" + NOW + "}");
        accept("release_estop", "{\"seq\":6,\"ts\":" + NOW + "}");
        assertEquals("duplicate or out-of-order seq 6 (last accepted 6)",
                rejection(check("resume_learning", "{\"seq\":6,\"ts\":" + NOW + "}")));
    }

    @Test
    void outOfRangeStaleFutureAndDuplicateCommandsAreRejected() {
        assertEquals("limit 0.5 is outside the allowed range [1.0, 50.0]",
                rejection(check("set_cost_limit", "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":0.5}")));
        assertEquals("limit 50.01 is outside the allowed range [1.0, 50.0]",
                rejection(check("set_cost_limit", "{\"seq\":1,\"ts\":" + NOW + ",\"limit\":50.01}")));
        assertEquals("stale: issued 5.001 s ago, limit 5.000 s",
                rejection(check("release_estop", "{\"seq\":1,\"ts\":" + (NOW - 5001) + "}")));
        assertInstanceOf(CommandGate.Valid.class, check("release_estop", "{\"seq\":1,\"ts\":" + (NOW - 5000) + "}"));
        assertEquals("ts is 6.000 s in the future (clock skew above 5.000 s)",
                rejection(check("release_estop", "{\"seq\":1,\"ts\":" + (NOW + 6000) + "}")));

        accept("pause_learning", "{\"seq\":7,\"ts\":" + NOW + "}");
        assertEquals("duplicate or out-of-order seq 7 (last accepted 7)",
                rejection(check("release_estop", "{\"seq\":7,\"ts\":" + NOW + "}")));
        assertEquals("duplicate or out-of-order seq 2 (last accepted 7)",
                rejection(check("release_estop", "{\"seq\":2,\"ts\":" + NOW + "}")));
        assertInstanceOf(CommandGate.Valid.class, check("release_estop", "{\"seq\":8,\"ts\":" + NOW + "}"));
        CommandGate.Rejected withSeq = assertInstanceOf(CommandGate.Rejected.class,
                check("set_cost_limit", "{\"seq\":9,\"ts\":" + NOW + ",\"limit\":99}"));
        assertEquals(9, withSeq.seq(), "a rejection names the seq when it could be read");
        assertEquals(FleetCommand.SET_COST_LIMIT, withSeq.command());
    }
}
