package io.spillover.local.internal;

import io.spillover.local.LambdaRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what hosts Lambda handlers: the AWS Runtime Interface Client while it works here, our
 * builtin runtime loop once the client's native library has failed to load (in AUTO mode).
 */
final class LambdaRuntimeSelector {
  private static final Logger LOG = LoggerFactory.getLogger(LambdaRuntimeSelector.class);
  private final LambdaRuntime mode;
  private volatile boolean ricFailed;
  private volatile String running = "none";

  LambdaRuntimeSelector(LambdaRuntime mode) {
    this.mode = mode;
    if (mode != LambdaRuntime.BUILTIN && !WorkerLauncher.ricPresent()) {
      if (mode == LambdaRuntime.RIC) {
        throw new IllegalStateException("LambdaRuntime.RIC needs "
            + "com.amazonaws:aws-lambda-java-runtime-interface-client on the classpath");
      }
      ricFailed = true;
      LOG.warn("the Lambda Runtime Interface Client is not on the classpath; Lambda workers run"
          + " the builtin runtime loop");
    }
  }

  boolean useRic() {
    return mode == LambdaRuntime.RIC || (mode == LambdaRuntime.AUTO && !ricFailed);
  }

  /** Whether a RIC worker that could not load its native library may be retried as builtin. */
  boolean fallBack(String reason) {
    if (mode != LambdaRuntime.AUTO) {
      return false;
    }
    if (!ricFailed) {
      ricFailed = true;
      LOG.warn("the Lambda Runtime Interface Client cannot run here ({}); Lambda workers run the"
          + " builtin runtime loop from now on", reason);
    }
    return true;
  }

  /** Records which runtime a worker ran with once it reached its first invocation. */
  void initialized(boolean ric) {
    String now = ric ? "ric" : "builtin";
    if (!now.equals(running)) {
      running = now;
      LOG.info("Lambda workers run on the {}", ric
          ? "AWS Lambda Runtime Interface Client" : "builtin Runtime API loop");
    }
  }

  String running() {
    return running;
  }
}
