package io.spillover.attest.seal;

import io.spillover.function.FunctionRef;

/**
 * One call sealed for a function target, as reported to a {@link SealedSpillListener}.
 *
 * @param target the function target the call goes to
 * @param function the key service's name of that function (bound into the session)
 * @param caller the caller identity that signed the session
 * @param service the service of the call
 * @param requestId the call's request id
 * @param sessionId the session id, hex
 * @param atMillis when it was sealed (epoch ms)
 */
public record SealedSpill(FunctionRef target, String function, String caller, String service,
    String requestId, String sessionId, long atMillis) {}
