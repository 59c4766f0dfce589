package io.spillover.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One function deployed on the {@link LocalPlatform}: its name, kind, entry class, code and limits.
 *
 * <pre>{@code
 * FunctionSpec.lambda("social", "com.example.Handler").classpath(jar).memoryMb(512).build();
 * FunctionSpec.openWhisk("social-ow", "com.example.Action").concurrency(8).build();
 * }</pre>
 *
 * <p>An OpenWhisk name may carry a package ({@code "pkg/action"}). An empty classpath means the
 * classpath of the JVM that runs the platform.
 */
public final class FunctionSpec {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*");

  private final String name;
  private final FunctionKind kind;
  private final String handler;
  private final List<Path> classpath;
  private final int memoryMb;
  private final int concurrency;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final String readinessPath;

  private FunctionSpec(Builder b) {
    this.name = b.name;
    this.kind = b.kind;
    this.handler = b.handler;
    this.classpath = List.copyOf(b.classpath);
    this.memoryMb = b.memoryMb;
    this.concurrency = b.concurrency;
    this.timeout = b.timeout;
    this.environment = Map.copyOf(b.environment);
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.readinessPath = b.readinessPath;
  }

  /** A Lambda function whose handler is {@code handlerClass} (or {@code Class::handleRequest}). */
  public static Builder lambda(String name, String handlerClass) {
    return new Builder(name, FunctionKind.LAMBDA, stripMethod(handlerClass, "::"));
  }

  /**
   * An HTTP application whose {@code main(String[])} is in {@code mainClass}: it must listen on
   * 127.0.0.1 at the port given in {@code PORT} / {@code SERVER_PORT} / {@code -Dserver.port}.
   * Default concurrency 16 per instance.
   */
  public static Builder app(String name, String mainClass) {
    return new Builder(name, FunctionKind.APP, stripMethod(mainClass, "#")).concurrency(16);
  }

  /** An OpenWhisk Java action whose entry point is {@code actionClass.main(JsonObject)}. */
  public static Builder openWhisk(String name, String actionClass) {
    return new Builder(name, FunctionKind.OPENWHISK, stripMethod(actionClass, "#"));
  }

  public String name() { return name; }

  public FunctionKind kind() { return kind; }

  /** The entry class name (without a method suffix). */
  public String handler() { return handler; }

  /** Jars and directories of the function's code; empty for the platform JVM's classpath. */
  public List<Path> classpath() { return classpath; }

  /** Memory in MB, applied as the worker's {@code -Xmx} and billed as Lambda bills memory. */
  public int memoryMb() { return memoryMb; }

  /** Concurrent requests per instance: always 1 for Lambda, the action concurrency for OpenWhisk. */
  public int concurrency() { return concurrency; }

  /** The per-invocation time limit, or null for the platform's default. */
  public Duration timeout() { return timeout; }

  /** Environment variables given to the function's workers. */
  public Map<String, String> environment() { return environment; }

  /** Extra JVM options for the function's workers (after the platform's own). */
  public List<String> jvmOptions() { return jvmOptions; }

  /** For an app: the path whose first HTTP reply (any status) marks an instance ready. */
  public String readinessPath() { return readinessPath; }

  @Override
  public String toString() {
    return kind + " " + name + " (" + handler + ", " + memoryMb + " MB, concurrency "
        + concurrency + ")";
  }

  private static String stripMethod(String handler, String separator) {
    Objects.requireNonNull(handler, "handler");
    int i = handler.indexOf(separator);
    String cls = i < 0 ? handler : handler.substring(0, i);
    if (!CLASS.matcher(cls).matches()) {
      throw new IllegalArgumentException("not a class name: '" + handler + "'");
    }
    if (i >= 0 && !handler.substring(i + separator.length()).matches("handleRequest|main")) {
      throw new IllegalArgumentException("entry method must be handleRequest (Lambda) or main"
          + " (OpenWhisk): '" + handler + "'");
    }
    return cls;
  }

  /** Builds a {@link FunctionSpec}; every setter validates at once. */
  public static final class Builder {
    private final String name;
    private final FunctionKind kind;
    private final String handler;
    private final List<Path> classpath = new ArrayList<>();
    private int memoryMb = 256;
    private int concurrency = 1;
    private Duration timeout;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String readinessPath = "/";

    private Builder(String name, FunctionKind kind, String handler) {
      Objects.requireNonNull(name, "name");
      int slash = kind == FunctionKind.OPENWHISK ? name.indexOf('/') : -1;
      String simple = slash > 0 ? name.substring(slash + 1) : name;
      String pkg = slash > 0 ? name.substring(0, slash) : null;
      if (!NAME.matcher(simple).matches() || (pkg != null && !NAME.matcher(pkg).matches())) {
        throw new IllegalArgumentException("invalid function name '" + name + "': letters, digits,"
            + " '-', '_', '.', at most 64 characters" + (kind == FunctionKind.OPENWHISK
            ? ", optionally 'package/action'" : ""));
      }
      this.name = name;
      this.kind = kind;
      this.handler = handler;
    }

    /** Adds jars or directories to the function's classpath. */
    public Builder classpath(Path... entries) {
      for (Path p : entries) {
        classpath.add(Objects.requireNonNull(p, "classpath entry"));
      }
      return this;
    }

    /** Adds jars or directories to the function's classpath. */
    public Builder classpath(List<Path> entries) {
      return classpath(entries.toArray(new Path[0]));
    }

    /** Memory in MB, 128 to 10240 as on Lambda; default 256. */
    public Builder memoryMb(int mb) {
      if (mb < 128 || mb > 10_240) {
        throw new IllegalArgumentException("memoryMb must be in [128, 10240], was " + mb);
      }
      this.memoryMb = mb;
      return this;
    }

    /** Concurrent requests per instance (OpenWhisk and app, 1 to 500); Lambda is always 1. */
    public Builder concurrency(int n) {
      if (n < 1 || n > 500) {
        throw new IllegalArgumentException("concurrency must be in [1, 500], was " + n);
      }
      if (kind == FunctionKind.LAMBDA && n != 1) {
        throw new IllegalArgumentException("a Lambda instance serves one request at a time");
      }
      this.concurrency = n;
      return this;
    }

    /** The per-invocation time limit (1 ms to 15 minutes). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
        throw new IllegalArgumentException("timeout must be in [1 ms, 15 min], was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder environment(String key, String value) {
      environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder jvmOption(String option) {
      jvmOptions.add(Objects.requireNonNull(option, "option"));
      return this;
    }

    /** For an app: the readiness path (default {@code /}); any HTTP reply there means ready. */
    public Builder readinessPath(String path) {
      if (!Objects.requireNonNull(path, "path").startsWith("/")) {
        throw new IllegalArgumentException("readinessPath must start with '/', was " + path);
      }
      this.readinessPath = path;
      return this;
    }

    public FunctionSpec build() {
      return new FunctionSpec(this);
    }
  }
}
