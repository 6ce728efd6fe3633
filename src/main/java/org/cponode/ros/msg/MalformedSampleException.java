package org.cponode.ros.msg;

/**
 * A received sample that cannot be turned into a record (invalid UTF-8, a sequence longer than the
 * subscription allows, a missing string). The subscription drops the sample and counts it.
 */
public final class MalformedSampleException extends RuntimeException {

    /** @param message what was wrong, naming the limit or the byte offset */
    public MalformedSampleException(String message) {
        super(message);
    }
}
