package io.spillover.attest.evidence.internal;

import io.spillover.attest.evidence.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the attestation simulator out of production unless someone insists, loudly. */
public final class DevGate {
  private static final Logger LOG = LoggerFactory.getLogger(DevGate.class);

  private DevGate() {}

  public static void check(Deployment deployment, boolean allowInProduction, String what) {
    if (deployment != Deployment.PRODUCTION) {
      return;
    }
    if (!allowInProduction) {
      throw new IllegalStateException(what + " is a simulator and is refused in production; "
          + "set -D" + Deployment.PROPERTY + "=development or allow it explicitly");
    }
    LOG.warn("!!! {} ENABLED IN PRODUCTION: simulated attestation proves NOTHING about the code "
        + "that runs; never release real secrets against it !!!", what);
  }
}
