package io.spillover.spring.boot.internal;

import io.spillover.TargetCheckException;
import io.spillover.spring.boot.SpilloverPropertiesException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's "APPLICATION FAILED TO START" reports for what Spillover's startup checks find. */
public final class SpilloverStartupFailureAnalyzers {
  private SpilloverStartupFailureAnalyzers() {}

  /** Keys no setting has, spillways nothing created. */
  public static final class Properties
      extends AbstractFailureAnalyzer<SpilloverPropertiesException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, SpilloverPropertiesException cause) {
      return new FailureAnalysis(cause.getMessage(), "Fix or remove these properties (the "
          + "spillover.* keys are listed in the Spillover Spring Boot guide). A spillway that code "
          + "creates only later, on a request, is reported too: create it at startup, or set "
          + "spillover.startup-check.properties=warn to log these problems instead.", cause);
    }
  }

  /** A function target that is not deployed, lacks the service or cannot be reached. */
  public static final class Target extends AbstractFailureAnalyzer<TargetCheckException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, TargetCheckException cause) {
      String prefix = "spillover.spillways." + cause.spillway() + ".function";
      return new FailureAnalysis("Spillover: spillway '" + cause.spillway() + "' spills to "
          + cause.target() + ", which failed the startup check: " + cause.check(),
          "Deploy the function twin (its FunctionApp must handle '" + cause.spillway() + "'), or "
              + "fix " + prefix + ".provider/.target. spillover.startup-check.targets=warn logs "
              + "the problem and starts anyway (calls then stay local).", cause);
    }
  }
}
