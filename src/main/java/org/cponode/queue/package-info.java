/**
 * The bounded drop-oldest queue ({@link org.cponode.queue.DropOldestQueue}) through which producers that must
 * never wait (the fleet link's telemetry and events, the node's log on {@code /rosout}) hand entries to the one
 * thread that sends them, counting what a full queue drops.
 */
package org.cponode.queue;
