package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import io.spillover.attest.evidence.internal.Encodings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of evidence and the files that endorse it, as vendors' tools write them, verified
 * offline: what {@code spillover attest verify} runs.
 *
 * <pre>{@code
 * AttestationResult r = EvidenceFiles.builder(Platform.SEV_SNP)
 *     .evidence(Path.of("report.bin")).endorsement(Path.of("vcek.der"))
 *     .chain(Path.of("ask_ark.pem")).build()
 *     .verify(AttestationPolicy.builder().anyMeasurement().build(), Instant.now());
 * }</pre>
 *
 * <p>Evidence may be binary, hex or base64 text; certificates DER or PEM (or hex/base64 of DER).
 * SEV-SNP needs the endorsement key's certificate (VCEK or VLEK) and its chain (ASK/ASVK, with or
 * without the ARK); {@link Builder#root} replaces the bundled roots of every platform (AMD ARKs,
 * AWS Nitro root, Intel SGX root). TDX and SGX quotes take Intel's collateral as the combined
 * JSON of {@link DcapCollateral#fromJson}; without it the TCB is not evaluated. The simulator's
 * evidence ({@link Platform#DEV}) is not read from files: use {@link DevEvidenceVerifier}.
 */
public final class EvidenceFiles {
  private final Platform platform;
  private final Path evidence;
  private final Path endorsement;
  private final Path chain;
  private final Path root;
  private final Path collateral;

  private EvidenceFiles(Builder b) {
    platform = b.platform;
    evidence = b.evidence;
    endorsement = b.endorsement;
    chain = b.chain;
    root = b.root;
    collateral = b.collateral;
  }

  /**
   * A builder for evidence of {@code platform}.
   *
   * @throws IllegalArgumentException for {@link Platform#DEV}
   */
  public static Builder builder(Platform platform) {
    Objects.requireNonNull(platform, "platform");
    if (platform == Platform.DEV) {
      throw new IllegalArgumentException("the simulator's evidence is verified by"
          + " DevEvidenceVerifier with its trusted key, not from files");
    }
    return new Builder(platform);
  }

  public Platform platform() {
    return platform;
  }

  /**
   * Reads the files and verifies the evidence against {@code policy} at {@code now}. Contents that
   * cannot be parsed (evidence, certificates, collateral) give an invalid result whose reason
   * starts with {@code malformed input}, never an exception.
   *
   * @throws IOException when a file cannot be read
   */
  public AttestationResult verify(AttestationPolicy policy, Instant now) throws IOException {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    byte[] raw = Files.readAllBytes(evidence);
    byte[] endorsementBytes = endorsement == null ? null : Files.readAllBytes(endorsement);
    byte[] chainBytes = chain == null ? null : Files.readAllBytes(chain);
    byte[] rootBytes = root == null ? null : Files.readAllBytes(root);
    String collateralJson = collateral == null ? null
        : new String(Files.readAllBytes(collateral), StandardCharsets.UTF_8);
    try {
      byte[] bytes = Encodings.decodeEvidence(raw);
      return switch (platform) {
        case SEV_SNP -> snp(rootBytes).verify(Evidence.snp(bytes, Certs.parseOne(endorsementBytes),
            Certs.parseAll(chainBytes)), policy, now);
        case NITRO -> (rootBytes == null ? NitroVerifier.withBundledRoot()
            : NitroVerifier.pinning(Certs.parseOne(rootBytes)))
            .verify(Evidence.nitro(bytes), policy, now);
        default -> dcap(rootBytes, bytes, collateralJson, policy, now);
      };
    } catch (MalformedEvidenceException e) {
      return AttestationResult.invalid(platform, "malformed input: " + e.getMessage(), null, null,
          false, Map.of());
    }
  }

  private static SnpVerifier snp(byte[] rootBytes) {
    return rootBytes == null ? SnpVerifier.withBundledRoots()
        : SnpVerifier.pinning(Certs.parseAll(rootBytes));
  }

  private AttestationResult dcap(byte[] rootBytes, byte[] quote, String collateralJson,
      AttestationPolicy policy, Instant now) {
    X509Certificate intel = rootBytes == null ? VendorRoots.intelSgxRoot()
        : Certs.parseOne(rootBytes);
    DcapCollateral c = collateralJson == null ? null : DcapCollateral.fromJson(collateralJson);
    if (platform == Platform.TDX) {
      return DcapVerifier.tdx(intel).verify(Evidence.tdx(quote, c), policy, now);
    }
    return DcapVerifier.sgx(intel).verify(Evidence.sgx(quote, c), policy, now);
  }

  /** Names the files; {@link #build()} checks that the platform's required ones are there. */
  public static final class Builder {
    private final Platform platform;
    private Path evidence;
    private Path endorsement;
    private Path chain;
    private Path root;
    private Path collateral;

    private Builder(Platform platform) {
      this.platform = platform;
    }

    /** The evidence: SNP report, Nitro attestation document, TDX or SGX quote. Required. */
    public Builder evidence(Path file) {
      evidence = Objects.requireNonNull(file, "evidence");
      return this;
    }

    /** SEV-SNP: the VCEK or VLEK certificate that signed the report. */
    public Builder endorsement(Path file) {
      endorsement = file;
      return this;
    }

    /** SEV-SNP: the ASK or ASVK certificate, optionally followed by the ARK. */
    public Builder chain(Path file) {
      chain = file;
      return this;
    }

    /** The roots to pin instead of the bundled copies; null keeps the bundled ones. */
    public Builder root(Path file) {
      root = file;
      return this;
    }

    /** TDX and SGX: Intel's collateral as combined JSON. */
    public Builder collateral(Path file) {
      collateral = file;
      return this;
    }

    /** @throws IllegalArgumentException naming the file the platform needs and was not given */
    public EvidenceFiles build() {
      if (evidence == null) {
        throw new IllegalArgumentException("the evidence file is required");
      }
      if (platform == Platform.SEV_SNP && (endorsement == null || chain == null)) {
        throw new IllegalArgumentException("SEV-SNP evidence needs the endorsement certificate"
            + " (VCEK or VLEK) and its chain (ASK or ASVK)");
      }
      if (platform != Platform.SEV_SNP && (endorsement != null || chain != null)) {
        throw new IllegalArgumentException("an endorsement and a chain are SEV-SNP files; "
            + platform.id() + " evidence carries its own certificates");
      }
      if (collateral != null && platform != Platform.TDX && platform != Platform.SGX) {
        throw new IllegalArgumentException("collateral is for TDX and SGX quotes");
      }
      return new EvidenceFiles(this);
    }
  }

  @Override
  public String toString() {
    return "EvidenceFiles[" + platform.id() + " " + evidence + "]";
  }
}
