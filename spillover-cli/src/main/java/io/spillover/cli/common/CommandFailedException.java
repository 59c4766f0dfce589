package io.spillover.cli.common;

/**
 * A command could not do its work for a reason the user can act on (a port in use, a locked
 * file): {@link FailureHandler} prints its message, without a stack trace, and exits 1.
 */
public final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String message) {
    super(message);
  }

  /**
   * {@code what}, then the messages of {@code cause} and of its causes, so nothing is lost; a
   * cause whose message already begins with {@code what} stands in for it.
   */
  public static CommandFailedException because(String what, Throwable cause) {
    StringBuilder message = new StringBuilder();
    for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
      String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (message.isEmpty()) {
        message.append(text.startsWith(what) ? text : what + ": " + text);
      } else if (message.indexOf(text) < 0) {
        message.append(": ").append(text);
      }
    }
    if (message.isEmpty()) {
      message.append(what);
    }
    CommandFailedException e = new CommandFailedException(message.toString());
    e.initCause(cause);
    return e;
  }
}
