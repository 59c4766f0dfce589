package io.spillover.function;

import java.util.Optional;

/**
 * The service code a function twin runs for one named service, told who called. For a sealed
 * call the caller is the identity whose registered key signed the call's session (what
 * {@code SealedCallOpener.OpenedCall#caller()} proved), so a handler may decide per caller, e.g.
 * serve a model only to the callers granted it. For a plain call it is empty: nothing proves who
 * sent it.
 */
@FunctionalInterface
public interface CallerAwareHandler<Q, R> {
  R handle(Q request, Optional<String> caller) throws Exception;
}
