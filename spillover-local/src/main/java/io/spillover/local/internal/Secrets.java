package io.spillover.local.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Per-instance secrets: what a worker proves it is, or what the platform proves to a worker. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** 256 random bits, URL-safe Base64 without padding (fits a path segment or a header). */
  static String create() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
