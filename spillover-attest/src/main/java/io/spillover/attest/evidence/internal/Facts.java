package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.AttestationResult;
import io.spillover.attest.evidence.MalformedEvidenceException;
import io.spillover.attest.evidence.Platform;
import io.spillover.attest.internal.Hex;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What a verifier has learnt from evidence so far; turned into the result at the end. */
public final class Facts {
  public final Platform platform;
  public byte[] measurement;
  public byte[] reportData;
  public boolean debug;
  public Instant timestamp;
  public final Map<Integer, byte[]> pcrs = new TreeMap<>();
  public final Map<Integer, byte[]> rtmrs = new TreeMap<>();
  /** Nitro only: the separate public_key and nonce fields. */
  public byte[] publicKey;
  public byte[] nonce;
  public final Map<String, String> claims = new LinkedHashMap<>();

  public Facts(Platform platform) {
    this.platform = platform;
  }

  public Facts claim(String name, String value) {
    if (value != null) {
      claims.put(name, value);
    }
    return this;
  }

  public AttestationResult valid() {
    return AttestationResult.valid(
        platform, Hex.encode(measurement), Hex.encode(reportData), debug, claims);
  }

  public AttestationResult invalid(String reason) {
    return AttestationResult.invalid(
        platform, reason, Hex.encode(measurement), Hex.encode(reportData), debug, claims);
  }

  /** The checks of one verifier, filling the facts and throwing {@link VerificationFailure}. */
  @FunctionalInterface
  public interface Checks {
    void run(Facts facts);
  }

  /**
   * Runs a verifier's {@code checks} and turns every failure into an invalid result: verifiers
   * never throw on bad evidence.
   *
   * @param what how malformed evidence is named, e.g. "Nitro attestation document"
   */
  public static AttestationResult verdict(Platform platform, String what, Checks checks) {
    Facts f = new Facts(platform);
    try {
      checks.run(f);
      return f.valid();
    } catch (VerificationFailure e) {
      return f.invalid(e.getMessage());
    } catch (MalformedEvidenceException e) {
      return f.invalid("malformed " + what + ": " + e.getMessage());
    }
  }
}
