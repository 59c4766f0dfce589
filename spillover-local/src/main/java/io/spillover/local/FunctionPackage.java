package io.spillover.local;

import io.spillover.local.internal.FunctionsDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A jar or directory of function code, as {@code spillover local --functions} takes it: its
 * classpath (the jar itself, or the directory plus the jars in its {@code lib/}, Lambda's layout
 * of a deployment package) and the functions it declares in {@value #DESCRIPTOR} at its root.
 *
 * <pre>
 * {"functions": [
 *   {"name": "social", "kind": "lambda", "handler": "com.example.Handler", "memoryMb": 512},
 *   {"name": "social-ow", "kind": "openwhisk", "handler": "com.example.Action", "concurrency": 4,
 *    "timeoutMs": 10000, "environment": {"MODE": "spill"}, "jvmOptions": [], "classpath": []}
 * ]}
 * </pre>
 *
 * <p>A function's {@code classpath} entries are added to the package's own, relative to the
 * folder that holds the jar or directory (or absolute).
 */
public final class FunctionPackage {
  /** The descriptor's file name at the root of the jar or directory. */
  public static final String DESCRIPTOR = FunctionsDescriptor.FILE;

  private final Path path;
  private final List<Path> classpath;
  private final List<FunctionSpec> functions;

  private FunctionPackage(Path path, List<Path> classpath, List<FunctionSpec> functions) {
    this.path = path;
    this.classpath = List.copyOf(classpath);
    this.functions = List.copyOf(functions);
  }

  /**
   * Reads the package at {@code jarOrDirectory}.
   *
   * @throws IllegalArgumentException when it does not exist, is neither a jar nor a directory, or
   *     its descriptor is invalid (the message says what is wrong)
   * @throws IOException when it cannot be read
   */
  public static FunctionPackage read(Path jarOrDirectory) throws IOException {
    if (!Files.exists(jarOrDirectory)) {
      throw new IllegalArgumentException(jarOrDirectory + " does not exist");
    }
    return new FunctionPackage(jarOrDirectory, FunctionsDescriptor.codeOf(jarOrDirectory),
        FunctionsDescriptor.read(jarOrDirectory));
  }

  /** The jar or directory as given. */
  public Path path() {
    return path;
  }

  /** The code of the package: the jar, or the directory and its {@code lib/*.jar}. */
  public List<Path> classpath() {
    return classpath;
  }

  /** The functions the descriptor declares, in order; empty when there is no descriptor. */
  public List<FunctionSpec> functions() {
    return functions;
  }

  @Override
  public String toString() {
    return "FunctionPackage[" + path + ", " + functions.size() + " functions]";
  }
}
