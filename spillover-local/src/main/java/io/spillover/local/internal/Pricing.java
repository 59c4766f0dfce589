package io.spillover.local.internal;

import io.spillover.local.FunctionKind;

/**
 * List prices the cost report uses. Lambda: x86, first pricing tier, US East (N. Virginia):
 * USD 0.0000166667 per GB-second and USD 0.20 per million requests. OpenWhisk has no list price of
 * its own; IBM Cloud Functions (hosted OpenWhisk, now withdrawn) charged USD 0.000017 per
 * GB-second and nothing per request, which is what is used.
 */
final class Pricing {
  static final double LAMBDA_GB_SECOND = 0.0000166667;
  static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
  static final double OPENWHISK_GB_SECOND = 0.000017;

  private Pricing() {}

  static double cost(FunctionKind kind, double gbSeconds, long requests) {
    // an app twin is billed as Lambda bills a function behind the Lambda Web Adapter
    return kind == FunctionKind.LAMBDA || kind == FunctionKind.APP
        ? gbSeconds * LAMBDA_GB_SECOND + requests * LAMBDA_REQUEST
        : gbSeconds * OPENWHISK_GB_SECOND;
  }
}
