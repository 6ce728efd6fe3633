package org.cponode.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The strict JSON parser (jackson-core) and the writer. */
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
        assertTrue(refusal(new byte[] {'{', '}', 0}).getMessage().startsWith("Illegal character ((CTRL-CHAR, code 0))"));
        assertEquals("Invalid UTF-8 middle byte 0x22 at offset 3", refusal(new byte[] {'"', (byte) 0xc3, '"'}).getMessage());
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
        assertTrue(refusal("{}".getBytes(StandardCharsets.UTF_16)).getMessage().startsWith("Invalid UTF-8 start byte 0xfe"),
                "UTF-16 is refused, not detected");
        assertTrue(refusal(new byte[] {0, '{', 0, '}'}).getMessage().startsWith("Illegal character ((CTRL-CHAR, code 0))"));
        assertTrue(refusal(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}).getMessage()
                .startsWith("Unexpected character ('\\ufeff' (code 65279 / 0xfeff))"), "a byte-order mark is refused, escaped");
        assertEquals(9, refusal("{\"a\":1,  }".getBytes(StandardCharsets.UTF_8)).offset(), "offset points at the problem");
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

    @Test
    void writerOutputReadsBackIdentically() throws Exception {
        JsonWriter out = new JsonWriter(new StringBuilder());
        out.beginObject()
                .name("s").value("quote \" backslash \\ tab \t nl \n bell \u0007 é")
                .name("l").value(-42L)
                .name("d").value(0.1)
                .name("nan").value(Double.NaN)
                .name("inf").value(Double.NEGATIVE_INFINITY)
                .name("b").value(true)
                .name("n").value((String) null)
                .name("o").beginObject().name("x").value(1.5e-300).endObject()
                .name("a").beginArray().value("x").value(2L).beginArray().endArray().beginObject().endObject().endArray()
                .endObject();
        Map<String, Object> back = StrictJson.parseObject(out.text().toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("quote \" backslash \\ tab \t nl \n bell \u0007 é", back.get("s"));
        assertEquals(-42L, back.get("l"));
        assertEquals(0.1, back.get("d"));
        assertTrue(back.containsKey("nan") && back.get("nan") == null);
        assertTrue(back.containsKey("inf") && back.get("inf") == null);
        assertEquals(true, back.get("b"));
        assertTrue(back.containsKey("n") && back.get("n") == null);
        assertEquals(Map.of("x", 1.5e-300), back.get("o"));
        assertEquals(List.of("x", 2L, List.of(), Map.of()), back.get("a"));

        out.reset().beginObject().endObject();
        assertEquals("{}", out.text().toString());
    }

    @Test
    void writerRefusesMisuse() {
        JsonWriter out = new JsonWriter(new StringBuilder());
        assertThrows(IllegalStateException.class, () -> out.name("x"), "name outside an object");
        out.beginObject();
        assertThrows(IllegalStateException.class, () -> out.value(1L), "value without a name");
        out.name("a");
        assertThrows(IllegalStateException.class, () -> out.name("b"), "two names in a row");
        assertThrows(IllegalStateException.class, out::endObject, "dangling name");
        out.beginArray();
        assertThrows(IllegalStateException.class, () -> out.name("c"), "name inside an array");
        assertThrows(IllegalStateException.class, out::endObject, "endObject closing an array");
        out.endArray();
        assertThrows(IllegalStateException.class, out::endArray, "endArray closing an object");
    }
}
