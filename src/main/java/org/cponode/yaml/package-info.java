/**
 * Readable messages for YAML that does not parse (parameters files, {@code -p} values, safe polygons, dynamics
 * files, {@code topic pub} values): the parser's problem and where it is, in one line.
 */
package org.cponode.yaml;
