package io.spillover.spring.boot.internal;

import io.spillover.spring.boot.SpilloverPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code spillover.*} property into Boot's "APPLICATION FAILED TO START" report. */
public final class SpilloverPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<SpilloverPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SpilloverPropertyException cause) {
    return new FailureAnalysis("Spillover refused the property '" + cause.property() + "': "
        + cause.getMessage().substring(cause.property().length() + 2),
        "Fix '" + cause.property() + "' in the application's configuration (see the "
            + "spillover.* properties in the Spillover Spring Boot guide).", cause);
  }
}
