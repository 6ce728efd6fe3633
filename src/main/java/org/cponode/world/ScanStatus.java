package org.cponode.world;

/** Whether a scan gave usable {@link RangeBins}, and if not, why. */
public enum ScanStatus {
    /** The bins hold the scan. */
    VALID("valid"),
    /** The scan has no rays, so it shows nothing of the surroundings. */
    NO_RAYS("the scan has no rays"),
    /** The scan's header values cannot place its rays or readings. */
    BAD_GEOMETRY("angle_min and angle_increment must be finite, range_min finite and >= 0, range_max >= range_min"),
    /** A reading is NaN: REP 117's erroneous measurement, which says nothing of what is there. */
    NAN_READING("a range reading is NaN");

    private final String problem;

    ScanStatus(String problem) {
        this.problem = problem;
    }

    /** One line saying what is wrong (or "valid"), for diagnostics. */
    public String problem() {
        return problem;
    }
}
