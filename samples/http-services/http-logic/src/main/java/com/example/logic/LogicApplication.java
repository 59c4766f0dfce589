package com.example.logic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The logic service: CPU work per request on a bounded pool (its capacity per VM). */
@SpringBootApplication
public class LogicApplication {
  public static void main(String[] args) {
    SpringApplication.run(LogicApplication.class, args);
  }
}
