package io.spillover.local;

import io.spillover.local.internal.ConnectionReport;
import io.spillover.local.internal.FrontServer;
import io.spillover.local.internal.InstancePool;
import io.spillover.local.internal.PlatformConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function platform on loopback for development and tests: the AWS Lambda Invoke API, the
 * Apache OpenWhisk action REST API and plain HTTP function endpoints on one port, so the real
 * invokers talk to it with only the endpoint changed. Behind it every function instance is a
 * worker JVM running the real function-side adapter: Lambda handlers under the AWS Lambda Runtime
 * Interface Client, OpenWhisk actions behind {@code /init} and {@code /run}.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder()
 *     .functions(FunctionSpec.lambda("social", "com.example.Handler").classpath(jar).build())
 *     .maxConcurrency(16)
 *     .build().start()) {
 *   URI endpoint = platform.endpoint();   // Lambda endpoint override, OpenWhisk API host
 * }
 * }</pre>
 *
 * <p>Instances scale from zero to the per-function and total concurrency caps (a request over a
 * cap gets the API's 429), serve one request at a time (Lambda) or the action's concurrency
 * (OpenWhisk), are reused while warm and reaped after the idle timeout. Every invocation is
 * billed (1 ms granularity x memory) into {@link #stats()}. {@link #close()} ends every worker
 * process tree, as does a shutdown hook on SIGINT/SIGTERM; a worker also exits by itself when the
 * platform's process is gone.
 */
public final class LocalPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
  private final PlatformConfig config;
  private InstancePool pool;
  private FrontServer front;
  private Thread shutdownHook;
  private boolean started;
  private boolean closed;

  private LocalPlatform(PlatformConfig config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the port and starts serving; instances start on demand. Returns this platform. */
  public synchronized LocalPlatform start() {
    if (started) {
      throw new IllegalStateException("the platform was started already");
    }
    started = true;
    try {
      Files.createDirectories(config.workDir());
      pool = new InstancePool(config);
      front = new FrontServer(pool, config.port());
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the local platform", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    shutdownHook = new Thread(this::closeFromHook, "spillover-local-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    LOG.info("local function platform on {} ({} functions, work dir {})", endpoint(),
        config.functions().size(), config.workDir());
    return this;
  }

  /** The base URL of every API: {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    requireStarted();
    return URI.create("http://127.0.0.1:" + front.port());
  }

  /** The plain HTTP endpoint of {@code function}: envelope in, envelope out. */
  public URI httpEndpoint(String function) {
    return endpoint().resolve("/http/" + function);
  }

  /** The functions deployed, in order. */
  public List<FunctionSpec> functions() {
    return config.functions();
  }

  /** The directory that holds the per-instance log files ({@code logs/<function>/}). */
  public Path workDir() {
    return config.workDir();
  }

  /**
   * For a person: the endpoint of each function in each API and the provider settings that point
   * the invokers at this platform (endpoint override, region, credentials), as lines of text.
   */
  public String connectionReport() {
    return ConnectionReport.of(endpoint(), workDir(), functions(), this::httpEndpoint);
  }

  /** A snapshot of instances, cold starts, invocations, throttles and billing. */
  public PlatformStats stats() {
    requireStarted();
    return pool.stats();
  }

  /** Stops serving and ends every worker process tree; waits until they are gone. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (front != null) {
      front.stopAccepting();
    }
    if (pool != null) {
      pool.close();
    }
    if (front != null) {
      front.close(); // the workers' Runtime API goes last, once the workers are gone
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is what called us
      }
    }
  }

  private void closeFromHook() {
    close();
  }

  private void requireStarted() {
    if (!started || pool == null || front == null) {
      throw new IllegalStateException("the platform is not started");
    }
  }

  /** Builds a {@link LocalPlatform}; every setter validates at once. */
  public static final class Builder {
    private int port;
    private final List<FunctionSpec> functions = new ArrayList<>();
    private int maxConcurrency = 16;
    private Integer perFunctionConcurrency;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration invocationTimeout = Duration.ofSeconds(60);
    private Duration initTimeout = Duration.ofSeconds(30);
    private Path workDir;
    private LambdaRuntime lambdaRuntime = LambdaRuntime.AUTO;
    private Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
    private int maxConnections = 512;
    private Duration connectionIdleTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The loopback port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      this.port = port;
      return this;
    }

    public Builder functions(FunctionSpec... specs) {
      for (FunctionSpec s : specs) {
        functions.add(Objects.requireNonNull(s, "function"));
      }
      return this;
    }

    public Builder functions(List<FunctionSpec> specs) {
      return functions(specs.toArray(new FunctionSpec[0]));
    }

    /** The cap on requests in flight over all functions, and on worker processes; default 16. */
    public Builder maxConcurrency(int n) {
      this.maxConcurrency = positive(n, "maxConcurrency");
      return this;
    }

    /** The cap on one function's requests in flight; default: the total cap. */
    public Builder perFunctionConcurrency(int n) {
      this.perFunctionConcurrency = positive(n, "perFunctionConcurrency");
      return this;
    }

    /** How long an instance may stay idle before it is ended; default 5 minutes. */
    public Builder idleTimeout(Duration d) {
      this.idleTimeout = atLeastOneMilli(d, "idleTimeout");
      return this;
    }

    /** The default per-invocation time limit (a function's own timeout wins); default 60 s. */
    public Builder invocationTimeout(Duration d) {
      this.invocationTimeout = atLeastOneMilli(d, "invocationTimeout");
      return this;
    }

    /** How long a cold start (JVM start plus init) may take; default 30 s. */
    public Builder initTimeout(Duration d) {
      this.initTimeout = atLeastOneMilli(d, "initTimeout");
      return this;
    }

    /** Where per-instance logs and runtime files go; default a new temporary directory. */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "workDir");
      return this;
    }

    /** What hosts Lambda handlers; default {@link LambdaRuntime#AUTO}. */
    public Builder lambdaRuntime(LambdaRuntime runtime) {
      this.lambdaRuntime = Objects.requireNonNull(runtime, "lambdaRuntime");
      return this;
    }

    /** The {@code java} executable for workers; default the one running the platform. */
    public Builder javaCommand(Path java) {
      this.javaCommand = Objects.requireNonNull(java, "javaCommand");
      return this;
    }

    /**
     * The cap on connections the front port holds at once (the invokers' pooled connections and
     * anyone else's); past it, new connections wait in the accept backlog. Default 512.
     */
    public Builder maxConnections(int n) {
      this.maxConnections = positive(n, "maxConnections");
      return this;
    }

    /**
     * How long a connection may make no progress: a request whose headers or body stall this
     * long, a reply the client stops reading, an idle keep-alive connection, is closed. Waiting
     * for a function is not covered (the invocation's time limit bounds it), nor is a worker's
     * long poll on the Runtime API. Default 30 s.
     */
    public Builder connectionIdleTimeout(Duration d) {
      this.connectionIdleTimeout = atLeastOneMilli(d, "connectionIdleTimeout");
      return this;
    }

    public LocalPlatform build() {
      if (functions.isEmpty()) {
        throw new IllegalStateException("the platform needs at least one function");
      }
      if (functions.stream().map(FunctionSpec::name).distinct().count() != functions.size()) {
        throw new IllegalArgumentException("function names must be unique: " + functions);
      }
      Path dir = workDir;
      if (dir == null) {
        try {
          dir = Files.createTempDirectory("spillover-local-");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a work directory", e);
        }
      }
      int perFunction = perFunctionConcurrency == null ? maxConcurrency
          : Math.min(perFunctionConcurrency, maxConcurrency);
      return new LocalPlatform(new PlatformConfig(port, functions, maxConcurrency, perFunction,
          idleTimeout, invocationTimeout, initTimeout, dir.toAbsolutePath(), lambdaRuntime,
          javaCommand, maxConnections, connectionIdleTimeout));
    }

    private static int positive(int n, String what) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be >= 1, was " + n);
      }
      return n;
    }

    private static Duration atLeastOneMilli(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException(what + " must be at least 1 ms, was " + d);
      }
      return d;
    }
  }
}
