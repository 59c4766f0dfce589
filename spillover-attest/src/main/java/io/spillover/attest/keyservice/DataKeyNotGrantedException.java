package io.spillover.attest.keyservice;

import io.spillover.SpilloverException;

/**
 * The key service refused a granted data key because the caller the instance asked for is not
 * granted it. The refusal was signed by the pinned key service, so it is the authority's answer,
 * not a failure or a forgery on the way (those are {@link KeyServiceException}s).
 */
public final class DataKeyNotGrantedException extends SpilloverException {
  private static final long serialVersionUID = 1L;
  private final String function;
  private final String dataKey;
  private final String caller;

  public DataKeyNotGrantedException(String function, String dataKey, String caller) {
    super("the key service grants data key '" + dataKey + "' of '" + function
        + "' not to caller '" + caller + "'");
    this.function = function;
    this.dataKey = dataKey;
    this.caller = caller;
  }

  public String function() {
    return function;
  }

  public String dataKey() {
    return dataKey;
  }

  public String caller() {
    return caller;
  }
}
