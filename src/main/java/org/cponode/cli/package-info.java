/**
 * The {@code cpo-node} command line (picocli): train, eval, bench and the robot commands.
 */
package org.cponode.cli;
