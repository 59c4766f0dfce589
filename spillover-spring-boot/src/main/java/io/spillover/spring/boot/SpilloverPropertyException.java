package io.spillover.spring.boot;

/**
 * A {@code spillover.*} property whose value the library refuses; startup fails with it. The
 * message names the property and says what is wrong.
 */
public final class SpilloverPropertyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String property;

  public SpilloverPropertyException(String property, String problem, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
  }

  /** The property (or property prefix) at fault, e.g. {@code spillover.spillways.x.timeout}. */
  public String property() {
    return property;
  }
}
