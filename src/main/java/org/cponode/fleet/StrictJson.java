package org.cponode.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Strict JSON (RFC 8259, nothing more) for command payloads, read with jackson-core's streaming parser. Refused,
 * each with a one-line reason: duplicate keys, trailing content, leading zeros, {@code NaN}/{@code Infinity},
 * unescaped control characters, invalid UTF-8 (and any other encoding), unpaired surrogates, non-finite numbers,
 * integers outside {@code long}, nesting deeper than {@link #MAX_DEPTH}, and numbers, strings or keys longer
 * than the limits below.
 *
 * <p>Values map to: object → unmodifiable {@code Map<String,Object>} (insertion order), array → unmodifiable
 * {@code List<Object>}, string → {@code String}, number without fraction or exponent → {@code Long}, other
 * number → {@code Double}, {@code true}/{@code false} → {@code Boolean}, {@code null} → {@code null}.
 *
 * <p>Not a hot path (commands arrive at human rates); it allocates freely. Stateless and thread-safe.
 */
final class StrictJson {

    /** Deepest nesting of objects and arrays accepted; commands are flat, so this is generous. */
    static final int MAX_DEPTH = 16;
    /** Longest number literal accepted: a {@code long} takes 20 characters, a double as JSON writers print it 24. */
    static final int MAX_NUMBER_CHARS = 64;
    /** Longest string or key accepted, in characters: none longer fits in a command payload. */
    static final int MAX_STRING_CHARS = CommandGate.MAX_PAYLOAD_BYTES;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Bytes are UTF-8 or refused (RFC 8259 8.1), never guessed to be UTF-16 or UTF-32.
            .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .build())
            .build();

    private StrictJson() {
    }

    /**
     * Parses one JSON value that must span the whole payload (surrounding whitespace allowed).
     *
     * @param payload the raw bytes, UTF-8. Not modified.
     * @return the parsed value (see the class comment for the mapping).
     * @throws MalformedJsonException if the payload is not exactly one strict JSON value within the limits.
     */
    static Object parse(byte[] payload) throws MalformedJsonException {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), payload)) {
            try {
                if (parser.nextToken() == null) {
                    throw new MalformedJsonException("empty input", 0);
                }
                Object value = readValue(parser);
                if (parser.nextToken() != null) {
                    throw malformed("unexpected content after the JSON value", parser);
                }
                return value;
            } catch (JacksonException e) {
                TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new MalformedJsonException(reason(e), at.getByteOffset());
            }
        }
    }

    /**
     * Parses {@code payload} and requires a JSON object at the top level.
     *
     * @param payload the raw bytes, UTF-8. Not modified.
     * @return the object's members in document order.
     * @throws MalformedJsonException if the payload is malformed or its top level is not an object.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] payload) throws MalformedJsonException {
        Object value = parse(payload);
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedJsonException("top-level value must be a JSON object", 0);
        }
        return (Map<String, Object>) value;
    }

    /** The value whose first token is the parser's current one; leaves the parser on its last token. */
    private static Object readValue(JsonParser parser) throws MalformedJsonException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> members = new LinkedHashMap<>();
                // The parser refuses a duplicate key itself (STRICT_DUPLICATE_DETECTION): ambiguous, not last-wins.
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    members.put(key, readValue(parser));
                }
                yield Collections.unmodifiableMap(members);
            }
            case START_ARRAY -> {
                List<Object> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(parser));
                }
                yield Collections.unmodifiableList(elements);
            }
            case VALUE_STRING -> wellFormed(parser.getString(), parser);
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw malformed("integer out of range", parser);
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw malformed("number out of range", parser);
                }
                yield value;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("unexpected " + parser.currentToken(), parser);
        };
    }

    /**
     * {@code text} if it is well-formed UTF-16. The parser checks the surrogates of a key but decodes an escaped
     * lone surrogate in a string value ({@code "\ud800"}) as it is, and such a string has no UTF-8 form.
     */
    private static String wellFormed(String text, JsonParser parser) throws MalformedJsonException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw malformed("unpaired surrogate in string", parser);
            }
        }
        return text;
    }

    private static MalformedJsonException malformed(String reason, JsonParser parser) {
        return new MalformedJsonException(reason, parser.currentTokenLocation().getByteOffset());
    }

    /**
     * The parser's reason on one line: without the location of an unclosed object's start, which it adds in its
     * own format, and escaped, since it may echo the payload (a duplicate key, an unrecognised token).
     */
    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage()).replaceFirst(" \\(start marker at \\[.*\\]\\)$", "");
        return Printable.of(message);
    }
}
