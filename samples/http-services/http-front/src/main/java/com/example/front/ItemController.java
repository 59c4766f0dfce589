package com.example.front;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * An ordinary RestClient call to the logic service, built from the injected builder (which is all
 * a Spillover starter needs to wrap it: nothing here knows about Spillover).
 */
@RestController
class ItemController {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  private final RestClient logic;

  ItemController(RestClient.Builder builder, @Value("${front.logic-url}") String logicUrl) {
    this.logic = builder.baseUrl(logicUrl).build();
  }

  @GetMapping("/api/items/{id}")
  ResponseEntity<Map<String, Object>> item(@PathVariable String id) {
    try {
      Map<String, Object> work = logic.get().uri("/work?key={id}", id).retrieve().body(JSON);
      return ResponseEntity.ok(Map.of("id", id, "work", work));
    } catch (RestClientResponseException e) {
      // the logic service's own overload answer goes back to the user as it is
      return ResponseEntity.status(e.getStatusCode()).body(Map.of("id", id,
          "error", e.getStatusText()));
    }
  }
}
