package org.cponode.ros;

/**
 * SROS 2 with {@code ROS_SECURITY_STRATEGY=Enforce} cannot secure the participant (keystore, enclave directory or
 * file missing, or files Cyclone DDS refused), so the node does not start; the message is one line naming the
 * path. An {@link IllegalArgumentException}: the settings, not the running node, are at fault, and the command
 * line reports it as a usage error (exit code 2).
 */
public final class RosSecurityException extends IllegalArgumentException {

    public RosSecurityException(String message) {
        super(message);
    }
}
