package io.spillover.limit;

/**
 * The bounds every adaptive limit has: where it starts and the range it stays in. Subclass
 * builders inherit the setters and the check.
 */
public abstract class BoundsBuilder<B extends BoundsBuilder<B>> {
  int initial = 20;
  int min = 1;
  int max = 1000;

  BoundsBuilder() {}

  /** The limit before any sample arrives. */
  public B initial(int v) {
    this.initial = positive(v, "initial");
    return self();
  }

  public B min(int v) {
    this.min = positive(v, "min");
    return self();
  }

  public B max(int v) {
    this.max = positive(v, "max");
    return self();
  }

  abstract B self();

  void checkBounds() {
    if (min > max || initial < min || initial > max) {
      throw new IllegalArgumentException(
          "need min <= initial <= max, was " + min + " <= " + initial + " <= " + max);
    }
  }

  void copyBounds(BoundsBuilder<?> to) {
    to.initial = initial;
    to.min = min;
    to.max = max;
  }

  static int positive(int v, String what) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, was " + v);
    }
    return v;
  }
}
