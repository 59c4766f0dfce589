package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import io.spillover.local.internal.worker.ActionWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts worker JVMs (one per function instance) and ends their process trees. */
final class WorkerLauncher {
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static final List<String> LAMBDA_SUPPORT = List.of(
      "io.spillover.local.internal.worker.RicLauncher",
      "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
  private static final List<String> RIC_SUPPORT = List.of(RIC_MAIN,
      "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
      "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");
  private static final List<String> ACTION_SUPPORT = List.of(
      "io.spillover.local.internal.worker.ActionWorker", "com.google.gson.JsonObject");
  private static final List<String> APP_SUPPORT = List.of(
      "io.spillover.local.internal.worker.AppLauncher");
  // the JVM flags Lambda's Java runtimes start with: fast start over peak throughput
  private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC",
      "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto");

  private final PlatformConfig config;
  private Path ricNativeLibrary;

  WorkerLauncher(PlatformConfig config) {
    this.config = config;
  }

  /** Whether the Runtime Interface Client is on this JVM's classpath at all. */
  static boolean ricPresent() {
    return ClasspathLocator.rootOf(RIC_MAIN) != null;
  }

  /**
   * Starts a Lambda worker that polls {@code runtimeApi} ({@code host:port/<secret>}); the address
   * goes into the worker's environment only, never on its command line.
   */
  Process launchLambda(FunctionSpec spec, String instanceId, String runtimeApi, boolean ric,
      Path dir, Path log) throws IOException {
    List<String> support = new ArrayList<>(LAMBDA_SUPPORT);
    List<String> command = new ArrayList<>();
    if (ric) {
      support.addAll(RIC_SUPPORT);
      command.add("-D" + JNI_PROPERTY + "=" + ricNativeLibrary());
    }
    command.addAll(0, jvm(spec)); // the function's own options last: they win
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(ClasspathLocator.workerClasspath(spec.classpath(), support));
    command.add(ric ? "io.spillover.local.internal.worker.RicLauncher"
        : "io.spillover.local.internal.worker.BuiltinLambdaWorker");
    command.add(spec.handler() + "::handleRequest");
    ProcessBuilder pb = builder(command, dir, log);
    Map<String, String> env = pb.environment();
    env.put("_HANDLER", spec.handler() + "::handleRequest");
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", instanceId);
    env.put("AWS_REGION", LambdaNames.REGION);
    env.put("AWS_DEFAULT_REGION", LambdaNames.REGION);
    env.put("LAMBDA_TASK_ROOT", dir.toString());
    env.putAll(spec.environment());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi); // last: the function's settings cannot move it
    return pb.start();
  }

  /**
   * Starts an action container that serves only requests carrying {@code secret} (in its
   * environment only, never on its command line).
   */
  Process launchAction(FunctionSpec spec, Path portFile, String secret, Path dir, Path log)
      throws IOException {
    List<String> command = jvm(spec);
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(ClasspathLocator.workerClasspath(spec.classpath(), ACTION_SUPPORT));
    command.add("io.spillover.local.internal.worker.ActionWorker");
    ProcessBuilder pb = builder(command, dir, log);
    pb.environment().put("SPILLOVER_PORT_FILE", portFile.toString());
    pb.environment().put("SPILLOVER_ACTION_CONCURRENCY", Integer.toString(spec.concurrency()));
    pb.environment().putAll(spec.environment());
    pb.environment().put(ActionWorker.SECRET_ENV, secret);
    return pb.start();
  }

  /**
   * Starts an app on 127.0.0.1:{@code port}, told in every way Spring Boot and twelve-factor apps
   * read it: {@code PORT}, {@code SERVER_PORT}, {@code SERVER_ADDRESS} and system properties.
   */
  Process launchApp(FunctionSpec spec, int port, Path dir, Path log) throws IOException {
    List<String> command = jvm(spec);
    command.add("-Dserver.port=" + port);
    command.add("-Dserver.address=127.0.0.1");
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(ClasspathLocator.workerClasspath(spec.classpath(), APP_SUPPORT));
    command.add("io.spillover.local.internal.worker.AppLauncher");
    command.add(spec.handler());
    ProcessBuilder pb = builder(command, dir, log);
    Map<String, String> env = pb.environment();
    env.putAll(spec.environment());
    env.put("PORT", Integer.toString(port)); // last: the function's settings cannot move them
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    return pb.start();
  }

  private List<String> jvm(FunctionSpec spec) {
    List<String> command = new ArrayList<>();
    command.add(config.javaCommand().toString());
    command.add("-Xmx" + spec.memoryMb() + "m");
    command.addAll(JVM_FLAGS);
    return command;
  }

  private static ProcessBuilder builder(List<String> command, Path dir, Path log)
      throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // a clean environment, as on a FaaS platform; stdin stays a pipe the worker watches
    Map<String, String> env = pb.environment();
    String path = env.get("PATH");
    env.clear();
    if (path != null) {
      env.put("PATH", path);
    }
    env.put("LANG", "C.UTF-8");
    env.put("TZ", "UTC");
    return pb;
  }

  /** The RIC's JNI library, unpacked once into the work dir (the RIC's own unpacking races). */
  private synchronized Path ricNativeLibrary() throws IOException {
    if (ricNativeLibrary != null) {
      return ricNativeLibrary;
    }
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
    boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("x86_64") ? "x86_64"
        : "aarch64") + ".so.1"));
    String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + cpu + ".so";
    Path target = config.workDir().resolve("runtime").resolve(name);
    Files.createDirectories(target.getParent());
    try (InputStream in = WorkerLauncher.class.getClassLoader().getResourceAsStream("jni/" + name)) {
      if (in == null) {
        throw new IOException("the Runtime Interface Client jar has no jni/" + name);
      }
      Path tmp = Files.createTempFile(target.getParent(), name, ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    ricNativeLibrary = target;
    return target;
  }

  /** Sends SIGKILL to a worker and every process it started, without waiting. */
  static void signalTree(Process process) {
    try {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (UncheckedIOException | SecurityException e) {
      // the process may be gone already; destroyTree() looks again
    }
    process.destroyForcibly();
  }

  /** Ends a worker and every process it started; waits (bounded) until they are gone. */
  static void destroyTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>();
    try {
      process.descendants().forEach(tree::add);
    } catch (UncheckedIOException | SecurityException e) {
      // the process may be gone already; what is left is still killed below
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle h : tree) {
        h.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // a descendant that does not exit in 5 s after SIGKILL is reported by the caller's checks
    }
  }
}
