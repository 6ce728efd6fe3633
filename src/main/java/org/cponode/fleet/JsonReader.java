package org.cponode.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for command payloads (RFC 8259, nothing more): duplicate keys, trailing content,
 * leading zeros, {@code NaN}/{@code Infinity}, unescaped control characters, lone surrogates, non-finite
 * numbers, integers outside {@code long}, invalid UTF-8 and nesting deeper than {@link #MAX_DEPTH} are all
 * rejected with a reason.
 *
 * <p>Values map to: object → unmodifiable {@code Map<String,Object>} (insertion order), array → unmodifiable
 * {@code List<Object>}, string → {@code String}, number without fraction or exponent → {@code Long}, other
 * number → {@code Double}, {@code true}/{@code false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <p>Not a hot path (commands arrive at human rates); it allocates freely. Stateless and thread-safe.
 */
public final class JsonReader {

    /** Deepest nesting of objects and arrays accepted; commands are flat, so this is generous. */
    public static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Decodes {@code payload} as strict UTF-8 and parses it.
     *
     * @param payload the raw bytes. Not modified.
     * @return the parsed value (see the class comment for the mapping).
     * @throws MalformedJsonException if the bytes are not valid UTF-8 or not strict JSON.
     */
    public static Object parse(byte[] payload) throws MalformedJsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("payload is not valid UTF-8", 0);
        }
        return parse(text);
    }

    /**
     * Parses one JSON value that must span the whole of {@code text} (surrounding whitespace allowed).
     *
     * @param text the JSON text.
     * @return the parsed value (see the class comment for the mapping).
     * @throws MalformedJsonException if {@code text} is not exactly one strict JSON value.
     */
    public static Object parse(String text) throws MalformedJsonException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        if (reader.pos == text.length()) {
            throw new MalformedJsonException("empty input", 0);
        }
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new MalformedJsonException("unexpected content after the JSON value", reader.pos);
        }
        return value;
    }

    /**
     * Parses {@code payload} and requires a JSON object at the top level.
     *
     * @param payload the raw bytes. Not modified.
     * @return the object's members in document order.
     * @throws MalformedJsonException if the payload is malformed or its top level is not an object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] payload) throws MalformedJsonException {
        Object value = parse(payload);
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedJsonException("top-level value must be a JSON object", 0);
        }
        return (Map<String, Object>) value;
    }

    private Object readValue(int depth) throws MalformedJsonException {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unexpected end of input", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth + 1);
            case '[' -> readArray(depth + 1);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw new MalformedJsonException("unexpected character '" + printable(c) + "'", pos);
            }
        };
    }

    private Map<String, Object> readObject(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJsonException("expected a string key", pos);
            }
            int keyOffset = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue(depth);
            // A duplicate key is ambiguous (which seq counts?), so it is an error rather than last-wins.
            if (members.containsKey(key)) {
                throw new MalformedJsonException("duplicate key \"" + Printable.of(key) + "\"", keyOffset);
            }
            members.put(key, value);
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return Collections.unmodifiableMap(members);
            } else {
                throw new MalformedJsonException("expected ',' or '}' in object", pos);
            }
        }
    }

    private List<Object> readArray(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return Collections.unmodifiableList(elements);
            } else {
                throw new MalformedJsonException("expected ',' or ']' in array", pos);
            }
        }
    }

    private String readString() throws MalformedJsonException {
        int start = pos;
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new MalformedJsonException("unterminated string", start);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new MalformedJsonException("unescaped control character in string", pos - 1);
            }
            if (c == '\\') {
                c = readEscape();
            }
            if (Character.isHighSurrogate(c)) {
                out.append(c);
                char low = nextStringChar();
                if (!Character.isLowSurrogate(low)) {
                    throw new MalformedJsonException("unpaired surrogate in string", pos - 1);
                }
                out.append(low);
            } else if (Character.isLowSurrogate(c)) {
                throw new MalformedJsonException("unpaired surrogate in string", pos - 1);
            } else {
                out.append(c);
            }
        }
    }

    /** The next character of a string body (an escape decoded), for the low half of a surrogate pair. */
    private char nextStringChar() throws MalformedJsonException {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unterminated string", pos);
        }
        char c = text.charAt(pos++);
        return c == '\\' ? readEscape() : c;
    }

    private char readEscape() throws MalformedJsonException {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unterminated escape", pos);
        }
        char e = text.charAt(pos++);
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> readHex4();
            default -> throw new MalformedJsonException("invalid escape '\\" + printable(e) + "'", pos - 2);
        };
    }

    private char readHex4() throws MalformedJsonException {
        if (pos + 4 > text.length()) {
            throw new MalformedJsonException("truncated \\u escape", pos);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw new MalformedJsonException("invalid hex digit in \\u escape", pos + i);
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object readNumber() throws MalformedJsonException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw new MalformedJsonException("leading zero in number", start);
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw new MalformedJsonException("expected a digit", pos);
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw new MalformedJsonException("expected a digit after '.'", pos);
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new MalformedJsonException("expected a digit in exponent", pos);
            }
            skipDigits();
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException e) {
                throw new MalformedJsonException("integer out of range", start);
            }
        }
        double value = Double.parseDouble(literal);
        if (!Double.isFinite(value)) {
            throw new MalformedJsonException("number out of range", start);
        }
        return value;
    }

    private Object readLiteral(String literal, Object value) throws MalformedJsonException {
        if (!text.startsWith(literal, pos)) {
            throw new MalformedJsonException("invalid literal", pos);
        }
        pos += literal.length();
        return value;
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException("nesting deeper than " + MAX_DEPTH, pos);
        }
    }

    private void expect(char c) throws MalformedJsonException {
        if (peek() != c) {
            throw new MalformedJsonException("expected '" + c + "'", pos);
        }
        pos++;
    }

    /** The current character, or NUL at the end (NUL never matches any token start). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
