package io.spillover.samples.inference.demo;

import java.nio.file.Path;

/**
 * The scenario's settings.
 *
 * @param platform {@code openwhisk} (an action, N calls per instance) or {@code lambda}
 * @param seconds how long each phase sends load
 * @param baseRps the request rate outside the spike
 * @param spikeRps the rate during the spike (the middle half of a phase)
 * @param badSpikeRps the spike rate of the bad-evidence phase, which the VM must carry alone
 * @param localLimit concurrent local calls per tenant on the VM
 * @param modelMillis the compute one inference stands for, on the VM and in the twin
 * @param actionConcurrency concurrent calls per twin instance (OpenWhisk); on Lambda, instances
 *     per {@code maxInstances}, one call each
 * @param maxInstances twin instances at most (OpenWhisk)
 * @param ungrantedShare the share of requests that name a model their tenant is not granted
 * @param modelMemoryBytes the bound on a twin instance's open models
 * @param badEvidence {@code debug} (the right image, debuggable) or {@code measurement}
 * @param prewarm whether the VM side pre-warms the twin while it is busy
 * @param out where summary.json and the plots go
 * @param work where the key service, the image and the platform keep their files
 */
record ScenarioOptions(String platform, double seconds, double baseRps, double spikeRps,
    double badSpikeRps, int localLimit, long modelMillis, int actionConcurrency, int maxInstances,
    double ungrantedShare, long modelMemoryBytes, String badEvidence, boolean prewarm, Path out, Path work) {

  ScenarioOptions {
    if (!platform.equals("openwhisk") && !platform.equals("lambda")) {
      throw new IllegalArgumentException("--platform must be openwhisk or lambda");
    }
    if (!badEvidence.equals("debug") && !badEvidence.equals("measurement")) {
      throw new IllegalArgumentException("--bad-evidence must be debug or measurement");
    }
    if (seconds < 2 || baseRps <= 0 || spikeRps <= 0 || badSpikeRps <= 0 || localLimit < 1
        || modelMillis < 0 || actionConcurrency < 1 || maxInstances < 1 || ungrantedShare < 0
        || ungrantedShare > 1 || modelMemoryBytes < 1) {
      throw new IllegalArgumentException("settings out of range: " + this);
    }
  }

  boolean openWhisk() {
    return platform.equals("openwhisk");
  }
}
