package org.cponode.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value for every parameter of a table, each accepted by its declaration ({@link ParameterDeclaration#accept}),
 * defaults for those not given. Immutable; read through the declarations, so a reader gets the declared type.
 */
public final class ParameterValues {

    private final List<ParameterDeclaration> table;
    private final Map<String, Object> values;

    private ParameterValues(List<ParameterDeclaration> table, Map<String, Object> values) {
        this.table = table;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The values {@code raw} gives (YAML-loaded, by parameter name), defaults for the rest.
     *
     * @throws IllegalArgumentException for a name the table does not declare (listing those it does), and every
     *     refusal of {@link ParameterDeclaration#accept}
     */
    public static ParameterValues of(List<ParameterDeclaration> table, Map<String, ?> raw) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (ParameterDeclaration d : table) {
            v.put(d.name(), d.defaultValue());
        }
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            ParameterDeclaration d = find(table, e.getKey());
            if (d == null) {
                throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; declared: "
                        + String.join(", ", table.stream().map(ParameterDeclaration::name).toList()));
            }
            v.put(d.name(), d.accept(e.getValue()));
        }
        return new ParameterValues(List.copyOf(table), v);
    }

    /** The declaration of {@code name} in {@code table}, or null. */
    public static ParameterDeclaration find(List<ParameterDeclaration> table, String name) {
        for (ParameterDeclaration d : table) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** A bool parameter's value. */
    public boolean bool(ParameterDeclaration d) {
        return (Boolean) get(d, ParameterType.BOOL);
    }

    /** An integer parameter's value. */
    public long integer(ParameterDeclaration d) {
        return (Long) get(d, ParameterType.INTEGER);
    }

    /** A double parameter's value. */
    public double real(ParameterDeclaration d) {
        return (Double) get(d, ParameterType.DOUBLE);
    }

    /** A string parameter's value. */
    public String string(ParameterDeclaration d) {
        return (String) get(d, ParameterType.STRING);
    }

    private Object get(ParameterDeclaration d, ParameterType type) {
        if (d.type() != type || !table.contains(d)) {
            throw new IllegalArgumentException(d.name() + " is no " + type.rosName() + " parameter of this table");
        }
        return values.get(d.name());
    }

    /** Every value by name (Java form), in the table's order. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterValues p && p.table.equals(table) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
