package io.spillover.attest.evidence.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates leaf → intermediates → pinned root with the JDK's PKIX validator at a given instant.
 * Only the caller's pinned roots are trust anchors: self-issued certificates in the evidence are
 * ignored, so a root shipped with the evidence can never make it trusted.
 */
public final class ChainValidator {
  private ChainValidator() {}

  /** The outcome: the ordered path (leaf first, root excluded) and the anchor it ends in. */
  public record Validated(List<X509Certificate> path, X509Certificate root) {}

  /**
   * Returns the validated path, or throws {@link VerificationFailure} with a reason saying
   * which certificate failed and why.
   */
  public static Validated validate(
      X509Certificate leaf,
      Collection<X509Certificate> untrusted,
      Collection<X509Certificate> pinnedRoots,
      Instant at,
      String what) {
    if (pinnedRoots.isEmpty()) {
      throw new VerificationFailure(what + ": no pinned root configured");
    }
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    X509Certificate current = leaf;
    X509Certificate root = anchorFor(current, pinnedRoots);
    Set<X509Certificate> used = new HashSet<>();
    while (root == null) {
      X509Certificate issuer = issuerOf(current, untrusted, used);
      if (issuer == null) {
        throw new VerificationFailure(
            what + ": chain does not lead to a pinned root (no issuer for "
                + current.getSubjectX500Principal().getName() + ")");
      }
      used.add(issuer);
      path.add(issuer);
      current = issuer;
      root = anchorFor(current, pinnedRoots);
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return new Validated(List.copyOf(path), root);
    } catch (CertPathValidatorException e) {
      String who = e.getIndex() >= 0 && e.getIndex() < path.size()
          ? " at " + path.get(e.getIndex()).getSubjectX500Principal().getName() : "";
      throw new VerificationFailure(what + ": certificate chain invalid" + who + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new VerificationFailure(what + ": certificate chain could not be checked: " + e.getMessage());
    }
  }

  private static X509Certificate anchorFor(X509Certificate cert, Collection<X509Certificate> roots) {
    for (X509Certificate r : roots) {
      if (r.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
        return r;
      }
    }
    return null;
  }

  private static X509Certificate issuerOf(
      X509Certificate cert, Collection<X509Certificate> pool, Set<X509Certificate> used) {
    for (X509Certificate c : pool) {
      if (!Certs.isSelfIssued(c) && !used.contains(c)
          && c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
        return c;
      }
    }
    return null;
  }
}
