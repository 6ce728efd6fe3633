package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The strict JSON parser and the robot's messages, both on jackson-core. */
class JsonTest {

    private static Object parse(String text) throws MalformedJsonException {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The refusal of {@code payload}: its message is one line, as it goes to the log and back to the operator. */
    private static MalformedJsonException refusal(byte[] payload) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> StrictJson.parse(payload));
        assertTrue(e.getMessage().chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028),
                "one line: " + e.getMessage());
        return e;
    }

    private static String refusal(String text) {
        return refusal(text.getBytes(StandardCharsets.UTF_8)).getMessage();
    }

    @Test
    void readsEveryValueTypeWithTheDocumentedMapping() throws Exception {
        Object value = parse(" {\"a\":1,\"b\":-2.5e1,\"c\":\"x\\u00e9\\n\\ud83d\\ude00\",\"d\":[true,false,null],"
                + "\"e\":{},\"f\":0,\"g\":-0.0,\"h\":\"\u00e9\ud83d\ude00\"} ");
        Map<?, ?> m = (Map<?, ?>) value;
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.copyOf(m.keySet()), "document order kept");
        assertEquals(1L, m.get("a"));
        assertEquals(-25.0, m.get("b"));
        assertEquals("x\u00e9\n\ud83d\ude00", m.get("c"));
        assertEquals(Arrays.asList(true, false, null), m.get("d"));
        assertEquals(Map.of(), m.get("e"));
        assertEquals(0L, m.get("f"));
        assertEquals(-0.0, m.get("g"));
        assertEquals("\u00e9\ud83d\ude00", m.get("h"), "UTF-8 of two, three and four bytes");
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        assertThrows(UnsupportedOperationException.class, m::clear, "unmodifiable");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty input at offset 0",
        "'  '|empty input",
        "{\"seq\":1,\"seq\":2}|Duplicate Object property \"seq\" at offset 14",
        "{\"a\":1} x|Unrecognized token 'x'",
        "[1] [2]|unexpected content after the JSON value at offset 4",
        "{}}|Unexpected close marker '}'",
        "{\"a\":01}|Invalid numeric value: Leading zeroes not allowed",
        "{\"a\":NaN}|Non-standard token 'NaN'",
        "{\"a\":Infinity}|Non-standard token 'Infinity'",
        "{\"a\":1e999}|number out of range",
        "{\"a\":-1e999}|number out of range",
        "{\"a\":9223372036854775808}|integer out of range",
        "{\"a\":-9223372036854775809}|integer out of range",
        "{\"a\":1.}|Unexpected character ('}' (code 125)) in numeric value: Decimal point not followed by a digit",
        "{\"a\":+1}|Unexpected character ('+' (code 43)) in numeric value",
        "{a:1}|Unexpected character ('a' (code 97)): was expecting double-quote to start property name",
        "{\"a\":1,}|Unexpected character ('}' (code 125)): was expecting double-quote to start property name",
        "[1,2,]|Unexpected character (']' (code 93)): expected a value",
        "{\"a\":tru}|Unrecognized token 'tru'",
        "// x|Unexpected character ('/' (code 47))",
        "{\"a\":\"\\x\"}|Unrecognized character escape 'x'",
        "{\"a\":\"\\ud800\"}|unpaired surrogate in string",
        "{\"a\":\"\\udc00\\ud800\"}|unpaired surrogate in string",
        "{\"\\ud800\":1}|Broken surrogate pair in property name",
        "{\"\\udc00\":1}|Unexpected low surrogate in property name",
        "{\"a\":\"\\u12g4\"}|Unexpected character ('g' (code 103)): expected a hex-digit",
        "{\"a\":\"open|Unexpected end-of-input in VALUE_STRING",
        "{\"a\" 1}|Unexpected character ('1' (code 49)): was expecting a colon",
        "{\"a\":1|Unexpected end-of-input: expected close marker for Object at offset 6",
    })
    void rejectsNonStrictJsonWithAReason(String text, String reason) {
        String message = refusal(text);
        assertTrue(message.startsWith(reason), message);
    }

    @Test
    void rejectsControlCharactersAndAnyBytesButUtf8() {
        assertTrue(refusal("\"a\tb\"").startsWith("Illegal unquoted character ((CTRL-CHAR, code 9))"));
        assertTrue(refusal(new byte[] {'{', '}', 0}).getMessage()
                .startsWith("Illegal character ((CTRL-CHAR, code 0))"));
        assertEquals("Invalid UTF-8 middle byte 0x22 at offset 3",
                refusal(new byte[] {'"', (byte) 0xc3, '"'}).getMessage());
        byte[][] notUtf8 = {
            {'"', (byte) 0xff, '"'},
            {'"', (byte) 0xc0, (byte) 0xaf, '"'}, // overlong '/'
            {'"', (byte) 0xe0, (byte) 0x80, (byte) 0xaf, '"'}, // overlong '/', three bytes
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, // an encoded surrogate
            {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
            {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}, // in a key
        };
        for (byte[] payload : notUtf8) {
            String message = refusal(payload).getMessage();
            assertTrue(message.startsWith("Invalid UTF-8"), message);
        }
        assertTrue(refusal("{}".getBytes(StandardCharsets.UTF_16)).getMessage()
                .startsWith("Invalid UTF-8 start byte 0xfe"), "UTF-16 is refused, not detected");
        assertTrue(refusal(new byte[] {0, '{', 0, '}'}).getMessage()
                .startsWith("Illegal character ((CTRL-CHAR, code 0))"));
        assertTrue(refusal(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}).getMessage()
                .startsWith("Unexpected character ('\\ufeff' (code 65279 / 0xfeff))"), "a byte-order mark, escaped");
        assertEquals(9, refusal("{\"a\":1,  }".getBytes(StandardCharsets.UTF_8)).offset(),
                "offset points at the problem");
    }

    @Test
    void enforcesTheDepthAndLengthLimits() throws Exception {
        int depth = StrictJson.MAX_DEPTH;
        assertEquals(1, List.of(parse("[".repeat(depth) + "]".repeat(depth))).size());
        assertTrue(refusal("[".repeat(depth + 1) + "]".repeat(depth + 1))
                .startsWith("Document nesting depth (17) exceeds the maximum allowed (16"));
        assertTrue(refusal("{\"a\":".repeat(depth + 1) + "1" + "}".repeat(depth + 1))
                .startsWith("Document nesting depth (17) exceeds the maximum allowed (16"));

        String digits = "1".repeat(StrictJson.MAX_NUMBER_CHARS - 1);
        assertEquals(0.1111111111111111, parse("0." + digits));
        assertTrue(refusal("0." + digits + "1").startsWith("Number value length (65) exceeds the maximum allowed (64"));
        assertTrue(refusal("1" + "0".repeat(100)).startsWith("Number value length (101) exceeds"),
                "a long literal is refused before it is converted");

        int chars = StrictJson.MAX_STRING_CHARS;
        assertEquals(chars, ((String) parse("\"" + "x".repeat(chars) + "\"")).length());
        assertTrue(refusal("\"" + "x".repeat(chars + 1) + "\"").startsWith("String value length (4097) exceeds"));
        assertTrue(refusal("\"" + "\\n".repeat(chars + 1) + "\"").startsWith("String value length (4097) exceeds"),
                "counted decoded");
        assertTrue(refusal("{\"" + "x".repeat(chars + 1) + "\":1}").startsWith("Name length (4097) exceeds"));
    }

    @Test
    void echoesOfThePayloadAreEscapedAndTheTopLevelMustBeAnObject() {
        String duplicate = refusal("{\"a\\nWARNING: fake\":1,\"a\\nWARNING: fake\":2}");
        assertEquals("Duplicate Object property \"a\\u000aWARNING: fake\" at offset 40", duplicate);
        refusal("{\"a\":tru\u2028WARNING}");
        refusal("{\"a\":tru\u0085WARNING}");
        MalformedJsonException array = assertThrows(MalformedJsonException.class,
                () -> StrictJson.parseObject("[1]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("top-level value must be a JSON object at offset 0", array.getMessage());
    }

    private static final String TEXT = "quote \" backslash \\ tab \t nl \n bell \u0007 nel \u0085 \u00e9 \ud83d\ude00";
    private final Payloads payloads =
            new Payloads("robot-001", Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC));

    private static Map<String, Object> read(byte[] payload) throws MalformedJsonException {
        return StrictJson.parseObject(payload);
    }

    @Test
    void anEventReadsBackIdenticallyWithNonFiniteNumbersAsNull() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("s", TEXT);
        details.put("l", -42L);
        details.put("i", 7);
        details.put("d", 0.1);
        details.put("tiny", 1.5e-300);
        details.put("nan", Double.NaN);
        details.put("inf", Float.NEGATIVE_INFINITY);
        details.put("b", true);
        Map<String, Object> event = read(payloads.event("fault", TEXT, details));
        assertEquals(List.of("schema", "version", "robot_id", "seq", "ts", "kind", "message", "details"),
                List.copyOf(event.keySet()));
        assertEquals("cponode.fleet.event", event.get("schema"));
        assertEquals(2L, event.get("version"));
        assertEquals("robot-001", event.get("robot_id"));
        assertEquals(0L, event.get("seq"));
        assertEquals(1234L, event.get("ts"));
        assertEquals("fault", event.get("kind"));
        assertEquals(TEXT, event.get("message"));
        Map<?, ?> back = (Map<?, ?>) event.get("details");
        assertEquals(List.copyOf(details.keySet()), List.copyOf(back.keySet()));
        assertEquals(TEXT, back.get("s"));
        assertEquals(-42L, back.get("l"));
        assertEquals(7L, back.get("i"));
        assertEquals(0.1, back.get("d"));
        assertEquals(1.5e-300, back.get("tiny"));
        assertTrue(back.containsKey("nan") && back.get("nan") == null);
        assertTrue(back.containsKey("inf") && back.get("inf") == null);
        assertEquals(true, back.get("b"));
        assertEquals(1L, read(payloads.event("fault", "", Map.of())).get("seq"), "events count on");
        assertThrows(IllegalArgumentException.class, () -> payloads.event("fault", "x", Map.of("list", List.of())));
    }

    @Test
    void telemetryCarriesTheHeaderAndEachStreamCountsItsOwnSeq() throws Exception {
        Map<String, Object> learning = read(payloads.telemetry(new LearningStats(7, 3, 12.5, List.of(
                new LearningStats.Constraint("speed", 0.25, 0.5), new LearningStats.Constraint("outside", 20.25, 25.0)),
                Double.NaN, 4, true), 9));
        assertEquals(List.of("schema", "version", "robot_id", "seq", "ts", "dropped", "iteration", "policy_version",
                "ep_return", "constraints", "kl", "backtrack_iters", "update_accepted"),
                List.copyOf(learning.keySet()));
        assertEquals("cponode.fleet.telemetry.learning", learning.get("schema"));
        assertEquals(9L, learning.get("dropped"));
        assertEquals(7L, learning.get("iteration"));
        Map<?, ?> learned = (Map<?, ?>) learning.get("constraints");
        assertEquals(List.of("speed", "outside"), List.copyOf(learned.keySet()), "in the record's (the task's) order");
        assertEquals(Map.of("ep_cost", 20.25, "cost_limit", 25.0), learned.get("outside"));
        assertEquals(List.of("ep_cost", "cost_limit"), List.copyOf(((Map<?, ?>) learned.get("speed")).keySet()));
        assertTrue(learning.containsKey("kl") && learning.get("kl") == null, "NaN is sent as null");
        assertEquals(true, learning.get("update_accepted"));
        LoopHealth loop = new LoopHealth(0.05, 0.0501, 0.07, 2, 0.0012, Double.POSITIVE_INFINITY);
        assertEquals(0L, read(payloads.telemetry(loop, 0)).get("seq"));
        Map<String, Object> second = read(payloads.telemetry(loop, 0));
        assertEquals(1L, second.get("seq"));
        assertEquals(2L, second.get("overruns"));
        assertTrue(second.containsKey("input_age_max_s") && second.get("input_age_max_s") == null);
        Map<String, Object> cost = read(payloads.telemetry(new CostRate(5.0, List.of(
                new CostRate.Constraint("outside", 3.5, 25.0, 0.7))), 0));
        assertEquals(0L, cost.get("seq"), "each stream has its own seq");
        assertEquals(List.of("schema", "version", "robot_id", "seq", "ts", "dropped", "episode_time_s", "constraints"),
                List.copyOf(cost.keySet()));
        assertEquals(5.0, cost.get("episode_time_s"));
        Map<?, ?> outside = (Map<?, ?>) ((Map<?, ?>) cost.get("constraints")).get("outside");
        assertEquals(List.of("episode_cost", "cost_limit", "cost_rate"), List.copyOf(outside.keySet()));
        assertEquals(List.of(3.5, 25.0, 0.7), List.copyOf(outside.values()));
    }

    @Test
    void statusLastWillAndCommandEventsHaveTheDocumentedFields() throws Exception {
        Map<String, Object> status = read(payloads.status("online", null, new FleetStatus(LearnerState.PAUSED, 3,
                true, List.of(new FleetStatus.Constraint("outside", 20), new FleetStatus.Constraint("speed", 0.5)))));
        assertEquals(List.of("schema", "version", "robot_id", "seq", "ts", "state", "reason", "learner",
                "policy_version", "estop", "constraints"), List.copyOf(status.keySet()));
        assertTrue(status.containsKey("reason") && status.get("reason") == null);
        assertEquals(List.of("online", "paused", 3L, true), List.of(status.get("state"), status.get("learner"),
                status.get("policy_version"), status.get("estop")));
        assertEquals(Map.of("outside", Map.of("cost_limit", 20.0), "speed", Map.of("cost_limit", 0.5)),
                status.get("constraints"));
        assertEquals(Map.of("schema", "cponode.fleet.status", "version", 2L, "robot_id", "robot-001",
                "state", "offline", "reason", "connection_lost"), read(payloads.lastWill()));

        Map<String, Object> ack = read(payloads.commandAck(FleetCommand.ESTOP, 5, List.of("one", TEXT)));
        assertEquals("cmd_ack", ack.get("kind"));
        assertEquals("estop", ack.get("verb"));
        assertEquals(5L, ack.get("cmd_seq"));
        assertEquals(List.of("one", TEXT), ack.get("problems"));
        Map<String, Object> rejected = read(payloads.commandRejected(null, -1, "unknown command topic x"));
        assertEquals(List.of("schema", "version", "robot_id", "seq", "ts", "kind", "verb", "cmd_seq", "reason"),
                List.copyOf(rejected.keySet()));
        assertTrue(rejected.get("verb") == null && rejected.containsKey("cmd_seq") && rejected.get("cmd_seq") == null);
        assertEquals(1L, rejected.get("seq"), "acknowledgements and rejections are events, one seq");
        assertEquals("unknown command topic x", rejected.get("reason"));
    }

    /** Every record's constraints become the keys of one JSON object, so each needs a name of its own. */
    @Test
    void aRecordNeedsAtLeastOneConstraintEachNamedOnce() {
        assertEquals("at least one constraint is required", assertThrows(IllegalArgumentException.class,
                () -> new CostRate(1, List.of())).getMessage());
        assertEquals("constraint names must be distinct and not blank, got [speed, speed]",
                assertThrows(IllegalArgumentException.class, () -> new LearningStats(1, 1, 0, List.of(
                        new LearningStats.Constraint("speed", 0, 1), new LearningStats.Constraint("speed", 0, 2)),
                        0, 0, true)).getMessage());
        assertEquals("constraint names must be distinct and not blank, got [ ]",
                assertThrows(IllegalArgumentException.class, () -> new FleetStatus(LearnerState.IDLE, 0, false,
                        List.of(new FleetStatus.Constraint(" ", 1)))).getMessage());
        assertEquals("cost limit of outside must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> new FleetStatus.Constraint("outside", Double.NaN)).getMessage());
    }
}
