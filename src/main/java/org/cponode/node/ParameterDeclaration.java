package org.cponode.node;

import java.util.function.Function;
import org.cponode.yaml.YamlErrors;

/**
 * One declared node parameter: name, type, default, unit and meaning (as in {@code config/} and the README),
 * and its range check.
 *
 * @param name ROS parameter name
 * @param type its type
 * @param defaultValue value when no file or {@code -p} sets it, in the type's Java form
 * @param unit SI unit, or empty for dimensionless values
 * @param description one line on what it does
 * @param rangeCheck returns why a (type-converted) value is out of range, or null if it is fine
 */
public record ParameterDeclaration(String name, ParameterType type, Object defaultValue, String unit,
        String description, Function<Object, String> rangeCheck) {

    /**
     * The converted, range-checked value.
     *
     * @throws IllegalArgumentException naming the parameter, with the accepted range
     */
    public Object accept(Object raw) {
        Object value = type.convert(name, raw);
        String problem = rangeCheck.apply(value);
        if (problem != null) {
            throw new IllegalArgumentException("parameter '" + name + "' " + problem + ", got "
                    + YamlErrors.shown(value));
        }
        return value;
    }

    /** A range check accepting finite doubles in {@code (0, high]}. */
    static Function<Object, String> positiveAtMost(double high) {
        return v -> {
            double d = (Double) v;
            return !Double.isFinite(d) ? "must be finite" : d > 0 && d <= high ? null : "must be > 0 and <= " + high;
        };
    }

    /** A range check accepting finite doubles in {@code [low, high]}. */
    static Function<Object, String> within(double low, double high) {
        return v -> {
            double d = (Double) v;
            return !Double.isFinite(d) ? "must be finite"
                    : d >= low && d <= high ? null : "must lie in [" + low + ", " + high + "]";
        };
    }
}
