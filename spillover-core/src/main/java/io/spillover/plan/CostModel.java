package io.spillover.plan;

import io.spillover.Pricing;
import java.time.Duration;
import java.util.Objects;

/**
 * Prices and capacities of the two ways to serve a request: on a VM fleet billed per VM-hour, or
 * on a function billed per GB-second and per request. Immutable; see {@link #builder()}.
 *
 * <p>A VM serves {@code vmVcpus x vcpuRequestsPerSecond} requests/s. A spilled request runs on a
 * function for the service time (billed in whole milliseconds, as Lambda bills) with the
 * function's memory times a <em>resource factor</em> {@code f}: a function that needs {@code f}
 * times the VM's resources per request (Boxer's 1x/2x/4x/8x) costs {@code f} times the GB-seconds.
 */
public final class CostModel {
  /** AWS list price, on-demand Linux m5.large in us-east-1 (USD per hour). */
  public static final double M5_LARGE_USD_PER_HOUR = 0.096;
  /** vCPUs of an m5.large. */
  public static final int M5_LARGE_VCPUS = 2;
  /** Default service time of one request on one vCPU. */
  public static final Duration DEFAULT_SERVICE_TIME = Duration.ofMillis(10);
  /** Lambda memory size that comes with one full vCPU (AWS Lambda documentation). */
  public static final int ONE_VCPU_FUNCTION_MB = 1769;

  private final double vmPricePerHour;
  private final int vmVcpus;
  private final double vcpuRequestsPerSecond;
  private final Duration serviceTime;
  private final int functionMemoryMb;
  private final double gbSecondPrice;
  private final double requestPrice;

  private CostModel(Builder b) {
    this.vmPricePerHour = b.vmPricePerHour;
    this.vmVcpus = b.vmVcpus;
    this.serviceTime = b.serviceTime;
    this.vcpuRequestsPerSecond = Double.isNaN(b.vcpuRequestsPerSecond)
        ? 1e9 / serviceTime.toNanos() : b.vcpuRequestsPerSecond;
    this.functionMemoryMb = b.functionMemoryMb;
    this.gbSecondPrice = b.gbSecondPrice;
    this.requestPrice = b.requestPrice;
  }

  /** A builder with the defaults: m5.large at list price, 10 ms per request, 1769 MB Lambda. */
  public static Builder builder() {
    return new Builder();
  }

  /** VM price in USD per hour. */
  public double vmPricePerHour() {
    return vmPricePerHour;
  }

  public int vmVcpus() {
    return vmVcpus;
  }

  /** Requests per second one vCPU of the VM serves. */
  public double vcpuRequestsPerSecond() {
    return vcpuRequestsPerSecond;
  }

  /** Service time of one request (the function's run time at factor 1x). */
  public Duration serviceTime() {
    return serviceTime;
  }

  public int functionMemoryMb() {
    return functionMemoryMb;
  }

  /** Function price per GB-second (USD). */
  public double gbSecondPrice() {
    return gbSecondPrice;
  }

  /** Function price per request (USD). */
  public double requestPrice() {
    return requestPrice;
  }

  /** Requests per second one VM serves. */
  public double vmCapacity() {
    return vmVcpus * vcpuRequestsPerSecond;
  }

