package org.cponode.ros.msg;

/**
 * A request or reply as rmw_cyclonedds puts it on the wire: its {@code cdds_request_header} ({@code guid}, the
 * client's request-writer instance handle, and {@code seq}, the client's sequence number), then the body. A server
 * copies both header fields into its reply unchanged; a client keeps only replies with its own {@code guid}.
 *
 * @param guid client identity (not a DDS GUID: the instance handle of the client's request writer)
 * @param seq  the client's sequence number of the call
 * @param body the request or response message
 * @param <T>  the body record
 */
public record ServiceSample<T>(long guid, long seq, T body) {}
