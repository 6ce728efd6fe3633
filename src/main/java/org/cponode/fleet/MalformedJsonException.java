package org.cponode.fleet;

/**
 * A payload that is not strict JSON (RFC 8259) or exceeds the parser's limits ({@link StrictJson}). The message
 * names the reason on one line, with any echo of the payload escaped, and the byte offset, so it can be sent
 * back to the operator verbatim.
 */
final class MalformedJsonException extends Exception {

    /** Byte offset in the payload where the problem was detected. */
    private final long offset;

    /**
     * @param reason what is wrong, e.g. "integer out of range"; one line, echoes escaped.
     * @param offset byte offset where it was detected.
     */
    MalformedJsonException(String reason, long offset) {
        super(reason + " at offset " + offset);
        this.offset = offset;
    }

    /** @return byte offset in the payload where the problem was detected. */
    long offset() {
        return offset;
    }
}
