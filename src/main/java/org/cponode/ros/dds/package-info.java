/**
 * Eclipse Cyclone DDS 0.10.x through Java's FFM API: {@link org.cponode.ros.dds.DdsLibrary} finds
 * {@code libddsc}, {@link org.cponode.ros.dds.Ddsc} holds one downcall per C function (jextract style; the one
 * upcall is Cyclone's log sink, {@link org.cponode.ros.dds.CycloneLog}), and
 * {@link org.cponode.ros.dds.DdsParticipant} owns a participant, its topics' descriptors and the arena they live
 * in. {@link org.cponode.ros.dds.DdsSecurity} turns an SROS 2 enclave into the DDS Security properties Cyclone's
 * plugins read, and {@link org.cponode.ros.dds.SecurityDiagnosis} names the file they refuse. Layout facts and
 * pitfalls: docs/ros-transport.md.
 */
package org.cponode.ros.dds;
