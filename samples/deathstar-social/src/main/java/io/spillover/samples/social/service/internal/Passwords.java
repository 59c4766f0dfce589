package io.spillover.samples.social.service.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** DeathStarBench's password scheme: hex SHA-256 of (password + salt), salt of 32 alphanumerics. */
public final class Passwords {
  static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Passwords() {}

  public static String salt(RandomGenerator random) {
    return randomAlphanumeric(random, 32);
  }

  public static String randomAlphanumeric(RandomGenerator random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }

  public static String hash(String password, String salt) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest((password + salt).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares two hashes in time independent of where they differ. */
  public static boolean matches(String password, String salt, String expectedHash) {
    byte[] actual = hash(password, salt).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(actual, expectedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
