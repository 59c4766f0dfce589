package com.example.logic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /work?key=K&rounds=N}: N rounds of SHA-256 over K plus {@code logic.service-ms} of
 * waiting (the service's calls to its own back ends, which hold a worker without using a core),
 * on a pool of {@code logic.workers} threads with {@code logic.queue} waiting places. Past that
 * the VM is full: 503 with {@code Retry-After}, the overload signal a client-side limiter reads.
 * The waiting part is what lets a two-core machine host VMs whose capacity is their workers.
 */
@RestController
class WorkController {
  private final ThreadPoolExecutor pool;
  private final long serviceMillis;

  WorkController(@Value("${logic.workers:2}") int workers, @Value("${logic.queue:8}") int queue,
      @Value("${logic.service-ms:0}") long serviceMillis) {
    this.serviceMillis = serviceMillis;
    this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue));
  }

  @GetMapping("/work")
  ResponseEntity<Map<String, Object>> work(@RequestParam String key,
      @RequestParam(defaultValue = "2000") int rounds) throws Exception {
    Future<String> digest;
    try {
      digest = pool.submit(() -> {
        Thread.sleep(serviceMillis);
        return digest(key, rounds);
      });
    } catch (RejectedExecutionException full) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
          .body(Map.of("error", "busy"));
    }
    return ResponseEntity.ok(Map.of("key", key, "digest", digest.get()));
  }

  static String digest(String key, int rounds) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] d = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < rounds; i++) {
      d = sha.digest(d);
    }
    return HexFormat.of().formatHex(d, 0, 8);
  }
}
