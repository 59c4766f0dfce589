package io.spillover.grpc.internal;

import java.util.List;
import java.util.Map;

/**
 * A spilled unary call as the twin invoker reads it from the envelope: the JSON that
 * {@link OutgoingCall} writes.
 *
 * @param method the full method name, {@code pkg.Service/Method}
 * @param metadata the caller's metadata ({@code -bin} values base64)
 * @param message the request message, marshalled by the method's own marshaller
 */
public record WireCall(String method, Map<String, List<String>> metadata, byte[] message) {}
