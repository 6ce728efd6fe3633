/**
 * ROS 2 messages as Java records, each with its C layout, Cyclone DDS ops program and DDS type name, all
 * derived from one schema ({@code messages.schema}): {@link org.cponode.ros.msg.MessageSchema} parses it,
 * {@link org.cponode.ros.msg.MessageLayout} gives idlc's LP64 layout, {@link org.cponode.ros.msg.OpsProgram}
 * the serialisation program, and {@link org.cponode.ros.msg.MessageGenerator} the records (checked in,
 * verified current by a test). Each record's {@code TYPE} is its {@link org.cponode.ros.msg.MessageType}.
 * {@link org.cponode.ros.msg.SampleReader} / {@link org.cponode.ros.msg.SampleWriter} move records in and
 * out of native samples without per-message allocation beyond the record itself.
 */
package org.cponode.ros.msg;
