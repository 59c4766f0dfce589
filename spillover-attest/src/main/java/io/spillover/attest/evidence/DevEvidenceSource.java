package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.DevGate;
import io.spillover.attest.evidence.internal.DevReport;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;

/**
 * The development attestation simulator: "reports" signed with an ECDSA P-256 key, by default one
 * generated once per process ({@link #processPublicKey()}); processes that must agree on it (a key
 * service and function workers) share a key file ({@link DevEvidenceKeys}). It proves nothing about
 * the code that runs; it exists so the key-release flow can run on a laptop. Building it in a
 * {@link Deployment#PRODUCTION} deployment throws unless {@link Builder#allowInProduction()} is
 * set, and then logs a WARN on every build.
 */
public final class DevEvidenceSource implements EvidenceSource {
  private final byte[] measurement;
  private final boolean debug;
  private final Clock clock;
  private final PrivateKey key;

  private DevEvidenceSource(Builder b) {
    this.key = b.key != null ? b.key.getPrivate() : DevReport.processKey().getPrivate();
    this.measurement = b.measurement.clone();
    this.debug = b.debug;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The per-process simulator key, to configure a {@link DevEvidenceVerifier} in tests or dev. */
  public static PublicKey processPublicKey() {
    return DevReport.processKey().getPublic();
  }

  @Override
  public Platform platform() {
    return Platform.DEV;
  }

  @Override
  public Evidence fetch(byte[] reportData) {
    return Evidence.dev(DevReport.sign(key, measurement, reportData, clock.instant(), debug));
  }

  /** Configures the simulator. */
  public static final class Builder {
    private byte[] measurement = new byte[48];
    private boolean debug;
    private Clock clock = Clock.systemUTC();
    private Deployment deployment = Deployment.current();
    private boolean allowInProduction;
    private KeyPair key;

    private Builder() {}

    /** Signs with this P-256 key pair instead of the per-process one. */
    public Builder signingKey(KeyPair key) {
      Objects.requireNonNull(key, "key");
      if (!"EC".equals(key.getPrivate().getAlgorithm())) {
        throw new IllegalArgumentException("the simulator key must be an EC (P-256) key");
      }
      this.key = key;
      return this;
    }

    /** The 48-byte measurement the simulated reports claim (default all zero). */
    public Builder measurement(byte[] measurement) {
      if (measurement == null || measurement.length != 48) {
        throw new IllegalArgumentException("measurement must be 48 bytes");
      }
      this.measurement = measurement.clone();
      return this;
    }

    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder deployment(Deployment deployment) {
      this.deployment = Objects.requireNonNull(deployment, "deployment");
      return this;
    }

    /** Lets the simulator run in production (logged loudly). Never do this for real secrets. */
    public Builder allowInProduction() {
      this.allowInProduction = true;
      return this;
    }

    /** @throws IllegalStateException in production without {@link #allowInProduction()} */
    public DevEvidenceSource build() {
      DevGate.check(deployment, allowInProduction, "DevEvidenceSource");
      return new DevEvidenceSource(this);
    }
  }
}
