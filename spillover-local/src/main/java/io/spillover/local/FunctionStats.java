package io.spillover.local;

/**
 * A snapshot of one function's counters on the {@link LocalPlatform}.
 *
 * @param name the function name
 * @param kind its platform kind
 * @param instances worker instances alive now (starting, busy or idle)
 * @param inFlight requests being served now
 * @param coldStarts instances started so far
 * @param invocations requests admitted so far (each ends in a result or an error)
 * @param throttles requests refused at a concurrency cap so far
 * @param errors admitted requests that ended in a function error, crash or timeout
 * @param billedMillis billed duration, 1 ms granularity, cold-start init included for Lambda
 * @param gbSeconds billed duration times memory, in GB-seconds
 * @param costUsd what that costs at the kind's list price (see docs/local-platform.md)
 */
public record FunctionStats(String name, FunctionKind kind, int instances, int inFlight,
    long coldStarts, long invocations, long throttles, long errors, long billedMillis,
    double gbSeconds, double costUsd) {}
