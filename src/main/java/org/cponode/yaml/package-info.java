/**
 * Readable messages for YAML that does not parse (parameters files, safe polygons, dynamics files): the
 * parser's problem and where it is, in one line.
 */
package org.cponode.yaml;
