/**
 * YAML input (parameters files, {@code -p} values, safe polygons, dynamics files, {@code topic pub} values):
 * {@link org.cponode.yaml.YamlLoader}, the one loader, with size, depth and alias limits, and
 * {@link org.cponode.yaml.YamlErrors}, the parser's problem and where it is, in one line.
 */
package org.cponode.yaml;
