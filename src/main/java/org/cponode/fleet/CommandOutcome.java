package org.cponode.fleet;

/**
 * What the node did with a fleet command: accepted, or rejected with a reason the operator will read in the
 * {@code events/cmd_rejected} message.
 *
 * @param accepted true if the command took effect (or was already in effect).
 * @param reason why it was refused; {@code null} exactly when accepted.
 */
public record CommandOutcome(boolean accepted, String reason) {

    private static final CommandOutcome ACCEPTED = new CommandOutcome(true, null);

    /** Checks that a rejection has a reason and an acceptance has none. */
    public CommandOutcome {
        if (accepted && reason != null) {
            throw new IllegalArgumentException("an accepted command has no rejection reason");
        }
        if (!accepted && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a rejected command needs a reason");
        }
    }

    /** @return the shared "accepted" outcome. */
    public static CommandOutcome accept() {
        return ACCEPTED;
    }

    /**
     * @param reason why the command is refused, e.g. "no checkpoint for policy version 7".
     * @return a rejection with that reason.
     */
    public static CommandOutcome reject(String reason) {
        return new CommandOutcome(false, reason);
    }
}
