package io.spillover.spring.boot.app;

import io.spillover.function.FunctionApp;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The VM side: a Spring Boot application whose twin runs in-process (the "social" target). */
@SpringBootApplication
public class SocialApplication {

  @Bean
  ComposeService composeService() {
    return new ComposeService("vm");
  }

  @Bean
  Gate gate() {
    return new Gate();
  }

  /** Deployed by the in-process provider under its bean name, "social". */
  @Bean
  FunctionApp social() {
    return SocialFunctions.create();
  }
}
