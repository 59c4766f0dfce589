package com.example.front;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The front end: answers {@code /api/items/{id}} by calling the logic service. */
@SpringBootApplication
public class FrontApplication {
  public static void main(String[] args) {
    SpringApplication.run(FrontApplication.class, args);
  }
}
