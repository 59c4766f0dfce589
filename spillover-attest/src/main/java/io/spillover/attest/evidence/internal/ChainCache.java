package io.spillover.attest.evidence.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers validated chains. With revocation out of scope, a PKIX result only depends on the
 * certificates and the instant, so a success stays true anywhere inside the intersection of the
 * path's validity periods. Keys are the DER fingerprints of the leaf and the supplied chain.
 */
public final class ChainCache {
  private static final int MAX_ENTRIES = 1024;

  private record Window(Instant notBefore, Instant notAfter) {
    boolean contains(Instant t) {
      return !t.isBefore(notBefore) && !t.isAfter(notAfter);
    }
  }

  private final Map<String, Window> validated = new ConcurrentHashMap<>();

  public void validate(X509Certificate leaf, Collection<X509Certificate> untrusted,
      List<X509Certificate> roots, Instant now, String what) {
    StringBuilder key = new StringBuilder(Certs.sha256Fingerprint(leaf));
    for (X509Certificate c : untrusted) {
      key.append('/').append(Certs.sha256Fingerprint(c));
    }
    String k = key.toString();
    Window w = validated.get(k);
    if (w != null && w.contains(now)) {
      return;
    }
    ChainValidator.Validated v = ChainValidator.validate(leaf, untrusted, roots, now, what);
    Instant from = v.root().getNotBefore().toInstant();
    Instant to = v.root().getNotAfter().toInstant();
    for (X509Certificate c : v.path()) {
      from = max(from, c.getNotBefore().toInstant());
      to = min(to, c.getNotAfter().toInstant());
    }
    if (validated.size() >= MAX_ENTRIES) {
      validated.clear();
    }
    validated.put(k, new Window(from, to));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
