package io.spillover.attest.evidence;

import java.time.Instant;

/**
 * Verifies evidence of one platform against a policy at a given instant. Implementations check
 * the evidence signature, the certificate chain to a pinned vendor root (validated with the JDK's
 * PKIX at {@code now}), the platform's endorsement bindings and then the policy.
 *
 * <p>Never throws for bad evidence: malformed input, failed checks and policy refusals all come
 * back as an invalid {@link AttestationResult}. Implementations are thread-safe.
 */
public interface AttestationVerifier {

  /** The platform this verifier handles. */
  Platform platform();

  /**
   * @param now the instant at which certificates, CRLs and collateral must be valid and against
   *     which evidence age is measured (from an injected {@link java.time.Clock} in services)
   */
  AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now);
}
