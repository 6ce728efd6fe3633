package org.cponode.ros.dds;

/** libddsc could not be loaded; the message lists every name that was tried and how to fix it. */
public final class DdsUnavailableException extends RuntimeException {

    /** @param message what was tried and what to install */
    public DdsUnavailableException(String message) {
        super(message);
    }
}
