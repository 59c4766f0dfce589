package io.spillover.local.testfn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP application for the {@code app} kind's tests: it listens where the platform says
 * ({@code SERVER_ADDRESS}:{@code PORT}). {@code /echo} answers what it got, {@code /sleep?ms=N}
 * answers after N ms, {@code /exit} ends the JVM mid-request.
 */
public final class TinyHttpApp {
  private TinyHttpApp() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress(
        InetAddress.getByName(System.getenv("SERVER_ADDRESS")), port), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", TinyHttpApp::handle);
    server.start();
  }

  private static void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] in = ex.getRequestBody().readAllBytes();
    String query = ex.getRequestURI().getRawQuery();
    if (path.equals("/exit")) {
      Runtime.getRuntime().halt(1);
    }
    if (path.equals("/sleep")) {
      try {
        Thread.sleep(Long.parseLong(query.substring(query.indexOf('=') + 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String reply = path.equals("/echo") ? ex.getRequestMethod() + " " + path + "?" + query
        + " id=" + ex.getRequestHeaders().getFirst("X-Spillover-Id") + " trace="
        + ex.getRequestHeaders().getFirst("traceparent") + " body="
        + new String(in, StandardCharsets.UTF_8) : "ok";
    byte[] out = reply.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.getResponseHeaders().set("X-App", "tiny");
    ex.sendResponseHeaders(path.equals("/missing") ? 404 : 200, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }
}
