package io.spillover.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every line it is given, formatted, with its level. */
public final class RecordingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  public final List<String> lines = new CopyOnWriteArrayList<>();

  public RecordingLogger() {
    this.name = "recording";
  }

  /** The lines logged at {@code level}. */
  public List<String> at(Level level) {
    return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(
        level.toString().length() + 1)).toList();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
      Object[] args, Throwable t) {
    lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
