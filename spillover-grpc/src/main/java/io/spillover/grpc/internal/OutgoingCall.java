package io.spillover.grpc.internal;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The spillway's request: the caller's message and metadata as they are. The spillway's codec
 * writes it (JSON, read back as a {@link WireCall}) only when the call spills, through these
 * getters, so a call that stays local is never marshalled or copied.
 */
public final class OutgoingCall {
  private final MethodDescriptor<?, ?> method;
  private final Metadata headers;
  private final Object message;

  OutgoingCall(MethodDescriptor<?, ?> method, Metadata headers, Object message) {
    this.method = method;
    this.headers = headers;
    this.message = message;
  }

  /** The full method name. */
  public String getMethod() {
    return method.getFullMethodName();
  }

  /** The caller's metadata, copied for the twin. */
  public Map<String, List<String>> getMetadata() {
    return MetadataMaps.toMap(headers);
  }

  /** The request message, marshalled by the method's request marshaller. */
  public byte[] getMessage() {
    @SuppressWarnings("unchecked")
    MethodDescriptor<Object, ?> m = (MethodDescriptor<Object, ?>) method;
    try (InputStream in = m.streamRequest(message)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot marshal the request of " + getMethod(), e);
    }
  }
}
