package io.spillover.cli.local;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A function named on the command line: {@code NAME=CLASS}. */
record NamedClass(String name, String className) {

  /** Parses {@code NAME=CLASS}; both sides must be non-empty. */
  static final class Converter implements ITypeConverter<NamedClass> {
    @Override
    public NamedClass convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new TypeConversionException("expected NAME=CLASS, was '" + value + "'");
      }
      return new NamedClass(value.substring(0, eq), value.substring(eq + 1));
    }
  }
}
