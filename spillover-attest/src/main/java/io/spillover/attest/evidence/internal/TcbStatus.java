package io.spillover.attest.evidence.internal;

import java.util.List;

/** Ordering and combination of Intel TCB status names (worst wins). */
public final class TcbStatus {
  public static final String NOT_EVALUATED = "NotEvaluated";
  private static final List<String> ORDER = List.of(
      "UpToDate", "SWHardeningNeeded", "ConfigurationNeeded", "ConfigurationAndSWHardeningNeeded",
      "OutOfDate", "OutOfDateConfigurationNeeded", "Revoked");

  private TcbStatus() {}

  /** The combined status of two components; unknown names rank worst. */
  public static String combine(String a, String b) {
    if (isOutOfDate(a) && needsConfiguration(b) || isOutOfDate(b) && needsConfiguration(a)) {
      return rank(a) >= rank("Revoked") || rank(b) >= rank("Revoked") ? worst(a, b) : "OutOfDateConfigurationNeeded";
    }
    return worst(a, b);
  }

  private static String worst(String a, String b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static boolean isOutOfDate(String s) {
    return s.startsWith("OutOfDate");
  }

  private static boolean needsConfiguration(String s) {
    return s.contains("Configuration");
  }

  private static int rank(String s) {
    int i = ORDER.indexOf(s);
    return i < 0 ? ORDER.size() : i;
  }
}
