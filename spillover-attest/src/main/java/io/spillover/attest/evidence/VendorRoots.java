package io.spillover.attest.evidence;

import io.spillover.attest.evidence.internal.Certs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The public vendor root certificates bundled with Spillover, each checked against its SHA-256
 * fingerprint when loaded. These are the only roots the {@code withBundledRoots()} verifiers trust;
 * roots that travel inside evidence are never trusted. Bundled: AMD ARK-Milan and ARK-Genoa (not
 * Turin), AWS Nitro Enclaves Root-G1, Intel SGX Root CA.
 */
public final class VendorRoots {
  /** SHA-256 of the DER of AMD ARK-Milan. */
  public static final String AMD_ARK_MILAN_SHA256 =
      "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd";
  /** SHA-256 of the DER of AMD ARK-Genoa. */
  public static final String AMD_ARK_GENOA_SHA256 =
      "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1";
  /** SHA-256 of the DER of AWS Nitro Enclaves Root-G1 (as published by AWS). */
  public static final String AWS_NITRO_ROOT_G1_SHA256 =
      "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";
  /** SHA-256 of the DER of the Intel SGX Root CA. */
  public static final String INTEL_SGX_ROOT_CA_SHA256 =
      "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3";

  private VendorRoots() {}

  public static List<X509Certificate> amdArks() {
    return List.of(load("amd-ark-milan.pem", AMD_ARK_MILAN_SHA256),
        load("amd-ark-genoa.pem", AMD_ARK_GENOA_SHA256));
  }

  public static X509Certificate awsNitroRoot() {
    return load("aws-nitro-root-g1.pem", AWS_NITRO_ROOT_G1_SHA256);
  }

  public static X509Certificate intelSgxRoot() {
    return load("intel-sgx-root-ca.pem", INTEL_SGX_ROOT_CA_SHA256);
  }

  private static X509Certificate load(String name, String sha256) {
    try (InputStream in = VendorRoots.class.getResourceAsStream("roots/" + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled root missing: " + name);
      }
      X509Certificate cert = Certs.parseOne(in.readAllBytes());
      if (!Certs.sha256Fingerprint(cert).equals(sha256)) {
        throw new IllegalStateException("bundled root " + name + " does not match its pinned fingerprint");
      }
      return cert;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
