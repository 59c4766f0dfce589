package io.spillover.attest.evidence;

import java.util.Locale;

/**
 * Whether the process runs in production. The dev attestation simulator is refused in
 * {@link #PRODUCTION} unless explicitly allowed. Unknown or absent configuration means production.
 */
public enum Deployment {
  DEVELOPMENT,
  PRODUCTION;

  /** The system property that selects the deployment ({@code development} or {@code production}). */
  public static final String PROPERTY = "spillover.deployment";

  /** From the {@value #PROPERTY} system property; anything but "development" is production. */
  public static Deployment current() {
    String v = System.getProperty(PROPERTY, "production").trim().toLowerCase(Locale.ROOT);
    return v.equals("development") ? DEVELOPMENT : PRODUCTION;
  }
}
