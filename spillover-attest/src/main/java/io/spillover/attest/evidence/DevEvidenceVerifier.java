package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.DevGate;
import io.spillover.attest.evidence.internal.DevReport;
import io.spillover.attest.evidence.internal.Facts;
import io.spillover.attest.evidence.internal.PolicyChecks;
import io.spillover.attest.evidence.internal.VerificationFailure;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies {@link DevEvidenceSource} reports: the signature must come from one of the trusted
 * simulator keys; then the usual policy checks apply (measurement, debug, binding, age). Refused in
 * {@link Deployment#PRODUCTION} unless explicitly allowed, like the source.
 */
public final class DevEvidenceVerifier implements AttestationVerifier {
  private final List<PublicKey> trusted;

  private DevEvidenceVerifier(List<PublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Platform platform() {
    return Platform.DEV;
  }

  @Override
  public AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now) {
    return Facts.verdict(Platform.DEV, "dev evidence", f -> {
      if (evidence.platform() != Platform.DEV) {
        throw new VerificationFailure("not dev evidence: " + evidence.platform());
      }
      DevReport report = DevReport.parse(evidence.payload());
      f.measurement = report.measurement;
      f.reportData = report.reportData;
      f.debug = report.debug;
      f.timestamp = report.timestamp;
      f.claim("timestamp", report.timestamp.toString()).claim("simulated", "true");
      if (!report.verify(trusted)) {
        throw new VerificationFailure("dev report is not signed by a trusted simulator key");
      }
      PolicyChecks.common(policy, f, now);
    });
  }

  /** Configures the dev verifier. */
  public static final class Builder {
    private final List<PublicKey> trusted = new ArrayList<>();
    private Deployment deployment = Deployment.current();
    private boolean allowInProduction;

    private Builder() {}

    /** Trusts a simulator key, e.g. {@link DevEvidenceSource#processPublicKey()}. */
    public Builder trust(PublicKey key) {
      trusted.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    public Builder deployment(Deployment deployment) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
      return this;
    }

    public Builder allowInProduction() {
      this.allowInProduction = true;
      return this;
    }

    /** @throws IllegalStateException without trusted keys, or in production unless allowed */
    public DevEvidenceVerifier build() {
      if (trusted.isEmpty()) {
        throw new IllegalStateException("trust at least one simulator key");
      }
      DevGate.check(deployment, allowInProduction, "DevEvidenceVerifier");
      return new DevEvidenceVerifier(trusted);
    }
  }
}
