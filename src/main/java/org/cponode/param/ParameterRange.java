package org.cponode.param;

/** The values a parameter accepts, in the form a ROS parameter descriptor carries them. */
public sealed interface ParameterRange permits FloatingPointRange, IntegerRange {

    /** Why {@code value} (of the range's type, in its Java form) lies outside, or null if it lies inside. */
    String problem(Object value);

    /** The range as the parameter tables show it, e.g. {@code (0.0, 1000.0]} or {@code [1, 10000]}. */
    String shown();
}
