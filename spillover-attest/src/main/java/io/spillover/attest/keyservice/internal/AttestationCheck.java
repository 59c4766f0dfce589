package io.spillover.attest.keyservice.internal;

import io.spillover.SpilloverClock;
import io.spillover.attest.evidence.Evidence;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.ReportDataBinding;
import io.spillover.attest.evidence.internal.EvidenceJson;
import io.spillover.attest.internal.Tinks;
import io.spillover.attest.keyservice.EvidenceRejectedException;
import io.spillover.attest.keyservice.EvidenceVerifier;
import io.spillover.attest.keyservice.FunctionPolicy;
import io.spillover.attest.keyservice.VerifiedEvidence;
import io.spillover.attest.keyservice.internal.RefusalLog.Cause;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The checks every request of an instance passes before anything is released to it, a key
 * release or a granted data key alike: a single-use nonce, evidence that binds the instance's
 * ephemeral key and that nonce, no debug TEE unless the policy allows one, and a platform and
 * measurement the function's policy names. Refusals go through the {@link RefusalLog}.
 */
final class AttestationCheck {
  private final EvidenceVerifier verifier;
  private final NonceStore nonces;
  private final RefusalLog refusals;
  private final SpilloverClock clock;

  /** An instance that passed: what its evidence proved, its nonce and ephemeral public keyset. */
  record Attested(VerifiedEvidence proof, byte[] nonce, byte[] ephemeral) {}

  AttestationCheck(EvidenceVerifier verifier, NonceStore nonces, RefusalLog refusals,
      SpilloverClock clock) {
    this.verifier = verifier;
    this.nonces = nonces;
    this.refusals = refusals;
    this.clock = clock;
  }

  /** Consumes the body's nonce and verifies its evidence; a malformed body leaves the nonce. */
  Attested verify(String function, FunctionPolicy policy, JsonNode body, String source) {
    byte[] nonce = KeyServiceCore.base64(body, "nonce");
    byte[] ephemeral = KeyServiceCore.base64(body, "ephemeralPublicKeyset");
    Evidence evidence;
    try {
      evidence = EvidenceJson.read(body.get("evidence"));
    } catch (MalformedEvidenceException e) {
      throw new HttpError(400, "malformed evidence bundle: " + e.getMessage());
    }
    if (!nonces.consume(nonce)) {
      throw refuse(source, function, 403, Cause.NONCE, "nonce unknown, expired or already used");
    }
    VerifiedEvidence proof;
    byte[] expected = ReportDataBinding.reportData(ephemeral, nonce);
    try {
      proof = verifier.verify(evidence, expected, policy, Instant.ofEpochMilli(clock.epochMillis()));
      // the verifier is pluggable: the key service re-checks what keys are released against
      if (!Tinks.equal(proof.reportData(), expected)) {
        throw new EvidenceRejectedException("verifier returned foreign report data");
      }
    } catch (EvidenceRejectedException e) {
      throw refuse(source, function, 403, Cause.EVIDENCE, "evidence rejected: " + e.getMessage());
    }
    if (proof.debug() && !policy.allowDebug()) {
      throw refuse(source, function, 403, Cause.DEBUG, "evidence shows a debug-enabled TEE");
    }
    if (!policy.admits(proof.platform(), proof.measurement())) {
      throw refuse(source, function, 403, Cause.MEASUREMENT, "measurement "
          + proof.measurement() + " on " + proof.platform().id()
          + " is not allowed by the policy of '" + function + "'");
    }
    return new Attested(proof, nonce, ephemeral);
  }

  HttpError refuse(String source, String function, int status, Cause cause, String reason) {
    if (refusals != null) {
      refusals.refused(source, function, cause, reason);
    }
    return new HttpError(status, reason);
  }
}
