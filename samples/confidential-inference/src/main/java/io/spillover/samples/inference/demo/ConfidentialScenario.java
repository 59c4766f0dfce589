package io.spillover.samples.inference.demo;

import io.spillover.attest.audit.AuditLog;
import io.spillover.attest.audit.AuditVerification;
import io.spillover.samples.inference.vm.VmInference;
import io.spillover.samples.inference.vm.WireTap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./spillover demo --scenario confidential}: confidential inference as SeSeMI runs it, on
 * the local function platform. A spike against the VM-side inference service without spilling,
 * then with its excess spilled sealed to the attested twin (an OpenWhisk action serving every
 * model, many calls at once), then with a twin whose evidence shows a debug TEE or another
 * measurement. Writes {@code summary.json} and plots.
 */
@Command(name = "demo --scenario confidential", mixinStandardHelpOptions = true,
    description = "Confidential inference: sealed spills to attested twins, many models per"
        + " instance, per-tenant grants.")
public final class ConfidentialScenario implements Callable<Integer> {
  @Option(names = "--platform", defaultValue = "openwhisk",
      description = "openwhisk (an action, many calls per instance) or lambda (default: ${DEFAULT-VALUE}).")
  String platform;
  @Option(names = "--seconds", defaultValue = "24", description = "Seconds of load per phase (default: ${DEFAULT-VALUE}).")
  double seconds;
  @Option(names = "--base-rps", defaultValue = "50", description = "Requests/s outside the spike (default: ${DEFAULT-VALUE}).")
  double baseRps;
  @Option(names = "--spike-rps", defaultValue = "200", description = "Requests/s in the spike (default: ${DEFAULT-VALUE}).")
  double spikeRps;
  @Option(names = "--bad-spike-rps", defaultValue = "90", description = "Spike of the bad-evidence phase, which the VM carries alone (default: ${DEFAULT-VALUE}).")
  double badSpikeRps;
  @Option(names = "--local-limit", defaultValue = "2", description = "Concurrent local calls per tenant (default: ${DEFAULT-VALUE}).")
  int localLimit;
  @Option(names = "--model-ms", defaultValue = "50", description = "Compute time of one inference (default: ${DEFAULT-VALUE}).")
  long modelMillis;
  @Option(names = "--action-concurrency", defaultValue = "16", description = "Concurrent calls per twin instance on OpenWhisk; on Lambda, instances per max instance (default: ${DEFAULT-VALUE}).")
  int actionConcurrency;
  @Option(names = "--max-instances", defaultValue = "1", description = "Twin instances at most on OpenWhisk (default: ${DEFAULT-VALUE}); on Lambda, times the action concurrency, one call each.")
  int maxInstances;
  @Option(names = "--ungranted-share", defaultValue = "0.05", description = "Share of requests naming a model their tenant is not granted (default: ${DEFAULT-VALUE}).")
  double ungrantedShare;
  @Option(names = "--model-memory-kb", defaultValue = "1024", description = "Bound on a twin instance's open models (default: ${DEFAULT-VALUE}).")
  long modelMemoryKb;
  @Option(names = "--bad-evidence", defaultValue = "debug", description = "debug (right image, debuggable TEE) or measurement (another image) (default: ${DEFAULT-VALUE}).")
  String badEvidence;
  @Option(names = "--no-prewarm", description = "Do not pre-warm the twin while the VM is busy (Spillover's pre-warming): the first spills wait for its cold start.")
  boolean noPrewarm;
  @Option(names = "--out", defaultValue = "target/demo-confidential", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  public static void main(String[] args) {
    // the servers' start and stop lines are noise here; warnings (e.g. failed spills) are not
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(new CommandLine(new ConfidentialScenario()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ScenarioOptions o;
    try {
      o = new ScenarioOptions(platform, seconds, baseRps, spikeRps, badSpikeRps, localLimit,
          modelMillis, actionConcurrency, Math.max(1, maxInstances), ungrantedShare,
          modelMemoryKb * 1024, badEvidence, !noPrewarm, out, Files.createTempDirectory("confidential-demo"));
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      return 2;
    }
    run(o, System.out);
    return 0;
  }

  /** Runs the three phases; returns the summary, also written to {@code out/summary.json}. */
  static Map<String, Object> run(ScenarioOptions o, PrintStream p) throws Exception {
    p.println("Spillover demo: confidential inference (SeSeMI-style) on the local platform");
    p.println("  ATTESTATION SIMULATOR: no TEE here; the twin's evidence is signed with a"
        + " development key file and the key service accepts it only in a development"
        + " deployment. The path from EvidenceSource to key release is the one SEV-SNP, TDX and"
        + " Nitro evidence takes.");
    p.printf("  twin: %s on the local platform, %s; 3 models, 3 tenants, each granted 2; VM: %d"
        + " local calls per tenant, %d ms per inference%n", o.platform(), o.openWhisk()
        ? o.maxInstances() + " instance(s) of action concurrency " + o.actionConcurrency()
        : o.maxInstances() * o.actionConcurrency() + " instances at most, one call each",
        o.localLimit(), o.modelMillis());
    List<PhaseResult> phases = new ArrayList<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    try (ScenarioDeployment d = new ScenarioDeployment(o)) {
      phases.add(phase(d, o, "vm_only", null, o.spikeRps(), 1, p));
      phases.add(phase(d, o, "attested", ScenarioDeployment.TWIN, o.spikeRps(), 1, p));
      phases.add(phase(d, o, "bad_evidence", ScenarioDeployment.BAD_TWIN, o.badSpikeRps(), 2, p));
      summary.put("scenario", "confidential");
      summary.put("platform", o.platform());
      summary.put("attestation", "development simulator (no TEE): " + o.badEvidence()
          + " evidence in phase bad_evidence");
      summary.put("settings", settings(o));
      Map<String, Object> byName = new LinkedHashMap<>();
      phases.forEach(r -> byName.put(r.name(), r.summary()));
      summary.put("phases", byName);
    }
    AuditVerification v = AuditLog.verify(o.work().resolve("audit.jsonl"));
    summary.put("audit", Map.of("records", v.records(), "chain_valid", v.valid()));
    Files.createDirectories(o.out());
    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValue(o.out().resolve("summary.json").toFile(), summary);
    ScenarioPlots.write(o.out(), phases);
    p.printf("  audit log: %d records, chain valid: %s%n", v.records(), v.valid());
    p.println("  wrote " + o.out().resolve("summary.json") + " and PNG plots in " + o.out());
    return summary;
  }

  private static PhaseResult phase(ScenarioDeployment d, ScenarioOptions o, String name,
      String twin, double spike, long seed, PrintStream p) throws Exception {
    long auditFrom = AuditCounts.lines(d.auditFile);
    long coldBefore = d.stats(twin == null ? ScenarioDeployment.TWIN : twin).coldStarts();
    WireTap tap = twin == null ? null : new WireTap();
    long started = System.nanoTime();
    PhaseRecorder rec;
    try (VmInference vm = d.vm(twin, tap)) {
      rec = PhaseRunner.run(vm, SpikeLoad.of(name, o.seconds(), o.baseRps(), spike,
          o.ungrantedShare(), seed), o.seconds(), 25_000);
    }
    PhaseResult r = new PhaseResult(name, rec, tap == null ? null : tap.seen(),
        AuditCounts.since(d.auditFile, auditFrom),
        d.stats(twin == null ? ScenarioDeployment.TWIN : twin).coldStarts() - coldBefore,
        (System.nanoTime() - started) / 1e9);
    print(r, p);
    return r;
  }

  private static void print(PhaseResult r, PrintStream p) {
    Map<String, Object> s = r.summary();
    p.printf("  %-13s %5d requests: %5d local, %5d spilled sealed, %3d refused by grant (%d in"
        + " the twin), %d rejected, %d lost; plaintext bytes on the wire %s; cold starts %d; key"
        + " releases %d (%d instance, %d model); p50/p99 ms local %s/%s, sealed %s/%s%n",
        r.name(), s.get("requests"), s.get("local"), s.get("spilled_sealed"),
        s.get("refused_by_grant"), s.get("refused_by_grant_in_twin"), s.get("rejected"),
        s.get("lost"), s.get("plaintext_bytes_on_wire"), s.get("cold_starts"),
        s.get("key_releases"), s.get("instance_key_releases"), s.get("model_key_releases"),
        ((Map<?, ?>) s.get("p50_ms")).get("local"), ((Map<?, ?>) s.get("p99_ms")).get("local"),
        ((Map<?, ?>) s.get("p50_ms")).get("spilled_sealed"),
        ((Map<?, ?>) s.get("p99_ms")).get("spilled_sealed"));
    p.printf("  %-13s twin instances: %s%n", "", s.get("twin_instances"));
  }

  private static Map<String, Object> settings(ScenarioOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds_per_phase", o.seconds());
    m.put("base_rps", o.baseRps());
    m.put("spike_rps", o.spikeRps());
    m.put("bad_evidence_spike_rps", o.badSpikeRps());
    m.put("local_limit_per_tenant", o.localLimit());
    m.put("model_ms", o.modelMillis());
    m.put("action_concurrency", o.openWhisk() ? o.actionConcurrency() : 1);
    m.put("max_instances", o.maxInstances());
    m.put("ungranted_share", o.ungrantedShare());
    m.put("model_memory_bytes", o.modelMemoryBytes());
    m.put("bad_evidence", o.badEvidence());
    m.put("prewarm", o.prewarm());
    m.put("tenants", Tenants.NAMES);
    Map<String, Object> grants = new java.util.TreeMap<>();
    Tenants.GRANTS.forEach((model, tenants) -> grants.put(model, tenants.stream().sorted()
        .toList()));
    m.put("grants", grants);
    return m;
  }
}
