package org.cponode.fleet;

import java.util.Locale;

/**
 * Received text as it may appear in a rejection reason: reasons go to the node's log and to the operators'
 * events, so an echo of a key, a value or a topic must stay on its line and cannot forge another.
 */
final class Printable {

    private Printable() {
    }

    /**
     * {@code text} with every control, format and line or paragraph separator character, and every unpaired
     * surrogate, written as {@code \\uXXXX}; everything else as it is.
     *
     * @param text received text, not trusted.
     * @return the escaped text.
     */
    static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (isSafe(c)) {
                out.appendCodePoint(c);
            } else {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) unit));
                }
            }
        });
        return out.toString();
    }

    /**
     * @param text received text, not trusted.
     * @return true if {@link #of} leaves {@code text} as it is.
     */
    static boolean isPrintable(String text) {
        return text.codePoints().allMatch(Printable::isSafe);
    }

    private static boolean isSafe(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        };
    }
}
