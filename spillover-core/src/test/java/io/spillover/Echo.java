package io.spillover;

/** A tiny request/response type for tests. */
public final class Echo {
  public String text;

  public Echo() {}

  public Echo(String text) {
    this.text = text;
  }

  public static Echo of(String text) {
    return new Echo(text);
  }
}
