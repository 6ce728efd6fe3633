/**
 * The {@code cpo-node} command line (picocli): train, experiment, plot, bench and the robot commands.
 */
package org.cponode.cli;
