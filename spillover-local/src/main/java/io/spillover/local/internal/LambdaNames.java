package io.spillover.local.internal;

/** The fixed account and region the local Lambda imitation reports in ARNs. */
final class LambdaNames {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";

  private LambdaNames() {}

  static String arn(String function) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
  }

  /**
   * The function name in an Invoke path segment: a name, {@code name:qualifier}, a partial ARN
   * ({@code account:function:name}) or a full ARN, each optionally qualified.
   */
  static String functionName(String segment) {
    String s = segment;
    if (s.startsWith("arn:")) {
      String[] parts = s.split(":");
      return parts.length >= 7 ? parts[6] : "";
    }
    String[] parts = s.split(":");
    if (parts.length >= 3 && parts[1].equals("function")) {
      return parts[2];
    }
    return parts[0];
  }
}
