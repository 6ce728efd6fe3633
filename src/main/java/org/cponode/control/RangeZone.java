package org.cponode.control;

/**
 * The range sensor's stop and slow-down zones in the direction of travel, as nav2's collision_monitor gives them:
 * an obstacle nearer than {@code stopDistance} within {@code halfAngle} of the way the robot is driving (forward
 * for a positive speed, backward for a negative one) stops it; one nearer than {@code slowDistance} scales the
 * command by {@code slowFactor}. A pure turn has no direction of travel and is never held.
 *
 * @param stopDistance m, 0 for no stop zone
 * @param slowDistance m, 0 for no slow-down zone, else above the stop distance
 * @param slowFactor the fraction of the command kept in the slow-down zone, in (0, 1]
 * @param halfAngle rad, half the width of the sector, in (0, pi]
 */
public record RangeZone(double stopDistance, double slowDistance, double slowFactor, double halfAngle) {

    /** No zones. */
    public static final RangeZone OFF = new RangeZone(0, 0, 1, Math.PI / 6);

    public RangeZone {
        if (!(stopDistance >= 0) || !Double.isFinite(stopDistance) || !(slowDistance >= 0)
                || !Double.isFinite(slowDistance) || (slowDistance > 0 && slowDistance <= stopDistance)) {
            throw new IllegalArgumentException("need zone distances >= 0 with the slow-down zone beyond the stop zone,"
                    + " got stop " + stopDistance + " m, slow " + slowDistance + " m");
        }
        if (!(slowFactor > 0 && slowFactor <= 1) || !(halfAngle > 0 && halfAngle <= Math.PI)) {
            throw new IllegalArgumentException("need a slow-down factor in (0, 1] and a half angle in (0, pi], got "
                    + slowFactor + " and " + halfAngle);
        }
    }

    /** Whether any zone is set. */
    public boolean enabled() {
        return stopDistance > 0 || slowDistance > 0;
    }

    /**
     * The fraction of a command the zones let through.
     *
     * @param nearest the nearest obstacle in the direction of travel, m (+inf when there is none)
     * @return 0 in the stop zone, {@code slowFactor} in the slow-down zone, else 1
     */
    public double factor(double nearest) {
        if (nearest < stopDistance) {
            return 0;
        }
        return nearest < slowDistance ? slowFactor : 1;
    }
}
