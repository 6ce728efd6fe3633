package org.cponode.fleet;

/**
 * Writes one flat-or-nested JSON object into a reusable {@link StringBuilder}, inserting commas itself.
 * Non-finite doubles are written as {@code null} (JSON has no NaN), which the telemetry schema documents.
 *
 * <p>Hot path: once the builder has grown to the message size, writing allocates nothing
 * ({@code StringBuilder.append(long/double)} format in place). Not thread-safe; each telemetry buffer slot
 * owns one writer.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Per nesting level: true once a member or element has been written, so the next one needs a comma. */
    private final boolean[] hasMember = new boolean[StrictJson.MAX_DEPTH + 1];
    /** Per nesting level: true for an array, whose elements have no names. */
    private final boolean[] isArray = new boolean[StrictJson.MAX_DEPTH + 1];
    private int depth;
    /** True right after {@link #name}, when a value (not a name) must follow. */
    private boolean afterName;

    /** @param out the builder to append to; {@link #reset} clears it. Modified. */
    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    /** Clears the builder and the nesting state, ready for a new document. */
    public JsonWriter reset() {
        out.setLength(0);
        depth = 0;
        afterName = false;
        return this;
    }

    /** @return the builder holding the document written so far. */
    public StringBuilder text() {
        return out;
    }

    /** Opens an object (top-level, as a member value or as an array element). */
    public JsonWriter beginObject() {
        open('{', false);
        return this;
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        if (depth == 0 || isArray[depth] || afterName) {
            throw new IllegalStateException("endObject without an open object or after a dangling name");
        }
        depth--;
        out.append('}');
        return this;
    }

    /** Opens an array (as a member value or as an array element); its elements are plain value calls. */
    public JsonWriter beginArray() {
        open('[', true);
        return this;
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        if (depth == 0 || !isArray[depth]) {
            throw new IllegalStateException("endArray without an open array");
        }
        depth--;
        out.append(']');
        return this;
    }

    /** Writes a member name; a value call must follow. */
    public JsonWriter name(String name) {
        if (depth == 0 || isArray[depth] || afterName) {
            throw new IllegalStateException("name \"" + name + "\" outside an object or after another name");
        }
        if (hasMember[depth]) {
            out.append(',');
        }
        hasMember[depth] = true;
        writeString(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes a string value, escaped; {@code null} writes JSON null. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            writeString(value);
        }
        return this;
    }

    /** Writes an integer value. */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes a number; NaN and infinities become {@code null}. */
    public JsonWriter value(double value) {
        beforeValue();
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
        return this;
    }

    /** Writes a boolean value. */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes JSON null. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    private void open(char bracket, boolean array) {
        beforeValue();
        if (depth == StrictJson.MAX_DEPTH) {
            throw new IllegalStateException("JSON nesting deeper than " + StrictJson.MAX_DEPTH);
        }
        out.append(bracket);
        hasMember[++depth] = false;
        isArray[depth] = array;
    }

    private void beforeValue() {
        if (depth > 0 && isArray[depth]) {
            if (hasMember[depth]) {
                out.append(',');
            }
            hasMember[depth] = true;
            return;
        }
        if (depth > 0 && !afterName) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        afterName = false;
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