  /** The VMs needed to serve {@code requestsPerSecond} (whole VMs, rounded up). */
  public int vmsFor(double requestsPerSecond) {
    if (!(requestsPerSecond >= 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be >= 0");
    }
    // the epsilon keeps e.g. 100 / (100/3 * 1) from rounding up to a fourth VM
    double vms = Math.ceil(requestsPerSecond / vmCapacity() - 1e-9);
    if (vms > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(requestsPerSecond + " req/s needs too many VMs");
    }
    return (int) Math.max(0, vms);
  }

  /** USD for {@code vms} VMs running {@code seconds} (billed per second, as EC2 Linux is). */
  public double vmCost(int vms, long seconds) {
    return vms * vmPricePerHour * seconds / 3600.0;
  }

  /** GB-seconds one spilled request is billed at resource factor {@code factor}. */
  public double gbSecondsPerRequest(double factor) {
    checkFactor(factor);
    double billedSeconds = Math.ceil(serviceTime.toNanos() / 1e6 - 1e-9) / 1000.0;
    return billedSeconds * factor * functionMemoryMb / 1024.0;
  }

  /** USD for one spilled request at resource factor {@code factor}. */
  public double functionCostPerRequest(double factor) {
    return gbSecondsPerRequest(factor) * gbSecondPrice + requestPrice;
  }

  /** The cost of serving {@code trace} with {@code vms} VMs and spilling the excess. */
  public CostPoint cost(Trace trace, int vms, double factor) {
    Objects.requireNonNull(trace, "trace");
    if (vms < 0) {
      throw new IllegalArgumentException("vms must be >= 0");
    }
    double beta = vms * vmCapacity();
    double spilled = trace.excessOver(beta);
    return new CostPoint(factor, vms, beta, vmCost(vms, trace.seconds()),
        spilled * functionCostPerRequest(factor), spilled, spilled * gbSecondsPerRequest(factor),
        trace.secondsAbove(beta));
  }

  static void checkFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("resource factor must be > 0, got " + factor);
    }
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "CostModel[VM %.4f USD/h, %d vCPU x %.2f req/s;"
        + " function %d MB, %s, %.10f USD/GB-s, %.10f USD/request]", vmPricePerHour, vmVcpus,
        vcpuRequestsPerSecond, functionMemoryMb, serviceTime, gbSecondPrice, requestPrice);
  }

  /** Builds a {@link CostModel}; every setter validates at once. */
  public static final class Builder {
    private double vmPricePerHour = M5_LARGE_USD_PER_HOUR;
    private int vmVcpus = M5_LARGE_VCPUS;
    private double vcpuRequestsPerSecond = Double.NaN;
    private Duration serviceTime = DEFAULT_SERVICE_TIME;
    private int functionMemoryMb = ONE_VCPU_FUNCTION_MB;
    private double gbSecondPrice = Pricing.LAMBDA_GB_SECOND_USD;
    private double requestPrice = Pricing.LAMBDA_REQUEST_USD;

    private Builder() {}

    /** VM price in USD per hour (default {@link #M5_LARGE_USD_PER_HOUR}). */
    public Builder vmPricePerHour(double usd) {
      this.vmPricePerHour = nonNegative(usd, "vmPricePerHour");
      return this;
    }

    /** vCPUs per VM (default {@link #M5_LARGE_VCPUS}). */
    public Builder vmVcpus(int vcpus) {
      if (vcpus < 1) {
        throw new IllegalArgumentException("vmVcpus must be >= 1, got " + vcpus);
      }
      this.vmVcpus = vcpus;
      return this;
    }

    /** Requests/s one vCPU serves (default: one over the service time). */
    public Builder vcpuRequestsPerSecond(double rps) {
      if (!(rps > 0) || Double.isInfinite(rps)) {
        throw new IllegalArgumentException("vcpuRequestsPerSecond must be > 0, got " + rps);
      }
      this.vcpuRequestsPerSecond = rps;
      return this;
    }

    /** Service time of one request on one vCPU (default 10 ms). */
    public Builder serviceTime(Duration time) {
      Objects.requireNonNull(time, "serviceTime");
      if (time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("serviceTime must be > 0, got " + time);
      }
      this.serviceTime = time;
      return this;
    }

    /** Function memory in MB (default {@link #ONE_VCPU_FUNCTION_MB}). */
    public Builder functionMemoryMb(int mb) {
      if (mb < 1) {
        throw new IllegalArgumentException("functionMemoryMb must be >= 1, got " + mb);
      }
      this.functionMemoryMb = mb;
      return this;
    }

    /** Function price per GB-second in USD (default: Lambda x86 list price). */
    public Builder gbSecondPrice(double usd) {
      this.gbSecondPrice = nonNegative(usd, "gbSecondPrice");
      return this;
    }

    /** Function price per request in USD (default: Lambda list price, 0.20 per million). */
    public Builder requestPrice(double usd) {
      this.requestPrice = nonNegative(usd, "requestPrice");
      return this;
    }

    public CostModel build() {
      return new CostModel(this);
    }

    private static double nonNegative(double v, String name) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
      }
      return v;
    }
  }
}
