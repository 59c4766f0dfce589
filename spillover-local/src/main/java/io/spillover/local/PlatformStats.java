package io.spillover.local;

import java.util.List;
import java.util.Locale;

/**
 * A snapshot of the {@link LocalPlatform}'s counters: totals and one {@link FunctionStats} per
 * function, plus which Lambda runtime the workers run.
 *
 * @param lambdaRuntime what hosts Lambda handlers: {@code "ric"} (the AWS Runtime Interface
 *     Client), {@code "builtin"}, or {@code "none"} while no Lambda worker has started
 * @param functions per-function counters, in deployment order
 * @param runtimeApiRefusals requests to the Lambda Runtime API refused (403) because they did not
 *     carry a live instance's secret: another local process probing it, or a worker's request
 *     after its instance ended
 */
public record PlatformStats(String lambdaRuntime, List<FunctionStats> functions,
    long runtimeApiRefusals) {
  public PlatformStats {
    functions = List.copyOf(functions);
  }

  public int instances() {
    return functions.stream().mapToInt(FunctionStats::instances).sum();
  }

  public int inFlight() {
    return functions.stream().mapToInt(FunctionStats::inFlight).sum();
  }

  public long coldStarts() {
    return functions.stream().mapToLong(FunctionStats::coldStarts).sum();
  }

  public long invocations() {
    return functions.stream().mapToLong(FunctionStats::invocations).sum();
  }

  public long throttles() {
    return functions.stream().mapToLong(FunctionStats::throttles).sum();
  }

  public long errors() {
    return functions.stream().mapToLong(FunctionStats::errors).sum();
  }

  public double billedGbSeconds() {
    return functions.stream().mapToDouble(FunctionStats::gbSeconds).sum();
  }

  public double costUsd() {
    return functions.stream().mapToDouble(FunctionStats::costUsd).sum();
  }

  /** The function named {@code name}. */
  public FunctionStats function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function named '" + name + "'"));
  }

  /** A plain-text cost report: one line per function and a total. */
  public String costReport() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%-24s %-9s %8s %6s %9s %7s %12s %12s %12s%n", "function", "kind", "invokes", "cold",
        "throttles", "errors", "billed ms", "GB-s", "USD"));
    for (FunctionStats f : functions) {
      sb.append(String.format(Locale.ROOT, "%-24s %-9s %8d %6d %9d %7d %12d %12.6f %12.8f%n",
          f.name(), f.kind(), f.invocations(), f.coldStarts(), f.throttles(), f.errors(),
          f.billedMillis(), f.gbSeconds(), f.costUsd()));
    }
    sb.append(String.format(Locale.ROOT, "%-24s %-9s %8d %6d %9d %7d %12s %12.6f %12.8f%n",
        "total", "", invocations(), coldStarts(), throttles(), errors(), "",
        billedGbSeconds(), costUsd()));
    return sb.toString();
  }
}
