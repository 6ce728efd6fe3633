package org.cponode.ros;

/**
 * Samples dropped on one topic for one reason since the node started.
 *
 * @param topic  the fully qualified ROS topic
 * @param reason why they were dropped
 * @param count  how many, &gt; 0
 */
public record DropCount(String topic, DropReason reason, long count) {}
