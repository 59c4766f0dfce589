package io.spillover.function;

import java.util.Objects;

/**
 * What a provider found when it checked a function target before any call was sent: whether the
 * target is deployed, reachable and, where the provider can tell, serves the spillway's service.
 * See {@link FunctionInvoker#check}.
 */
public final class TargetCheck {

  /** The outcome of a check. */
  public enum Status {
    /** The target answered and, where the provider can tell, serves the service. */
    OK,
    /** The platform answered that no such function is deployed. */
    NOT_DEPLOYED,
    /** The target is deployed but its {@link FunctionApp} has no handler for the service. */
    UNKNOWN_SERVICE,
    /** The platform could not be reached or refused the check (network, credentials, 5xx). */
    UNREACHABLE,
    /** The provider cannot check this target (or was told not to); nothing is known. */
    UNSUPPORTED;

    /** Whether the check found a misconfiguration or an unreachable target. */
    public boolean isProblem() {
      return this == NOT_DEPLOYED || this == UNKNOWN_SERVICE || this == UNREACHABLE;
    }
  }

  private final Status status;
  private final String detail;

  private TargetCheck(Status status, String detail) {
    this.status = Objects.requireNonNull(status, "status");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public static TargetCheck ok(String detail) {
    return new TargetCheck(Status.OK, detail);
  }

  public static TargetCheck notDeployed(String detail) {
    return new TargetCheck(Status.NOT_DEPLOYED, detail);
  }

  public static TargetCheck unknownService(String detail) {
    return new TargetCheck(Status.UNKNOWN_SERVICE, detail);
  }

  public static TargetCheck unreachable(String detail) {
    return new TargetCheck(Status.UNREACHABLE, detail);
  }

  public static TargetCheck unsupported(String detail) {
    return new TargetCheck(Status.UNSUPPORTED, detail);
  }

  public Status status() {
    return status;
  }

  /** What the provider saw, for a log line or an error message (no secrets). */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return status + " (" + detail + ")";
  }
}
