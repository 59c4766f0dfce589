package io.spillover.spring.boot;

import java.util.List;

/**
 * The {@code spillover.*} properties name things that do not exist: a key no setting has (a typo
 * such as {@code max-concurent-spills}), or a spillway that nothing created. Startup fails with
 * it when {@code spillover.startup-check.properties} is {@code fail} (the default).
 */
public final class SpilloverPropertiesException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public SpilloverPropertiesException(List<String> problems) {
    super("Spillover found " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + " in the spillover.* properties:\n - " + String.join("\n - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem, each naming the property and, if any, the nearest valid one. */
  public List<String> problems() {
    return problems;
  }
}
