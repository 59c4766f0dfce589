package io.spillover.cli.common;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601. */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** For option descriptions. */
  public static final String FORMS = "500ms, 30s, 5m, 1h or ISO-8601 (PT30S)";

  @Override
  public Duration convert(String value) {
    String s = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      }
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      switch (s.charAt(s.length() - 1)) {
        case 's': return Duration.ofSeconds(n);
        case 'm': return Duration.ofMinutes(n);
        case 'h': return Duration.ofHours(n);
        default: break;
      }
    } catch (RuntimeException e) {
      // reported below with the accepted forms
    }
    throw new TypeConversionException("not a duration: '" + value + "' (" + FORMS + ")");
  }
}
