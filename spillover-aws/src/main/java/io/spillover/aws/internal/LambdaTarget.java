package io.spillover.aws.internal;

import java.util.regex.Pattern;

/**
 * A Lambda function as a {@code FunctionRef} target names it: {@code name}, {@code name:qualifier}
 * (an alias or version), or a function ARN (qualified or not), which is passed as it is.
 */
public record LambdaTarget(String functionName, String qualifier) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9$_-]{1,128}");
  private static final Pattern ARN =
      Pattern.compile("(arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?\\d{12}:function:[A-Za-z0-9_-]{1,64}"
          + "(:[A-Za-z0-9$_-]{1,128})?");

  /** @throws IllegalArgumentException when {@code target} names no Lambda function */
  public static LambdaTarget parse(String target) {
    if (target.contains(":function:")) {
      if (!ARN.matcher(target).matches()) {
        throw new IllegalArgumentException("not a Lambda function ARN: " + target);
      }
      return new LambdaTarget(target, null);
    }
    int colon = target.indexOf(':');
    String name = colon < 0 ? target : target.substring(0, colon);
    String qualifier = colon < 0 ? null : target.substring(colon + 1);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a Lambda function name (letters, digits, '-', '_', "
          + "at most 64): '" + name + "' in target " + target);
    }
    if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
      throw new IllegalArgumentException("not a Lambda alias or version: '" + qualifier
          + "' in target " + target);
    }
    return new LambdaTarget(name, qualifier);
  }
}
