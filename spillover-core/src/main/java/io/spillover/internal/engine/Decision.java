package io.spillover.internal.engine;

/** What the overflow path decided: a spilled call's result, or a local permit to run under. */
final class Decision<R> {
  final boolean spilled;
  final R result;
  final long permit;

  private Decision(boolean spilled, R result, long permit) {
    this.spilled = spilled;
    this.result = result;
    this.permit = permit;
  }

  static <R> Decision<R> spilled(R result) {
    return new Decision<>(true, result, 0);
  }

  static <R> Decision<R> local(long permit) {
    return new Decision<>(false, null, permit);
  }
}
