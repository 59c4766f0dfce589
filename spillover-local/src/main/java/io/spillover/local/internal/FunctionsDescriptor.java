package io.spillover.local.internal;

import io.spillover.local.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the descriptor of a {@link io.spillover.local.FunctionPackage} (its format is described
 * there) and lists the package's code.
 */
public final class FunctionsDescriptor {
  public static final String FILE = "spillover-functions.json";

  private FunctionsDescriptor() {}

  /**
   * The functions declared in {@code source}, empty when it has no descriptor; an
   * IllegalArgumentException says what is wrong with one.
   */
  public static List<FunctionSpec> read(Path source) throws IOException {
    byte[] json = descriptor(source);
    if (json == null) {
      return List.of();
    }
    JsonNode root;
    try {
      root = ActivationRecord.JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + "!" + FILE + " is not JSON: "
          + e.getOriginalMessage(), e);
    }
    JsonNode list = root.path("functions");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(source + "!" + FILE + " needs a non-empty \"functions\""
          + " array");
    }
    List<Path> code = codeOf(source);
    List<FunctionSpec> specs = new ArrayList<>();
    for (JsonNode f : list) {
      specs.add(spec(f, source, code));
    }
    return specs;
  }

  /** The classpath of code in {@code source}: the jar, or the directory and its lib/*.jar. */
  public static List<Path> codeOf(Path source) throws IOException {
    List<Path> cp = new ArrayList<>();
    cp.add(source.toAbsolutePath());
    Path lib = source.resolve("lib");
    if (Files.isDirectory(source) && Files.isDirectory(lib)) {
      try (Stream<Path> jars = Files.list(lib)) {
        jars.filter(p -> p.toString().endsWith(".jar")).sorted()
            .forEach(p -> cp.add(p.toAbsolutePath()));
      }
    }
    return cp;
  }

  private static FunctionSpec spec(JsonNode f, Path source, List<Path> code) {
    String name = required(f, "name");
    String kind = f.path("kind").asString("lambda");
    String handler = required(f, "handler");
    FunctionSpec.Builder b;
    if (kind.equalsIgnoreCase("lambda")) {
      b = FunctionSpec.lambda(name, handler);
    } else if (kind.equalsIgnoreCase("openwhisk")) {
      b = FunctionSpec.openWhisk(name, handler);
    } else if (kind.equalsIgnoreCase("app")) {
      b = FunctionSpec.app(name, handler);
      if (f.has("readinessPath")) {
        b.readinessPath(f.get("readinessPath").asString());
      }
    } else {
      throw new IllegalArgumentException("function '" + name + "': kind must be lambda,"
          + " openwhisk or app, was '" + kind + "'");
    }
    b.classpath(code);
    Path base = source.toAbsolutePath().getParent();
    for (JsonNode entry : f.path("classpath")) {
      Path p = Path.of(entry.asString());
      b.classpath(p.isAbsolute() ? p : base.resolve(p));
    }
    if (f.has("memoryMb")) {
      b.memoryMb(f.get("memoryMb").asInt());
    }
    if (f.has("concurrency")) {
      b.concurrency(f.get("concurrency").asInt());
    }
    if (f.has("timeoutMs")) {
      b.timeout(Duration.ofMillis(f.get("timeoutMs").asLong()));
    }
    f.path("environment").properties().forEach(e -> b.environment(e.getKey(),
        e.getValue().asString()));
    for (JsonNode option : f.path("jvmOptions")) {
      b.jvmOption(option.asString());
    }
    return b.build();
  }

  private static String required(JsonNode f, String field) {
    String v = f.path(field).asString("");
    if (v.isEmpty()) {
      throw new IllegalArgumentException("a function in " + FILE + " has no \"" + field + "\": "
          + f);
    }
    return v;
  }

  private static byte[] descriptor(Path source) throws IOException {
    if (Files.isDirectory(source)) {
      Path file = source.resolve(FILE);
      return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(source + " is neither a jar nor a directory");
    }
    try (ZipFile zip = new ZipFile(source.toFile())) {
      ZipEntry entry = zip.getEntry(FILE);
      if (entry == null) {
        return null;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }
  }
}
