package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import io.spillover.attest.evidence.internal.ChainValidator;
import io.spillover.attest.evidence.internal.Facts;
import io.spillover.attest.evidence.internal.NitroDocument;
import io.spillover.attest.evidence.internal.PolicyChecks;
import io.spillover.attest.evidence.internal.Sigs;
import io.spillover.attest.evidence.internal.VerificationFailure;
import io.spillover.attest.internal.Hex;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies AWS Nitro Enclaves attestation documents.
 *
 * <ol>
 *   <li>Decodes COSE_Sign1 (CBOR); the protected header must say ES384.
 *   <li>{@code cabundle[0]} must be byte-identical to the pinned AWS Nitro root; the document's
 *       {@code certificate} is validated through {@code cabundle[1..]} to that root with PKIX at
 *       {@code now} (the leaf lives about three hours, so {@code now} must be close to the
 *       document's {@code timestamp}).
 *   <li>Checks the ES384 signature over the COSE Sig_structure with the leaf's key.
 *   <li>Applies the policy. Debug mode is detected as an all-zero (or absent) PCR0: enclaves in
 *       debug mode report zeroed PCR0..2. The measurement is PCR0; the report data is
 *       {@code user_data}; the binding uses {@code public_key} and {@code nonce}; the evidence
 *       age is {@code now - timestamp}.
 * </ol>
 */
public final class NitroVerifier implements AttestationVerifier {
  private final X509Certificate root;

  private NitroVerifier(X509Certificate root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** A verifier trusting only this root (the AWS Nitro Enclaves Root-G1 in production). */
  public static NitroVerifier pinning(X509Certificate root) {
    return new NitroVerifier(root);
  }

  /** A verifier trusting the bundled AWS Nitro Enclaves Root-G1. */
  public static NitroVerifier withBundledRoot() {
    return new NitroVerifier(VendorRoots.awsNitroRoot());
  }

  @Override
  public Platform platform() {
    return Platform.NITRO;
  }

  @Override
  public AttestationResult verify(Evidence evidence, AttestationPolicy policy, Instant now) {
    return Facts.verdict(Platform.NITRO, "Nitro attestation document",
        f -> check(evidence, policy, now, f));
  }

  private void check(Evidence evidence, AttestationPolicy policy, Instant now, Facts f) {
    if (evidence.platform() != Platform.NITRO) {
      throw new VerificationFailure("not Nitro evidence: " + evidence.platform());
    }
    NitroDocument doc = NitroDocument.parse(evidence.payload());
    f.measurement = doc.pcrs.get(0);
    f.reportData = doc.userData;
    f.debug = f.measurement == null || Sigs.allZero(f.measurement);
    f.timestamp = Instant.ofEpochMilli(doc.timestampMillis);
    f.publicKey = doc.publicKey;
    f.nonce = doc.nonce;
    f.pcrs.putAll(doc.pcrs);
    f.claim("moduleId", doc.moduleId).claim("timestamp", f.timestamp.toString());
    for (Map.Entry<Integer, byte[]> e : doc.pcrs.entrySet()) {
      f.claim("pcr" + e.getKey(), Hex.encode(e.getValue()));
    }
    f.claim("publicKey", Hex.encode(doc.publicKey)).claim("nonce", Hex.encode(doc.nonce));
    if (!"SHA384".equals(doc.digest)) {
      throw new VerificationFailure("unsupported PCR digest " + doc.digest);
    }
    X509Certificate leaf = Certs.parseOne(doc.certificate);
    List<X509Certificate> bundle = new ArrayList<>();
    for (byte[] der : doc.cabundle) {
      bundle.add(Certs.parseOne(der));
    }
    if (!sameCertificate(bundle.get(0), root)) {
      throw new VerificationFailure("cabundle does not start with the pinned AWS Nitro root");
    }
    ChainValidator.validate(leaf, bundle.subList(1, bundle.size()), List.of(root), now, "Nitro");
    if (!Sigs.es384(leaf.getPublicKey(), doc.sigStructure(), doc.signature)) {
      throw new VerificationFailure("COSE_Sign1 signature does not verify with the document certificate");
    }
    PolicyChecks.common(policy, f, now);
  }

  private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
    try {
      return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
    } catch (CertificateEncodingException e) {
      return false;
    }
  }
}
