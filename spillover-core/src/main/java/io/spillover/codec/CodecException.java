package io.spillover.codec;

import io.spillover.SpilloverException;

/** A body or an envelope could not be encoded or decoded. */
public class CodecException extends SpilloverException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
