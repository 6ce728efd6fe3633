package org.cponode.ros;

import java.util.Locale;
import org.cponode.ros.msg.MalformedSampleException;

/** Why a received sample was dropped: the key, with the topic, of the drop counts ({@link DropCount}). */
public enum DropReason {
    /** A string that is not valid UTF-8. */
    INVALID_UTF8("invalid UTF-8"),
    /** A string longer than the subscription's limit. */
    STRING_TOO_LONG("a string over the limit"),
    /** A sequence longer than the subscription's limit or its schema bound. */
    SEQUENCE_TOO_LONG("a sequence over the limit"),
    /** A NULL string pointer or a non-empty sequence without a buffer. */
    MISSING_BUFFER("a NULL string or sequence buffer"),
    /**
     * CDR that Cyclone could not deserialise: the sample never reached a subscription. Cyclone reports it only in
     * its log, once per sample and DDS topic of this process, which is where it is counted.
     */
    UNDESERIALISABLE("CDR Cyclone could not deserialise"),
    /** The callback threw: the sample was decoded (it is the subscription's latest) but not handled. */
    CALLBACK_FAILED("a callback that threw");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    /** The key in diagnostics and telemetry, e.g. {@code invalid_utf8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A few words for a log line, after "for": {@code invalid UTF-8}, {@code a callback that threw}. */
    public String description() {
        return description;
    }

    /** The reason for a decoder's problem. */
    static DropReason of(MalformedSampleException.Problem problem) {
        return switch (problem) {
            case INVALID_UTF8 -> INVALID_UTF8;
            case STRING_TOO_LONG -> STRING_TOO_LONG;
            case SEQUENCE_TOO_LONG -> SEQUENCE_TOO_LONG;
            case MISSING_BUFFER -> MISSING_BUFFER;
        };
    }
}
