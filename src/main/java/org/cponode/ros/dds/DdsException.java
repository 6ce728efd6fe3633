package org.cponode.ros.dds;

/** A Cyclone DDS call returned an error code; the message names the call and Cyclone's text for the code. */
public final class DdsException extends RuntimeException {

    /** {@code DDS_RETCODE_NOT_ALLOWED_BY_SECURITY}: the participant's permissions forbid the topic or endpoint. */
    public static final int NOT_ALLOWED_BY_SECURITY = -13;

    private final int returnCode;

    /**
     * @param call       the C function (with context, e.g. the topic name)
     * @param returnCode the negative {@code dds_return_t}
     */
    public DdsException(String call, int returnCode) {
        super(call + " failed: " + Ddsc.errorText(returnCode) + " (" + returnCode + ")");
        this.returnCode = returnCode;
    }

    /** The negative {@code dds_return_t}. */
    public int returnCode() {
        return returnCode;
    }
}
