package io.spillover.samples.inference.twin;

import java.util.function.UnaryOperator;

/**
 * The twin's settings, as a real deployment passes them: environment variables of the function
 * (an OpenWhisk action's or a Lambda function's), nothing secret among them.
 */
public final class TwinEnvironment {
  /** The key service's base URL. */
  public static final String KEY_SERVICE_URL = "SPILLOVER_KEY_SERVICE_URL";
  /** The file holding the key service's verify keyset, which the twin pins. */
  public static final String KEY_SERVICE_VERIFY_KEYSET = "SPILLOVER_KEY_SERVICE_VERIFY_KEYSET";
  /** The function's name at the key service (default {@value #DEFAULT_FUNCTION}). */
  public static final String FUNCTION = "SPILLOVER_FUNCTION";
  /** {@code sev-snp}, {@code tdx} or {@code dev} (the attestation simulator). */
  public static final String TEE = "SPILLOVER_TEE";
  /** Simulator only: its signing key file, the measurement it claims, whether it claims debug. */
  public static final String DEV_TEE_KEY = "SPILLOVER_DEV_TEE_KEY";
  public static final String DEV_TEE_MEASUREMENT = "SPILLOVER_DEV_TEE_MEASUREMENT";
  public static final String DEV_TEE_DEBUG = "SPILLOVER_DEV_TEE_DEBUG";
  /** The directory of sealed model artifacts, {@code <model>.sealed} (the image's). */
  public static final String MODEL_DIR = "SPILLOVER_MODEL_DIR";
  /** The bound on open models' weights, bytes (default 1 MiB). */
  public static final String MODEL_MEMORY_BYTES = "SPILLOVER_MODEL_MEMORY_BYTES";
  /** Milliseconds of compute each inference stands for (default 0). */
  public static final String MODEL_MILLIS = "SPILLOVER_MODEL_MILLIS";

  public static final String DEFAULT_FUNCTION = "inference";
  static final long DEFAULT_MODEL_MEMORY_BYTES = 1 << 20;

  private TwinEnvironment() {}

  static String required(UnaryOperator<String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  static String optional(UnaryOperator<String> env, String name, String otherwise) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? otherwise : value;
  }
}
