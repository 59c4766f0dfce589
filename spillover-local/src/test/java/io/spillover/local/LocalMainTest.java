package io.spillover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMainTest {
  @TempDir Path work;

  @Test
  void startsTheFunctionsADescriptorDeclaresAndPrintsTheSettings() throws Exception {
    Path dir = Files.createDirectories(work.resolve("functions"));
    String classpath = Fixtures.JSON.writeValueAsString(
        System.getProperty("java.class.path").split(File.pathSeparator));
    Files.writeString(dir.resolve("spillover-functions.json"), "{\"functions\":["
        + "{\"name\":\"social\",\"kind\":\"lambda\",\"handler\":"
        + "\"io.spillover.local.testfn.TestLambdaHandler\",\"memoryMb\":192,\"classpath\":"
        + classpath + "},"
        + "{\"name\":\"social-ow\",\"kind\":\"openwhisk\",\"handler\":"
        + "\"io.spillover.local.testfn.TestAction\",\"concurrency\":2,\"classpath\":"
        + classpath + "}]}");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    try (LocalPlatform p = LocalMain.start(new String[] {"--functions", dir.toString(),
        "--max-concurrency", "2", "--idle-timeout", "30s", "--work-dir",
        work.resolve("run").toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String banner = printed.toString(StandardCharsets.UTF_8);
      assertThat(banner).contains(p.endpoint() + "/2015-03-31/functions/social/invocations")
          .contains(p.endpoint() + "/api/v1/namespaces/_/actions/social-ow")
          .contains(p.endpoint() + "/http/social").contains("endpoint override");
      assertThat(p.functions()).extracting(FunctionSpec::memoryMb).containsExactly(192, 256);
      Fixtures.Reply r = Fixtures.post(p.httpEndpoint("social").toString(), Fixtures.echo("hi"));
      assertThat(r.json().get("body").get("text").asString()).isEqualTo("hi");
      assertThat(Files.list(work.resolve("run").resolve("logs").resolve("social")))
          .as("one log file per instance").hasSize(1);
    }
    Fixtures.assertNoWorkersLeft();
  }

  @Test
  void badArgumentsAreReportedWithTheUsage() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int code = LocalMain.run(new String[] {"--port"}, new PrintStream(printed, true,
        StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("missing value after --port")
        .contains("usage: local");
    assertThatThrownBy(() -> LocalMain.start(new String[] {"--functions", work.toString()},
        System.out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spillover-functions.json");
    assertThatThrownBy(() -> LocalMain.start(new String[] {"--lambda", "x=a.B",
        "--idle-timeout", "soon"}, System.out)).hasMessageContaining("not a duration");
  }
}
