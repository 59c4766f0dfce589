package io.spillover.attest.seal;

import io.spillover.function.FunctionRef;
import io.spillover.seal.UnauthenticatedReplyException;

/**
 * A reply to a sealed call that was not authentic, as reported to a {@link SealedSpillListener}:
 * the call counted as a failed spill, and the reply may have been forged on the way.
 *
 * @param target the function target the call went to
 * @param function the key service's name of that function
 * @param caller the caller identity that sealed the call
 * @param service the service of the call
 * @param requestId the call's request id
 * @param kind what came back instead of a sealed reply that opens
 * @param atMillis when it was seen (epoch ms)
 */
public record TamperedReply(FunctionRef target, String function, String caller, String service,
    String requestId, UnauthenticatedReplyException.Kind kind, long atMillis) {}
