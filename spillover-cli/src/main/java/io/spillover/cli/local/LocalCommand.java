package io.spillover.cli.local;

import io.spillover.cli.common.CommandFailedException;
import io.spillover.cli.common.DurationConverter;
import io.spillover.cli.common.UntilStopped;
import io.spillover.local.FunctionPackage;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LambdaRuntime;
import io.spillover.local.LocalPlatform;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillover local}: starts a {@link LocalPlatform} with the functions of a jar or directory
 * (or named one by one), prints its endpoints and the provider settings that point the invokers at
 * it, and runs until Ctrl-C or SIGTERM, then ends every worker and prints the cost report.
 */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the local function platform: the Lambda Invoke API, the OpenWhisk action"
        + " API and plain HTTP function endpoints on loopback, a worker JVM behind each instance.",
        "Runs until Ctrl-C or SIGTERM, then ends every worker and prints the cost report."},
    footer = "Durations: " + DurationConverter.FORMS + ".")
public final class LocalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--functions", paramLabel = "PATH", description = "A jar or directory with"
      + " spillover-functions.json at its root; repeatable.")
  List<Path> packages = new ArrayList<>();

  @Option(names = "--lambda", paramLabel = "NAME=CLASS", converter = NamedClass.Converter.class,
      description = "A Lambda function (RequestStreamHandler class); repeatable.")
  List<NamedClass> lambdas = new ArrayList<>();

  @Option(names = "--action", paramLabel = "NAME=CLASS", converter = NamedClass.Converter.class,
      description = "An OpenWhisk action (class with main(JsonObject)); repeatable.")
  List<NamedClass> actions = new ArrayList<>();

  @Option(names = "--classpath", paramLabel = "PATHS", description = "Code of --lambda and"
      + " --action functions, entries separated by '${sys:path.separator}' (default: the code of"
      + " --functions).")
  String classpath;

  @Option(names = "--port", paramLabel = "N",
      description = "Loopback port (default 0: a free one).")
  int port;

  @Option(names = "--max-concurrency", paramLabel = "N",
      description = "Requests in flight over all functions (default 16).")
  Integer maxConcurrency;

  @Option(names = "--per-function-concurrency", paramLabel = "N",
      description = "Requests in flight per function (default: --max-concurrency).")
  Integer perFunctionConcurrency;

  @Option(names = "--idle-timeout", paramLabel = "D", converter = DurationConverter.class,
      description = "End instances idle this long (default 5m).")
  Duration idleTimeout;

  @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class,
      description = "Per-invocation time limit (default 60s).")
  Duration invocationTimeout;

  @Option(names = "--memory", paramLabel = "MB", defaultValue = "256",
      description = "Memory of --lambda and --action functions (default ${DEFAULT-VALUE}).")
  int memoryMb;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where instance logs go (default: a new temporary directory).")
  Path workDir;

  @Option(names = "--lambda-runtime", paramLabel = "auto|ric|builtin",
      description = "What hosts Lambda handlers: the AWS Runtime Interface Client, the built-in"
          + " loop, or the first that works (default auto).")
  LambdaRuntime lambdaRuntime;

  @Override
  public Integer call() {
    LocalPlatform platform = start();
    PrintWriter out = spec.commandLine().getOut();
    out.print(platform.connectionReport());
    out.println("Ctrl-C stops the platform, ends every worker and prints the cost report.");
    out.flush();
    UntilStopped.await(() -> {
      platform.close();
      out.println();
      out.println("Stopped; every worker ended. Cost report:");
      out.print(platform.stats().costReport());
      out.flush();
    });
    return 0;
  }

  private LocalPlatform start() {
    LocalPlatform platform;
    try {
      platform = builder().build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      return platform.start();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw CommandFailedException.because("cannot start", e);
    }
  }

  /** The platform builder with every function the options name and every setting they give. */
  private LocalPlatform.Builder builder() {
    if (packages.isEmpty() && lambdas.isEmpty() && actions.isEmpty()) {
      throw new IllegalArgumentException("no functions: give --functions, --lambda or --action");
    }
    LocalPlatform.Builder builder = LocalPlatform.builder().port(port);
    List<Path> code = new ArrayList<>();
    for (Path source : packages) {
      FunctionPackage p = read(source);
      if (p.functions().isEmpty() && lambdas.isEmpty() && actions.isEmpty()) {
        throw new IllegalArgumentException(source + " has no " + FunctionPackage.DESCRIPTOR
            + " at its root; add one or name the functions with --lambda / --action");
      }
      code.addAll(p.classpath());
      builder.functions(p.functions());
    }
    if (classpath != null) {
      code = new ArrayList<>();
      for (String entry : classpath.split(File.pathSeparator)) {
        code.add(Path.of(entry));
      }
    }
    for (NamedClass l : lambdas) {
      builder.functions(FunctionSpec.lambda(l.name(), l.className()).classpath(code)
          .memoryMb(memoryMb).build());
    }
    for (NamedClass a : actions) {
      builder.functions(FunctionSpec.openWhisk(a.name(), a.className()).classpath(code)
          .memoryMb(memoryMb).build());
    }
    settings(builder);
    return builder;
  }

  private void settings(LocalPlatform.Builder builder) {
    if (maxConcurrency != null) {
      builder.maxConcurrency(maxConcurrency);
    }
    if (perFunctionConcurrency != null) {
      builder.perFunctionConcurrency(perFunctionConcurrency);
    }
    if (idleTimeout != null) {
      builder.idleTimeout(idleTimeout);
    }
    if (invocationTimeout != null) {
      builder.invocationTimeout(invocationTimeout);
    }
    if (workDir != null) {
      builder.workDir(workDir);
    }
    if (lambdaRuntime != null) {
      builder.lambdaRuntime(lambdaRuntime);
    }
  }

  private FunctionPackage read(Path source) {
    try {
      return FunctionPackage.read(source);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + source + ": " + e, e);
    }
  }
}
