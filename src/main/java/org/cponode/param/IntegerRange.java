package org.cponode.param;

/**
 * The integers from {@code from} to {@code to}, both included.
 *
 * @param from lowest value
 * @param to highest value, >= from
 */
public record IntegerRange(long from, long to) implements ParameterRange {

    public IntegerRange {
        if (to < from) {
            throw new IllegalArgumentException("a range needs from <= to, got [" + from + ", " + to + "]");
        }
    }

    @Override
    public String problem(Object value) {
        long v = (Long) value;
        return v >= from && v <= to ? null : "must lie in [" + from + ", " + to + "]";
    }

    @Override
    public String shown() {
        return "[" + from + ", " + to + "]";
    }
}
