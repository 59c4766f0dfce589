package io.spillover.samples.inference.demo;

import io.spillover.samples.inference.vm.WireTap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One phase's figures, as {@code summary.json} holds them: where requests were answered, what
 * the wire tap saw, what the audit log and the platform recorded, and latency.
 *
 * @param name {@code vm_only}, {@code attested} or {@code bad_evidence}
 * @param recorder the requests' outcomes and latencies
 * @param wire what the tap between the VM side and the platform saw (null without a twin)
 * @param audit the audit records the phase added
 * @param coldStarts twin instances started during the phase
 * @param wallSeconds how long the phase took, drain included
 */
record PhaseResult(String name, PhaseRecorder recorder, WireTap.Seen wire, AuditCounts audit,
    long coldStarts, double wallSeconds) {

  long keyReleases() {
    return audit.count("KEY_RELEASE") + audit.count("DATA_KEY_RELEASE");
  }

  Map<String, Object> summary() {
    PhaseRecorder r = recorder;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", r.requests.get());
    m.put("local", r.local.get());
    m.put("spilled_sealed", r.sealed.get());
    m.put("plaintext_bytes_on_wire", wire == null ? 0 : wire.plaintextBytes());
    m.put("refused_by_grant", r.refusedOnVm.get() + r.refusedInTwin.get());
    m.put("refused_by_grant_in_twin", r.refusedInTwin.get());
    m.put("refused_by_grant_on_vm", r.refusedOnVm.get());
    m.put("cold_starts", coldStarts);
    m.put("key_releases", keyReleases());
    m.put("instance_key_releases", audit.count("KEY_RELEASE"));
    m.put("model_key_releases", audit.count("DATA_KEY_RELEASE"));
    m.put("model_key_refusals", audit.count("DATA_KEY_REFUSED"));
    m.put("key_release_refusals", audit.count("KEY_RELEASE_REFUSED"));
    m.put("tampered_or_unauthenticated_replies", audit.count("SEALED_REPLY_TAMPERED"));
    m.put("p50_ms", percentiles(50));
    m.put("p99_ms", percentiles(99));
    m.put("rejected", r.rejected.get());
    m.put("failed", r.failed.get());
    m.put("lost", r.lost());
    m.put("wrong_answers", r.wrongAnswers.get());
    m.put("ungranted_served", r.ungrantedServed.get());
    if (wire != null) {
      m.put("wire", Map.of("exchanges", wire.exchanges(), "bytes", wire.bytes(),
          "canaries", wire.canaries()));
    }
    m.put("twin_instances", instances());
    m.put("wall_seconds", Math.round(wallSeconds * 10) / 10.0);
    return m;
  }

  private Map<String, Object> percentiles(double p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("local", millis(recorder.localMicros, p));
    m.put("spilled_sealed", millis(recorder.sealedMicros, p));
    return m;
  }

  private static Double millis(Histogram h, double p) {
    return h.getTotalCount() == 0 ? null
        : Math.round(h.getValueAtPercentile(p) / 100.0) / 10.0;
  }

  private Map<String, Object> instances() {
    Map<String, Object> out = new TreeMap<>();
    recorder.instances.forEach((id, s) -> {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("calls", s.calls.get());
      i.put("max_concurrent_calls", s.maxInFlight.get());
      i.put("sessions_verified", s.sessions.get());
      i.put("model_key_fetches", s.keyFetches.get());
      i.put("model_evictions", s.evictions.get());
      i.put("grant_refusals", s.refusals.get());
      out.put("pid-" + id, i);
    });
    return out;
  }
}
