package io.spillover.local.internal;

import io.spillover.local.FunctionKind;
import io.spillover.local.FunctionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The text of {@code LocalPlatform.connectionReport()}: endpoints and provider settings. */
public final class ConnectionReport {
  private ConnectionReport() {}

  public static String of(URI endpoint, Path workDir, List<FunctionSpec> functions,
      Function<String, URI> httpEndpoint) {
    String e = endpoint.toString();
    StringBuilder out = new StringBuilder();
    line(out, "Spillover local function platform on " + e);
    line(out, "  work dir  " + workDir + "  (instance logs in logs/<function>/)");
    line(out, "  status    GET " + e + "/status");
    line(out, "Functions:");
    for (FunctionSpec f : functions) {
      line(out, String.format(Locale.ROOT, "  %-20s %-9s %s, %d MB, concurrency %d", f.name(),
          f.kind(), f.handler(), f.memoryMb(), f.concurrency()));
      if (f.kind() == FunctionKind.APP) {
        line(out, "    HTTP       ANY  " + httpEndpoint.apply(f.name()) + "/<path>");
        line(out, "    Lambda     POST " + e + "/2015-03-31/functions/" + f.name()
            + "/invocations  (HTTP API 2.0 event)");
        continue;
      }
      if (f.kind() == FunctionKind.LAMBDA) {
        line(out, "    Lambda     POST " + e + "/2015-03-31/functions/" + f.name()
            + "/invocations");
      } else {
        line(out, "    OpenWhisk  POST " + e + "/api/v1/namespaces/_/actions/" + f.name()
            + "?blocking=true&result=true");
      }
      line(out, "    HTTP       POST " + httpEndpoint.apply(f.name()));
    }
    line(out, "Provider settings:");
    line(out, "  Lambda     endpoint override " + e + ", region " + LambdaNames.REGION
        + ", any credentials (SigV4 is accepted, not verified)");
    line(out, "  OpenWhisk  API host " + e + ", namespace _ (any name works), auth any"
        + " uuid:key (HTTP Basic is accepted, not verified)");
    line(out, "  HTTP       " + e + "/http/<function>");
    return out.toString();
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append('\n');
  }
}
