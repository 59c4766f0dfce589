package io.spillover.wire;

import io.spillover.codec.CodecException;
import io.spillover.function.FunctionErrorType;

/**
 * An envelope that does not parse. The message is one of a fixed set of texts that never quote
 * the input (an envelope may carry confidential data), and {@link #type()} is the error type a
 * function side answers with: {@code MALFORMED}, or {@code UNSUPPORTED_VERSION}.
 */
public final class EnvelopeException extends CodecException {
  private static final long serialVersionUID = 1L;
  private final FunctionErrorType type;

  EnvelopeException(FunctionErrorType type, String fixedText, Throwable cause) {
    super("malformed envelope: " + fixedText, cause);
    this.type = type;
  }

  /** {@code MALFORMED} or {@code UNSUPPORTED_VERSION}: the error a function side answers with. */
  public FunctionErrorType type() {
    return type;
  }
}
