package io.spillover.seal;

import io.spillover.function.FunctionRef;
import java.util.Optional;

/**
 * Caller side of confidential spillover: finds a sealed channel to a function target. The core's
 * routing policy sends a call classified confidential only through a channel this returns, and
 * keeps the call local when it returns empty (no verified keyset for that target).
 */
public interface CallSealer {

  /** A channel to {@code target} whose keyset has been verified, or empty. Must not block long. */
  Optional<SealedChannel> channel(FunctionRef target);
}
