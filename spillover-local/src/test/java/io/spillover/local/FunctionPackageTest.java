package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionPackageTest {
  private static final String DESCRIPTOR = "{\"functions\":["
      + "{\"name\":\"social\",\"kind\":\"lambda\",\"handler\":\"com.example.Handler\","
      + "\"memoryMb\":192,\"classpath\":[\"extra.jar\"]},"
      + "{\"name\":\"social-ow\",\"kind\":\"openwhisk\",\"handler\":\"com.example.Action\","
      + "\"concurrency\":2}]}";

  @TempDir Path work;

  @Test
  void aDirectoryIsItselfAndItsLibJarsAndDeclaresItsFunctions() throws Exception {
    Path dir = Files.createDirectories(work.resolve("twin"));
    Files.createDirectories(dir.resolve("lib"));
    Files.write(dir.resolve("lib/b.jar"), new byte[0]);
    Files.write(dir.resolve("lib/a.jar"), new byte[0]);
    Files.writeString(dir.resolve(FunctionPackage.DESCRIPTOR), DESCRIPTOR);

    FunctionPackage p = FunctionPackage.read(dir);

    assertThat(p.classpath()).containsExactly(dir.toAbsolutePath(),
        dir.resolve("lib/a.jar").toAbsolutePath(), dir.resolve("lib/b.jar").toAbsolutePath());
    assertThat(p.functions()).extracting(FunctionSpec::name).containsExactly("social", "social-ow");
    assertThat(p.functions()).extracting(FunctionSpec::kind)
        .containsExactly(FunctionKind.LAMBDA, FunctionKind.OPENWHISK);
    assertThat(p.functions().get(0).memoryMb()).isEqualTo(192);
    assertThat(p.functions().get(0).classpath()).as("extra entries relative to the folder")
        .endsWith(work.toAbsolutePath().resolve("extra.jar"));
    assertThat(p.functions().get(1).concurrency()).isEqualTo(2);
  }

  @Test
  void aJarCarriesItsDescriptorAtItsRoot() throws Exception {
    Path jar = work.resolve("twin.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry(FunctionPackage.DESCRIPTOR));
      zip.write(DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    FunctionPackage p = FunctionPackage.read(jar);

    assertThat(p.classpath()).containsExactly(jar.toAbsolutePath());
    assertThat(p.functions()).hasSize(2);
  }

  @Test
  void withoutADescriptorThereAreNoFunctionsAndABadOneSaysWhatIsWrong() throws Exception {
    assertThat(FunctionPackage.read(work).functions()).isEmpty();
    assertThatThrownBy(() -> FunctionPackage.read(work.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    Files.writeString(work.resolve(FunctionPackage.DESCRIPTOR), "{\"functions\":[{\"name\":\"x\","
        + "\"kind\":\"azure\",\"handler\":\"a.B\"}]}");
    assertThatThrownBy(() -> FunctionPackage.read(work))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind must be lambda, openwhisk or app");
  }

  @Test
  void theConnectionReportNamesEveryEndpointAndTheProviderSettings() throws Exception {
    Path dir = Files.createDirectories(work.resolve("twin"));
    Files.writeString(dir.resolve(FunctionPackage.DESCRIPTOR), DESCRIPTOR);

    try (LocalPlatform p = LocalPlatform.builder().functions(FunctionPackage.read(dir).functions())
        .workDir(work.resolve("run")).build().start()) {
      assertThat(p.connectionReport())
          .contains("platform on " + p.endpoint())
          .contains("POST " + p.endpoint() + "/2015-03-31/functions/social/invocations")
          .contains("POST " + p.endpoint() + "/api/v1/namespaces/_/actions/social-ow")
          .contains("POST " + p.httpEndpoint("social"))
          .contains("endpoint override " + p.endpoint() + ", region us-east-1");
    }
  }
}
