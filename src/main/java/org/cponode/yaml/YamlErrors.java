package org.cponode.yaml;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** One-line descriptions of YAML parser errors, and of the text a message shows back. */
public final class YamlErrors {

    /** Longer text is shown cut: a one-line error must stay readable whatever was given. */
    private static final int SHOWN_CHARACTERS = 40;

    private YamlErrors() {}

    /**
     * A value as an error message shows it: text quoted, anything else as {@link String#valueOf}, cut past
     * {@value #SHOWN_CHARACTERS} characters with its length, e.g. {@code 'xxxx...' (65536 characters)}.
     */
    public static String shown(Object value) {
        boolean text = value instanceof String;
        String s = String.valueOf(value);
        String quote = text ? "'" : "";
        return s.length() <= SHOWN_CHARACTERS ? quote + s + quote
                : quote + s.substring(0, SHOWN_CHARACTERS) + "..." + quote + " (" + s.length() + " characters)";
    }

    /**
     * The parser's problem and its position, e.g. {@code found duplicate key mass (line 3, column 1)}.
     *
     * <p>Why not the exception's message: snakeyaml-engine's begins with the context ("while constructing a
     * mapping") and puts the problem on later lines, so a one-line error built from it hides what is wrong.
     */
    public static String describe(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked && marked.getProblem() != null
                && !marked.getProblem().isBlank()) {
            String where = marked.getProblemMark().map(YamlErrors::position).orElse("");
            return marked.getProblem().strip() + where;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.isEmpty() ? "syntax error" : message.lines().findFirst().orElseThrow().strip();
    }

    /**
     * Why a YAML file could not be read, e.g. {@code not UTF-8 text} (the decoder's own message is only
     * "Input length = 1").
     */
    public static String describe(IOException e) {
        return e instanceof CharacterCodingException ? "not UTF-8 text" : String.valueOf(e.getMessage());
    }

    private static String position(Mark mark) {
        return " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }
}
