package org.cponode.param;

/**
 * The doubles from {@code from} to {@code to}, both included unless {@code fromExcluded} (a rate or a length that
 * must be positive). A ROS descriptor's {@code floating_point_range} includes both ends, so an excluded lower end
 * also goes into its {@code additional_constraints} ({@link #exclusion}).
 *
 * @param from lowest value, finite
 * @param to highest value, finite and >= from
 * @param fromExcluded whether {@code from} itself is refused
 */
public record FloatingPointRange(double from, double to, boolean fromExcluded) implements ParameterRange {

    public FloatingPointRange {
        if (!Double.isFinite(from) || !Double.isFinite(to) || to < from) {
            throw new IllegalArgumentException("a range needs finite ends, from <= to, got [" + from + ", " + to + "]");
        }
    }

    /** {@code [from, to]}. */
    public static FloatingPointRange within(double from, double to) {
        return new FloatingPointRange(from, to, false);
    }

    /** {@code (from, to]}. */
    public static FloatingPointRange above(double from, double to) {
        return new FloatingPointRange(from, to, true);
    }

    @Override
    public String problem(Object value) {
        double d = (Double) value;
        if (fromExcluded) {
            return d > from && d <= to ? null : "must be > " + from + " and <= " + to;
        }
        return d >= from && d <= to ? null : "must lie in [" + from + ", " + to + "]";
    }

    @Override
    public String shown() {
        return (fromExcluded ? "(" : "[") + from + ", " + to + "]";
    }

    /** What the descriptor's inclusive range leaves unsaid ({@code "> 0.0"}), or empty. */
    public String exclusion() {
        return fromExcluded ? "> " + from : "";
    }
}
