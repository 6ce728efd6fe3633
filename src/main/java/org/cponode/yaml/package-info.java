/**
 * YAML input (parameters files, {@code -p} values, safe polygons, dynamics and task files, {@code topic pub}
 * values): {@link org.cponode.yaml.YamlLoader}, the one loader, with size, depth and alias limits;
 * {@link org.cponode.yaml.YamlErrors}, the parser's problem and where it is, in one line; and
 * {@link org.cponode.yaml.YamlFields}, strict typed reading that names a bad value's file, line and dotted path.
 */
package org.cponode.yaml;
