package org.cponode.ros.msg;

/**
 * A received sample that cannot be turned into a record (invalid UTF-8, a string or sequence longer than the
 * subscription allows, a missing string or sequence buffer). The subscription drops the sample and counts it by
 * {@link #problem()}.
 *
 * <p>A peer can send such samples as fast as the network carries them, one exception each: so it has no stack
 * trace (the decoder that threw is always the same code, and the message says what was wrong), and its message is
 * only formatted when asked for. {@link MessageType#decode} adds the sample's type and address, from which the
 * message names the field; formatting reads no native memory, so the exception outlives the sample's loan.
 */
public final class MalformedSampleException extends RuntimeException {

    /** What was wrong with the sample. */
    public enum Problem {
        /** A string that is not valid UTF-8. */
        INVALID_UTF8,
        /** A string longer than the reader's limit. */
        STRING_TOO_LONG,
        /** A sequence longer than the reader's limit or its schema bound. */
        SEQUENCE_TOO_LONG,
        /** A NULL string pointer, or a non-empty sequence without a buffer. */
        MISSING_BUFFER
    }

    private final Problem problem;
    /** Native address of the offending field (the string's pointer or inline text, the dds_sequence_t). */
    private final long field;
    private final long first;
    private final long second;
    private MessageType<?> type;
    private long sample;

    /**
     * @param problem what was wrong
     * @param field   native address of the field
     * @param first   the bad byte's index (invalid UTF-8), the sequence's length (too long, missing buffer), or 0
     *                (a string too long, a NULL string pointer)
     * @param second  the string's length (invalid UTF-8), the limit (too long), or 0
     */
    MalformedSampleException(Problem problem, long field, long first, long second) {
        super(null, null, false, false);
        this.problem = problem;
        this.field = field;
        this.first = first;
        this.second = second;
    }

    /** What was wrong. */
    public Problem problem() {
        return problem;
    }

    /**
     * The dotted ROS path of the offending field ({@code header.frame_id}), or null when it lies inside an element
     * of a sequence or the exception did not come from {@link MessageType#decode}.
     */
    public String fieldPath() {
        return type == null ? null : type.fieldAt(field - sample);
    }

    /** Records the sample the field belongs to; called once, by {@link MessageType#decode}. */
    MalformedSampleException locate(MessageType<?> sampleType, long sampleAddress) {
        this.type = sampleType;
        this.sample = sampleAddress;
        return this;
    }

    /** What was wrong, naming the limit or the byte offset, and the field when known. */
    @Override
    public String getMessage() {
        String what = switch (problem) {
            case INVALID_UTF8 -> "invalid UTF-8 at byte " + first + " of a " + second + "-byte string";
            case STRING_TOO_LONG -> "string longer than " + second + " bytes";
            case SEQUENCE_TOO_LONG -> "sequence of " + first + " elements exceeds the limit of " + second;
            case MISSING_BUFFER -> first == 0 ? "NULL string pointer"
                    : "sequence of " + first + " elements without a buffer";
        };
        String path = fieldPath();
        return path == null ? what : what + " in field " + path;
    }
}
