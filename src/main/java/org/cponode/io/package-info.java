/**
 * Writes that survive a killed process or a power cut ({@link org.cponode.io.AtomicFiles}): whole-file
 * replacement by rename, durable appends. Checkpoints, progress files, reports and the fleet e-stop record use it.
 */
package org.cponode.io;
