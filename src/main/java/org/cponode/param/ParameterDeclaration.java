package org.cponode.param;

import java.util.Objects;
import java.util.function.Function;
import org.cponode.yaml.YamlErrors;

/**
 * One declared parameter: name, type, default, unit and meaning (as in {@code config/} and the README), the range
 * of values it accepts, a rule for what no range expresses, and whether it may change while the node runs (ROS's
 * {@code read_only} otherwise). Made with {@link #bool}, {@link #integer}, {@link #real} or {@link #string}, then
 * {@link #changeableWhileRunning()} and {@link #rule}.
 *
 * @param name ROS parameter name
 * @param type its type
 * @param defaultValue value when no file or {@code -p} sets it, in the type's Java form
 * @param unit SI unit, or empty for dimensionless values
 * @param description one line on what it does
 * @param range the accepted values ({@link FloatingPointRange} for doubles, {@link IntegerRange} for integers),
 *     or null for any value of the type
 * @param live whether a set may change it while the node runs
 * @param rule what a value must also be (a topic name, one of some words), or null
 */
public record ParameterDeclaration(String name, ParameterType type, Object defaultValue, String unit,
        String description, ParameterRange range, boolean live, Rule rule) {

    /**
     * A condition no range expresses.
     *
     * @param description what it asks, for a ROS descriptor's {@code additional_constraints}
     * @param check why a (type-converted) value breaks it, or null if it does not
     */
    public record Rule(String description, Function<Object, String> check) {
        public Rule {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(check, "check");
        }
    }

    public ParameterDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (!type.convert(name, defaultValue).equals(defaultValue)) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue
                    + " is not in the " + type.rosName() + " form");
        }
        if (type == ParameterType.DOUBLE ? !(range == null || range instanceof FloatingPointRange)
                : type == ParameterType.INTEGER ? !(range == null || range instanceof IntegerRange) : range != null) {
            throw new IllegalArgumentException("parameter '" + name + "': a " + type.rosName() + " cannot have " + range);
        }
    }

    /** A bool parameter, read-only while running. */
    public static ParameterDeclaration bool(String name, boolean defaultValue, String description) {
        return new ParameterDeclaration(name, ParameterType.BOOL, defaultValue, "", description, null, false, null);
    }

    /** An integer parameter in {@code range} (null: any), read-only while running. */
    public static ParameterDeclaration integer(String name, long defaultValue, String unit, IntegerRange range,
            String description) {
        return new ParameterDeclaration(name, ParameterType.INTEGER, defaultValue, unit, description, range, false, null);
    }

    /** A double parameter in {@code range}, always finite, read-only while running. */
    public static ParameterDeclaration real(String name, double defaultValue, String unit, FloatingPointRange range,
            String description) {
        return new ParameterDeclaration(name, ParameterType.DOUBLE, defaultValue, unit, description, range, false,
                null);
    }

    /** A string parameter, read-only while running. */
    public static ParameterDeclaration string(String name, String defaultValue, String unit, String description) {
        return new ParameterDeclaration(name, ParameterType.STRING, defaultValue, unit, description, null, false, null);
    }

    /** This declaration, changeable while the node runs. */
    public ParameterDeclaration changeableWhileRunning() {
        return new ParameterDeclaration(name, type, defaultValue, unit, description, range, true, rule);
    }

    /** This declaration with the rule {@code description}, checked by {@code check} (see {@link Rule}). */
    public ParameterDeclaration rule(String description, Function<Object, String> check) {
        return new ParameterDeclaration(name, type, defaultValue, unit, this.description, range, live,
                new Rule(description, check));
    }

    /**
     * The converted, checked value: its type, finite for a double, within the range, by the rule.
     *
     * @throws IllegalArgumentException naming the parameter, with what it accepts
     */
    public Object accept(Object raw) {
        Object value = type.convert(name, raw);
        String problem = value instanceof Double d && !Double.isFinite(d) ? "must be finite"
                : range != null ? range.problem(value) : null;
        if (problem == null && rule != null) {
            problem = rule.check().apply(value);
        }
        if (problem != null) {
            throw new IllegalArgumentException("parameter '" + name + "' " + problem + ", got "
                    + YamlErrors.shown(value));
        }
        return value;
    }

    /** The description with the unit, as a ROS descriptor carries it: {@code "control loop rate (Hz)"}. */
    public String descriptionWithUnit() {
        return unit.isEmpty() ? description : description + " (" + unit + ")";
    }

    /** What a ROS descriptor's range cannot say: an excluded lower end and the rule, or empty. */
    public String additionalConstraints() {
        String exclusion = range instanceof FloatingPointRange f ? f.exclusion() : "";
        String ruled = rule == null ? "" : rule.description();
        return exclusion.isEmpty() || ruled.isEmpty() ? exclusion + ruled : exclusion + "; " + ruled;
    }

    /** The range as the parameter tables show it, or {@code -} without one. */
    public String shownRange() {
        return range == null ? "-" : range.shown();
    }

    /** The default as the parameter tables show it: strings quoted. */
    public String shownDefault() {
        return defaultValue instanceof String s ? "\"" + s + "\"" : defaultValue.toString();
    }
}
