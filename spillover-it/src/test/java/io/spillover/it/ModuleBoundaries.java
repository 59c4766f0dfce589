package io.spillover.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A plain source scan for references into another module's {@code internal} packages: an
 * {@code import} or a fully qualified name of a package with an {@code internal} segment that the
 * referring module does not declare in its own main sources. A module's internal packages may
 * change with any release; what other modules need is published as an SPI instead
 * ({@code io.spillover.http.spi}, {@code io.spillover.wire}). A source scan, not bytecode
 * analysis, so it needs no compiled classes and reads test sources as well.
 */
final class ModuleBoundaries {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  /** A dotted name with an {@code internal} segment, up to the first capitalised segment. */
  private static final Pattern INTERNAL_REF = Pattern.compile(
      "\\b(io\\.spillover(?:\\.[a-z_][a-z0-9_]*)*\\.internal(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z*]");

  private ModuleBoundaries() {}

  /** Every module directory under {@code root}: a pom.xml beside a {@code src/main/java}. */
  static List<Path> modules(Path root) throws IOException {
    try (Stream<Path> poms = Files.walk(root, 3)) {
      return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .map(Path::getParent)
          .filter(m -> Files.isDirectory(m.resolve("src/main/java")))
          .filter(m -> !m.toString().contains("target"))
          .sorted().toList();
    }
  }

  /** The offences of {@code module}, as {@code file:line -> package}. */
  static List<String> offences(Path root, Path module) throws IOException {
    Set<String> own = new HashSet<>();
    for (Path f : javaFiles(module.resolve("src/main/java"))) {
      Matcher m = PACKAGE.matcher(read(f));
      if (m.find()) {
        own.add(m.group(1));
      }
    }
    List<String> out = new ArrayList<>();
    for (String scope : List.of("src/main/java", "src/test/java")) {
      for (Path f : javaFiles(module.resolve(scope))) {
        String[] lines = read(f).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i].strip();
          if (line.startsWith("package ") || line.startsWith("*") || line.startsWith("//")
              || line.startsWith("/*")) {
            continue; // javadoc and comments may name a package without depending on it
          }
          Matcher m = INTERNAL_REF.matcher(line);
          while (m.find()) {
            if (!own.contains(m.group(1))) {
              out.add(root.relativize(f) + ":" + (i + 1) + " -> " + m.group(1));
            }
          }
        }
      }
    }
    return out;
  }

  /** All offences under {@code root}, by module. */
  static TreeMap<String, List<String>> scan(Path root) throws IOException {
    TreeMap<String, List<String>> all = new TreeMap<>();
    for (Path module : modules(root)) {
      List<String> found = offences(root, module);
      if (!found.isEmpty()) {
        all.put(root.relativize(module).toString(), found);
      }
    }
    return all;
  }

  private static List<Path> javaFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String read(Path f) throws IOException {
    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
  }
}
