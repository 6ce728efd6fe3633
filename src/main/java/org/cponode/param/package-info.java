/**
 * Declared parameters: each one's name, type, default, unit, range (the {@link org.cponode.param.FloatingPointRange}
 * or {@link org.cponode.param.IntegerRange} a ROS parameter descriptor carries), description and whether it may
 * change while the node runs ({@link org.cponode.param.ParameterDeclaration}), and a set of values checked against
 * such declarations ({@link org.cponode.param.ParameterValues}). The node's table and the fleet link's part of it
 * are written in these terms, so that one declaration is the rule for its parameter wherever it is read: parameter
 * files, {@code -p}, the ROS parameter services and the fleet link's own configuration.
 */
package org.cponode.param;
