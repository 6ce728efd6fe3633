package org.cponode.fleet;

/**
 * A payload that is not strict JSON (RFC 8259) or exceeds the reader's limits. The message names the reason
 * and the character offset, so it can be sent back to the operator verbatim.
 */
public final class MalformedJsonException extends Exception {

    /** Character offset in the input where the problem was detected. */
    private final int offset;

    /**
     * @param reason what is wrong, e.g. "duplicate key \"seq\"".
     * @param offset character offset where it was detected.
     */
    public MalformedJsonException(String reason, int offset) {
        super(reason + " at offset " + offset);
        this.offset = offset;
    }

    /** @return character offset in the input where the problem was detected. */
    public int offset() {
        return offset;
    }
}
