package io.spillover.cli.plan;

import io.spillover.cli.common.CommandFailedException;
import io.spillover.plan.CostModel;
import io.spillover.plan.Plan;
import io.spillover.plan.Trace;
import io.spillover.plan.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;

/**
 * {@code spillover plan}: the cost-optimal VM capacity for a trace when the excess runs on
 * functions, and its saving against VM-only provisioning at c100/c99/c95/c90 (Boxer's Table 1).
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Price a trace on VMs alone and on VMs + functions; print the cost-optimal VM"
        + " capacity and the saving against provisioning for the c100/c99/c95/c90 rate.",
        "Writes DIR/plan.json and DIR/plan.png."})
public final class PlanCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--trace", required = true, paramLabel = "FILE",
      description = "Trace CSV: 'second,count' per-second counts, or raw arrivals with a"
          + " TIMESTAMP first column.")
  Path trace;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/plan",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--vm-price", paramLabel = "USD/h", defaultValue = "0.096",
      description = "VM price per hour (default: ${DEFAULT-VALUE}, m5.large on demand, us-east-1,"
          + " AWS list price).")
  double vmPrice;

  @Option(names = "--vm-vcpus", defaultValue = "2",
      description = "vCPUs per VM (default: ${DEFAULT-VALUE}).")
  int vmVcpus;

  @Option(names = "--service-ms", defaultValue = "10",
      description = "Service time of one request on one vCPU, also the function's run time at 1x"
          + " (default: ${DEFAULT-VALUE}).")
  double serviceMillis;

  @Option(names = "--vcpu-rps", paramLabel = "REQ/S",
      description = "Requests/s one VM vCPU serves (default: 1000 / --service-ms).")
  Double vcpuRps;

  @Option(names = "--lambda-memory-mb", defaultValue = "1769",
      description = "Function memory; 1769 MB comes with one vCPU (default: ${DEFAULT-VALUE}).")
  int memoryMb;

  @Option(names = "--lambda-gb-second-price", paramLabel = "USD", defaultValue = "0.0000166667",
      description = "Function price per GB-second (default: ${DEFAULT-VALUE}, Lambda x86).")
  double gbSecondPrice;

  @Option(names = "--lambda-request-price", paramLabel = "USD", defaultValue = "0.20",
      description = "Function price per million requests (default: ${DEFAULT-VALUE}).")
  double perMillionRequests;

  @Option(names = "--factors", split = ",", defaultValue = "1,2,4,8",
      description = "Function resource factors: a function needs f x the VM's resources per"
          + " request (default: ${DEFAULT-VALUE}).")
  List<Double> factors;

  @Option(names = "--levels", split = ",", defaultValue = "100,99,95,90",
      description = "VM-only provisioning levels, percentiles of the per-second rate"
          + " (default: ${DEFAULT-VALUE}).")
  List<Double> levels;

  @Override
  public Integer call() {
    Plan plan;
    try {
      CostModel.Builder model = CostModel.builder().vmPricePerHour(vmPrice).vmVcpus(vmVcpus)
          .serviceTime(serviceTime()).functionMemoryMb(memoryMb).gbSecondPrice(gbSecondPrice)
          .requestPrice(perMillionRequests / 1_000_000);
      if (vcpuRps != null) {
        model.vcpuRequestsPerSecond(vcpuRps);
      }
      plan = Plan.compute(Trace.read(trace), model.build(), factors, levels);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (TraceFormatException e) {
      throw CommandFailedException.because("malformed trace", e);
    } catch (IOException e) {
      throw CommandFailedException.because("cannot read the trace", e);
    }
    String name = String.valueOf(trace.getFileName());
    PrintWriter o = spec.commandLine().getOut();
    PlanReport.print(o, plan, name);
    try {
      Files.createDirectories(out);
      PlanJson.write(plan, name, out.resolve("plan.json"));
      PlanChart.write(plan, name, out.resolve("plan.png"));
    } catch (IOException | JacksonException e) {
      throw CommandFailedException.because("cannot write to " + out, e);
    }
    o.printf("%nwrote %s and %s%n", out.resolve("plan.json"), out.resolve("plan.png"));
    o.flush();
    return 0;
  }

  private Duration serviceTime() {
    if (!(serviceMillis > 0) || Double.isInfinite(serviceMillis)) {
      throw new IllegalArgumentException("--service-ms must be > 0, got " + serviceMillis);
    }
    return Duration.ofNanos(Math.round(serviceMillis * 1_000_000));
  }
}
