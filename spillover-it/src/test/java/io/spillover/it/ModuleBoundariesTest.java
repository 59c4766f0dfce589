package io.spillover.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No module, in main or test code, refers to another module's internal packages. */
class ModuleBoundariesTest {

  private static Path root() {
    String override = System.getProperty("spillover.boundaries.root");
    return override != null ? Path.of(override)
        : Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  }

  @Test
  void noModuleReachesIntoAnotherModulesInternalPackages() throws IOException {
    Path root = root();
    List<Path> modules = ModuleBoundaries.modules(root);
    assertThat(modules).as("modules found under " + root)
        .contains(root.resolve("spillover-core"), root.resolve("spillover-aws"),
            root.resolve("spillover-openwhisk"), root.resolve("spillover-bench"));
    Map<String, List<String>> offences = ModuleBoundaries.scan(root);
    assertThat(offences).as("references into another module's internal package "
        + "(publish what is needed as an SPI instead)").isEmpty();
  }

  @Test
  void everyModuleNamesItsJarForTheModulePath() throws IOException {
    Pattern name = Pattern.compile(
        "<spillover\\.module\\.name>([^<]*)</spillover\\.module\\.name>");
    Pattern valid = Pattern.compile("io\\.spillover(\\.[a-z][a-z0-9]*)+");
    Set<String> seen = new HashSet<>();
    for (Path module : ModuleBoundaries.modules(root())) {
      Matcher m = name.matcher(Files.readString(module.resolve("pom.xml")));
      assertThat(m.find()).as(module + " sets spillover.module.name").isTrue();
      assertThat(m.group(1)).as(module + "'s module name").matches(valid);
      assertThat(seen.add(m.group(1))).as("module name " + m.group(1) + " is unique").isTrue();
    }
    assertThat(seen).contains("io.spillover.core", "io.spillover.aws");
  }

  @Test
  void theScanSeesImportsAndQualifiedNamesButNotOwnPackagesOrComments(@TempDir Path root)
      throws IOException {
    write(root, "a/src/main/java/x/A.java", "package io.spillover.a.internal;\nclass A {}\n");
    write(root, "a/src/main/java/x/B.java", "package io.spillover.a;\n"
        + "import io.spillover.a.internal.A;\n"
        + "// see io.spillover.b.internal.C\n"
        + "class B { Object c = new io.spillover.b.internal.C(); }\n");
    write(root, "a/src/test/java/x/T.java", "package io.spillover.a;\n"
        + "import static io.spillover.b.internal.C.make;\n");
    write(root, "a/pom.xml", "<project/>");
    assertThat(ModuleBoundaries.scan(root)).containsOnlyKeys("a");
    assertThat(ModuleBoundaries.scan(root).get("a")).containsExactly(
        Path.of("a/src/main/java/x/B.java") + ":4 -> io.spillover.b.internal",
        Path.of("a/src/test/java/x/T.java") + ":2 -> io.spillover.b.internal");
  }

  private static void write(Path root, String file, String text) throws IOException {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
