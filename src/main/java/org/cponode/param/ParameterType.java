package org.cponode.param;

import org.cponode.yaml.YamlErrors;

/** The ROS parameter types the node declares, with their ROS type ids and what a YAML value of each looks like. */
public enum ParameterType {
    BOOL("bool", 1),
    INTEGER("integer", 2),
    DOUBLE("double", 3),
    STRING("string", 4);

    private final String rosName;
    private final byte rosTypeId;

    ParameterType(String rosName, int rosTypeId) {
        this.rosName = rosName;
        this.rosTypeId = (byte) rosTypeId;
    }

    /** The ROS type name, for messages. */
    public String rosName() {
        return rosName;
    }

    /** The type's id in rcl_interfaces/msg/ParameterType ({@code PARAMETER_BOOL} 1 ... {@code PARAMETER_STRING} 4). */
    public byte rosTypeId() {
        return rosTypeId;
    }

    /**
     * Converts a YAML-loaded value to this type's Java form ({@link Boolean}, {@link Long}, {@link Double},
     * {@link String}). Integers are accepted for doubles (a user writing {@code control_rate:=50} means 50.0);
     * nothing else is converted, so {@code "true"} as a string or {@code 8.0} for an integer are errors.
     *
     * @throws IllegalArgumentException naming the parameter, the expected type and what was given
     */
    public Object convert(String name, Object value) {
        Object converted = switch (this) {
            case BOOL -> value instanceof Boolean b ? b : null;
            case INTEGER -> value instanceof Integer || value instanceof Long ? Long.valueOf(((Number) value).longValue())
                    : null;
            case DOUBLE -> value instanceof Double || value instanceof Float || value instanceof Integer
                    || value instanceof Long ? Double.valueOf(((Number) value).doubleValue()) : null;
            case STRING -> value instanceof String s ? s : null;
        };
        if (converted == null) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a " + rosName + ", got "
                    + describe(value));
        }
        return converted;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "no value";
        }
        String kind = value instanceof Boolean ? "bool" : value instanceof Integer || value instanceof Long ? "integer"
                : value instanceof Double || value instanceof Float ? "double" : value instanceof String ? "string"
                : value instanceof java.util.List ? "list" : value instanceof java.util.Map ? "map"
                : value.getClass().getSimpleName();
        return kind + " " + YamlErrors.shown(value);
    }
}
