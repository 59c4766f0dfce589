package io.spillover.samples.social.service.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The login token of DeathStarBench's UI API: a JWT signed with HMAC-SHA256 (the JDK's Mac) whose
 * claims are {@code user_id}, {@code username}, {@code timestamp} (epoch s) and {@code ttl}, all
 * strings. The sample only issues tokens; nothing in the wrk2 API checks them.
 */
public final class LoginTokens {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = B64.encodeToString(
      "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final byte[] secret;

  public LoginTokens(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("token secret is missing");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String issue(long userId, String username, long epochSeconds, long ttlSeconds) {
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("user_id", Long.toString(userId));
    claims.put("username", username);
    claims.put("timestamp", Long.toString(epochSeconds));
    claims.put("ttl", Long.toString(ttlSeconds));
    String signingInput = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
    return signingInput + "." + B64.encodeToString(hmac(signingInput));
  }

  private byte[] hmac(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
