package io.spillover.spring.boot;

import java.time.Duration;

/**
 * The local concurrency limit of a spillway ({@code ...limit.*}). {@code type} is required as
 * soon as any parameter is set, and each parameter belongs to the types listed in its comment;
 * a parameter given for another type fails startup.
 */
public class LimitProperties {

  /** Limit algorithm: fixed, adaptive (latency gradient) or aimd (on SLO violations). */
  private Type type;
  /** Concurrent local calls of a fixed limit. */
  private Integer value;
  /** Starting limit (adaptive, aimd; default 20). */
  private Integer initial;
  /** Lowest limit (adaptive, aimd; default 1). */
  private Integer min;
  /** Highest limit (adaptive, aimd; default 1000). */
  private Integer max;
  /** How far short-term latency may exceed the baseline before the limit shrinks, >= 1 (adaptive). */
  private Double tolerance;
  /** Samples in the short latency average; set together with long-window (adaptive). */
  private Integer shortWindow;
  /** Samples in the long (baseline) latency average (adaptive). */
  private Integer longWindow;
  /** How far each sample moves the limit toward its target, in (0, 1] (adaptive). */
  private Double smoothing;
  /** Ratio a violation multiplies the limit by, in [0.5, 1) (aimd; default 0.9). */
  private Double backoff;
  /** Latency that counts as a violation, overriding the spillway's latency-slo (aimd). */
  private Duration slo;

  /** The limit algorithms. */
  public enum Type {
    /** Exactly {@code value} concurrent local calls; reads no clock. */
    FIXED,
    /** Latency-gradient limit (the library default). */
    ADAPTIVE,
    /** Additive increase, multiplicative decrease on SLO violations. */
    AIMD
  }

  public Type getType() { return type; }
  public void setType(Type type) { this.type = type; }
  public Integer getValue() { return value; }
  public void setValue(Integer value) { this.value = value; }
  public Integer getInitial() { return initial; }
  public void setInitial(Integer initial) { this.initial = initial; }
  public Integer getMin() { return min; }
  public void setMin(Integer min) { this.min = min; }
  public Integer getMax() { return max; }
  public void setMax(Integer max) { this.max = max; }
  public Double getTolerance() { return tolerance; }
  public void setTolerance(Double tolerance) { this.tolerance = tolerance; }
  public Integer getShortWindow() { return shortWindow; }
  public void setShortWindow(Integer shortWindow) { this.shortWindow = shortWindow; }
  public Integer getLongWindow() { return longWindow; }
  public void setLongWindow(Integer longWindow) { this.longWindow = longWindow; }
  public Double getSmoothing() { return smoothing; }
  public void setSmoothing(Double smoothing) { this.smoothing = smoothing; }
  public Double getBackoff() { return backoff; }
  public void setBackoff(Double backoff) { this.backoff = backoff; }
  public Duration getSlo() { return slo; }
  public void setSlo(Duration slo) { this.slo = slo; }
}
