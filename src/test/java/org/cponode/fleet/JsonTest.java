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

/** The strict JSON reader and the writer. */
class JsonTest {

    @Test
    void readsEveryValueTypeWithTheDocumentedMapping() throws Exception {
        Object value = JsonReader.parse(" {\"a\":1,\"b\":-2.5e1,\"c\":\"x\\u00e9\\n\\ud83d\\ude00\",\"d\":[true,false,null],"
                + "\"e\":{},\"f\":0,\"g\":-0.0} ");
        Map<?, ?> m = (Map<?, ?>) value;
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), List.copyOf(m.keySet()), "document order kept");
        assertEquals(1L, m.get("a"));
        assertEquals(-25.0, m.get("b"));
        assertEquals("xé\n😀", m.get("c"));
        assertEquals(Arrays.asList(true, false, null), m.get("d"));
        assertEquals(Map.of(), m.get("e"));
        assertEquals(0L, m.get("f"));
        assertEquals(-0.0, m.get("g"));
        assertEquals(Long.MAX_VALUE, JsonReader.parse("9223372036854775807"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty input",
        "{\"seq\":1,\"seq\":2}|duplicate key \"seq\"",
        "{\"a\":1} x|unexpected content after the JSON value",
        "{\"a\":01}|leading zero in number",
        "{\"a\":NaN}|unexpected character 'N'",
        "{\"a\":Infinity}|unexpected character 'I'",
        "{\"a\":1e999}|number out of range",
        "{\"a\":9223372036854775808}|integer out of range",
        "{\"a\":1.}|expected a digit after '.'",
        "{\"a\":+1}|unexpected character '+'",
        "{a:1}|expected a string key",
        "{\"a\":1,}|expected a string key",
        "[1,2,]|unexpected character ']'",
        "{\"a\":tru}|invalid literal",
        "{\"a\":\"\\x\"}|invalid escape '\\x'",
        "{\"a\":\"\\ud800\"}|unpaired surrogate in string",
        "{\"a\":\"\\u12g4\"}|invalid hex digit in \\u escape",
        "{\"a\":\"open|unterminated string",
        "{\"a\" 1}|expected ':'",
        "{\"a\":1|expected ',' or '}' in object",
    })
    void rejectsNonStrictJsonWithAReason(String text, String reason) {
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> JsonReader.parse(text));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void rejectsControlCharactersInvalidUtf8DeepNestingAndNonObjects() {
        assertThrows(MalformedJsonException.class, () -> JsonReader.parse("\"a\tb\""));
        MalformedJsonException utf8 = assertThrows(MalformedJsonException.class,
                () -> JsonReader.parse(new byte[] {'"', (byte) 0xc3, '"'}));
        assertEquals("payload is not valid UTF-8 at offset 0", utf8.getMessage());
        assertEquals(9, assertThrows(MalformedJsonException.class, () -> JsonReader.parse("{\"a\":1,  }")).offset(),
                "offset points at the problem");
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        assertTrue(assertThrows(MalformedJsonException.class, () -> JsonReader.parse(deep)).getMessage()
                .startsWith("nesting deeper than"));
        String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(1, assertDoesNotThrowParse(deepest).size());
        assertTrue(assertThrows(MalformedJsonException.class,
                () -> JsonReader.parseObject("[1]".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("top-level value must be a JSON object"));
    }

    private static List<?> assertDoesNotThrowParse(String text) {
        try {
            return List.of(JsonReader.parse(text));
        } catch (MalformedJsonException e) {
            throw new AssertionError(e);
        }
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
        Map<String, Object> back = JsonReader.parseObject(out.text().toString().getBytes(StandardCharsets.UTF_8));
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
