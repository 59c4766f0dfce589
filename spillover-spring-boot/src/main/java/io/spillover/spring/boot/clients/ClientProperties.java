package io.spillover.spring.boot.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One destination under {@code spillover.clients.<name>}: its base URL (or logical service), its twin
 * ({@code function.*}), its client-side limit ({@code limit.*}) and route rules ({@code routes.*}).
 * Mutable only for property binding; the auto-configuration turns it into immutable configs.
 */
public class ClientProperties {
  private @Nullable String baseUrl;
  private @Nullable String service;
  private final Function function = new Function();
  private final Limit limit = new Limit();
  private final Routes routes = new Routes();

  public @Nullable String getBaseUrl() { return baseUrl; }
  public void setBaseUrl(@Nullable String baseUrl) { this.baseUrl = baseUrl; }
  /** A logical service name matched against the request's host, instead of {@code base-url}. */
  public @Nullable String getService() { return service; }
  public void setService(@Nullable String service) { this.service = service; }
  public Function getFunction() { return function; }
  public Limit getLimit() { return limit; }
  public Routes getRoutes() { return routes; }

  /** {@code function.*}: where spilled calls go. */
  public static class Function {
    private String transport = "http";
    private @Nullable String url;
    private @Nullable String name;
    private @Nullable String endpoint;
    private Duration timeout = Duration.ofSeconds(10);

    public String getTransport() { return transport; }
    public void setTransport(String transport) { this.transport = transport; }
    public @Nullable String getUrl() { return url; }
    public void setUrl(@Nullable String url) { this.url = url; }
    public @Nullable String getName() { return name; }
    public void setName(@Nullable String name) { this.name = name; }
    public @Nullable String getEndpoint() { return endpoint; }
    public void setEndpoint(@Nullable String endpoint) { this.endpoint = endpoint; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }

  /** {@code limit.*}: the adaptive (AIMD) client-side limit on concurrent calls to the destination. */
  public static class Limit {
    private int initial = 20;
    private int min = 1;
    private int max = 200;
    private Duration maxWait = Duration.ofMillis(200);

    public int getInitial() { return initial; }
    public void setInitial(int initial) { this.initial = initial; }
    public int getMin() { return min; }
    public void setMin(int min) { this.min = min; }
    public int getMax() { return max; }
    public void setMax(int max) { this.max = max; }
    public Duration getMaxWait() { return maxWait; }
    public void setMaxWait(Duration maxWait) { this.maxWait = maxWait; }
  }

  /** {@code routes.*}: {@code "METHOD /path"} rules. */
  public static class Routes {
    private List<String> spill = new ArrayList<>();
    private List<String> never = new ArrayList<>();
    private List<String> confidential = new ArrayList<>();

    public List<String> getSpill() { return spill; }
    public void setSpill(List<String> spill) { this.spill = spill; }
    public List<String> getNever() { return never; }
    public void setNever(List<String> never) { this.never = never; }
    public List<String> getConfidential() { return confidential; }
    public void setConfidential(List<String> confidential) { this.confidential = confidential; }
  }
}
