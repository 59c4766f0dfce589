package io.spillover.spring.boot;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Function platforms ({@code spillover.providers.*}). Each platform is off until its
 * {@code enabled} is true; an enabled platform whose module is not on the classpath fails startup
 * rather than being ignored. The provider is registered under its {@code name}, which
 * {@code function.provider} of a spillway refers to.
 */
public class ProvidersProperties {

  private final InProcess inProcess = new InProcess();
  private final Lambda lambda = new Lambda();
  private final OpenWhisk openwhisk = new OpenWhisk();
  private final Http http = new Http();

  public InProcess getInProcess() { return inProcess; }
  public Lambda getLambda() { return lambda; }
  public OpenWhisk getOpenwhisk() { return openwhisk; }
  public Http getHttp() { return http; }

  /** Settings every platform has. */
  public abstract static class Common {
    /** Whether to register this platform's provider. */
    private boolean enabled;
    /** Name the provider is registered under (what function.provider refers to). */
    private String name;

    Common(String name) {
      this.name = name;
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
  }

  /**
   * Function twins in this JVM (development, tests, demos): every FunctionApp bean is deployed
   * under its bean name as target.
   */
  public static class InProcess extends Common {
    public InProcess() {
      super("in-process");
    }
  }

  /** AWS Lambda (needs spillover-aws). */
  public static class Lambda extends Common {
    /** AWS region of the functions, e.g. eu-west-1 (default: the SDK's region chain). */
    private String region;
    /** Endpoint to call instead of the region's (e.g. the local function platform). */
    private URI endpointOverride;
    /** Static credentials; when unset, the SDK's default credentials chain is used. */
    private final Credentials credentials = new Credentials();
    /**
     * Whether the startup check sends a signed Invoke dry run to each target: Lambda answers
     * whether the function exists and may be invoked, and runs nothing.
     */
    private boolean dryRunCheck = true;

    public Lambda() {
      super("lambda");
    }

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public URI getEndpointOverride() { return endpointOverride; }
    public void setEndpointOverride(URI endpointOverride) { this.endpointOverride = endpointOverride; }
    public Credentials getCredentials() { return credentials; }
    public boolean isDryRunCheck() { return dryRunCheck; }
    public void setDryRunCheck(boolean dryRunCheck) { this.dryRunCheck = dryRunCheck; }
  }

  /** Static AWS credentials. */
  public static class Credentials {
    /** AWS access key id. */
    private String accessKeyId;
    /** AWS secret access key. */
    private String secretAccessKey;
    /** Session token of temporary credentials. */
    private String sessionToken;

    public String getAccessKeyId() { return accessKeyId; }
    public void setAccessKeyId(String accessKeyId) { this.accessKeyId = accessKeyId; }
    public String getSecretAccessKey() { return secretAccessKey; }
    public void setSecretAccessKey(String secretAccessKey) { this.secretAccessKey = secretAccessKey; }
    public String getSessionToken() { return sessionToken; }
    public void setSessionToken(String sessionToken) { this.sessionToken = sessionToken; }
  }

  /** Apache OpenWhisk (needs spillover-openwhisk). */
  public static class OpenWhisk extends Common {
    /** Base URL of the OpenWhisk API host, e.g. https://openwhisk.example.org. */
    private URI apiHost;
    /** Namespace of the actions ("_" is the key's default namespace). */
    private String namespace = "_";
    /** API key as "uuid:key" (sent with HTTP basic authentication). */
    private String apiKey;

    public OpenWhisk() {
      super("openwhisk");
    }

    public URI getApiHost() { return apiHost; }
    public void setApiHost(URI apiHost) { this.apiHost = apiHost; }
    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
  }

  /** Any function behind an HTTP URL (the function target is its URL). */
  public static class Http extends Common {
    /** Headers sent with every invocation, e.g. an API key. */
    private Map<String, String> headers = new LinkedHashMap<>();
    /** Timeout for opening a connection (the call's deadline bounds the rest). */
    private Duration connectTimeout;
    /**
     * Path of a GET the startup check sends, resolved against each target URL as a link is
     * ("/health" on the target's host, "" the target itself); unset: no probe.
     */
    private String healthPath;

    public Http() {
      super("http");
    }

    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public String getHealthPath() { return healthPath; }
    public void setHealthPath(String healthPath) { this.healthPath = healthPath; }
  }
}
