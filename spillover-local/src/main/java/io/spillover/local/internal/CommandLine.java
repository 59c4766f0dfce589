package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import io.spillover.local.LambdaRuntime;
import io.spillover.local.LocalPlatform;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The arguments of {@code spillover local}, parsed and checked. */
public final class CommandLine {
  public static final String USAGE = String.join("\n",
      "usage: local --functions <jar or dir> [options]",
      "  --functions PATH               a jar or directory with spillover-functions.json at its root",
      "  --lambda NAME=CLASS            a Lambda function (RequestStreamHandler class); repeatable",
      "  --action NAME=CLASS            an OpenWhisk action (class with main(JsonObject)); repeatable",
      "  --classpath PATHS              code of --lambda/--action functions (default: --functions)",
      "  --port N                       loopback port (default 0: a free one)",
      "  --max-concurrency N            requests in flight over all functions (default 16)",
      "  --per-function-concurrency N   requests in flight per function (default: max)",
      "  --idle-timeout D               end instances idle this long (default 5m)",
      "  --timeout D                    per-invocation time limit (default 60s)",
      "  --memory MB                    memory of --lambda/--action functions (default 256)",
      "  --work-dir DIR                 where instance logs go (default: a temp dir)",
      "  --lambda-runtime auto|ric|builtin   what hosts Lambda handlers (default auto)",
      "  durations: 500ms, 30s, 5m, 1h or ISO-8601 (PT30S)");

  private final List<String[]> lambdas = new ArrayList<>();
  private final List<String[]> actions = new ArrayList<>();
  private final List<Path> sources = new ArrayList<>();
  private final LocalPlatform.Builder builder = LocalPlatform.builder();
  private String classpath;
  private int memoryMb = 256;
  private boolean help;

  private CommandLine() {}

  public static CommandLine parse(String[] args) {
    CommandLine cl = new CommandLine();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        cl.help = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      cl.option(a, args[++i]);
    }
    if (!cl.help && cl.sources.isEmpty() && cl.lambdas.isEmpty() && cl.actions.isEmpty()) {
      throw new IllegalArgumentException("no functions: give --functions, --lambda or --action");
    }
    return cl;
  }

  private void option(String name, String value) {
    switch (name) {
      case "--functions": sources.add(Path.of(value)); break;
      case "--lambda": lambdas.add(pair(value)); break;
      case "--action": actions.add(pair(value)); break;
      case "--classpath": classpath = value; break;
      case "--port": builder.port(integer(name, value)); break;
      case "--max-concurrency": builder.maxConcurrency(integer(name, value)); break;
      case "--per-function-concurrency": builder.perFunctionConcurrency(integer(name, value));
        break;
      case "--idle-timeout": builder.idleTimeout(duration(value)); break;
      case "--timeout": builder.invocationTimeout(duration(value)); break;
      case "--memory": memoryMb = integer(name, value); break;
      case "--work-dir": builder.workDir(Path.of(value)); break;
      case "--lambda-runtime":
        builder.lambdaRuntime(LambdaRuntime.valueOf(value.toUpperCase(Locale.ROOT))); break;
      default: throw new IllegalArgumentException("unknown option " + name);
    }
  }

  public boolean help() {
    return help;
  }

  /** The platform builder with every function this command line names. */
  public LocalPlatform.Builder builder() {
    try {
      List<Path> code = new ArrayList<>();
      for (Path source : sources) {
        if (!Files.exists(source)) {
          throw new IllegalArgumentException("--functions " + source + " does not exist");
        }
        code.addAll(FunctionsDescriptor.codeOf(source));
        List<FunctionSpec> declared = FunctionsDescriptor.read(source);
        if (declared.isEmpty() && lambdas.isEmpty() && actions.isEmpty()) {
          throw new IllegalArgumentException(source + " has no " + FunctionsDescriptor.FILE
              + " at its root; add one or name the functions with --lambda / --action");
        }
        builder.functions(declared);
      }
      if (classpath != null) {
        code = new ArrayList<>();
        for (String p : classpath.split(java.io.File.pathSeparator)) {
          code.add(Path.of(p));
        }
      }
      for (String[] l : lambdas) {
        builder.functions(FunctionSpec.lambda(l[0], l[1]).classpath(code).memoryMb(memoryMb)
            .build());
      }
      for (String[] a : actions) {
        builder.functions(FunctionSpec.openWhisk(a[0], a[1]).classpath(code).memoryMb(memoryMb)
            .build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return builder;
  }

  /** Prints the endpoints and the settings that point the invokers at the platform. */
  public void printBanner(LocalPlatform p, PrintStream out) {
    String e = p.endpoint().toString();
    out.println("Spillover local function platform on " + e);
    out.println("  work dir  " + p.workDir() + "  (instance logs in logs/<function>/)");
    out.println("  status    GET " + e + "/status");
    out.println("Functions:");
    for (FunctionSpec f : p.functions()) {
      out.printf(Locale.ROOT, "  %-20s %-9s %s, %d MB, concurrency %d%n", f.name(), f.kind(),
          f.handler(), f.memoryMb(), f.concurrency());
      if (f.kind() == FunctionKind.LAMBDA) {
        out.println("    Lambda     POST " + e + "/2015-03-31/functions/" + f.name()
            + "/invocations");
      } else {
        out.println("    OpenWhisk  POST " + e + "/api/v1/namespaces/_/actions/" + f.name()
            + "?blocking=true&result=true");
      }
      out.println("    HTTP       POST " + p.httpEndpoint(f.name()));
    }
    out.println("Provider settings:");
    out.println("  Lambda     endpoint override " + e + ", region " + LambdaNames.REGION
        + ", any credentials (SigV4 is accepted, not verified)");
    out.println("  OpenWhisk  API host " + e + ", namespace _ (any name works), auth any"
        + " uuid:key (HTTP Basic is accepted, not verified)");
    out.println("  HTTP       " + e + "/http/<function>");
    out.println("Ctrl-C stops the platform, ends every worker and prints the cost report.");
    out.flush();
  }

  private static String[] pair(String value) {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new IllegalArgumentException("expected NAME=CLASS, was '" + value + "'");
    }
    return new String[] {value.substring(0, eq), value.substring(eq + 1)};
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, was '" + value + "'");
    }
  }

  static Duration duration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
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
    throw new IllegalArgumentException("not a duration: '" + v + "' (500ms, 30s, 5m, 1h, PT30S)");
  }
}
