package io.spillover.samples.social.frontend;

import com.sun.net.httpserver.HttpExchange;
import io.spillover.SpillRejectedException;
import io.spillover.samples.social.ServiceException;
import io.spillover.samples.social.frontend.internal.Params;
import io.spillover.samples.social.frontend.internal.PostJson;
import io.spillover.samples.social.internal.Json;
import io.spillover.samples.social.internal.LoopbackHttp;
import io.spillover.samples.social.model.Media;
import io.spillover.samples.social.model.PostType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrk2 API of DeathStarBench's nginx front end (and media-frontend's two routes) on 127.0.0.1,
 * over a {@link SocialFrontend}, so the original wrk2 scripts can drive the port. Missing arguments
 * answer 400 "Incomplete arguments", malformed ones 400 with the reason, service errors the status
 * of their {@link io.spillover.samples.social.ErrorCode}, a call a spillway rejected (overload)
 * 503 with {@link #REJECTED_HEADER}.
 */
public final class FrontendHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontendHttpServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  /** Largest accepted request body (media uploads included). */
  public static final int MAX_BODY_BYTES = 4 << 20;
  /**
   * The header of a 503 answered because a spillway rejected a call (the VM is overloaded and
   * could neither run nor spill it): the rejection's reason.
   */
  public static final String REJECTED_HEADER = "X-Spillover-Rejected";

  private static final Set<String> POST_ONLY = Set.of("/wrk2-api/user/register", "/wrk2-api/user/follow",
      "/wrk2-api/user/unfollow", "/wrk2-api/post/compose", "/upload-media");

  private final SocialFrontend frontend;
  private final LoopbackHttp.Server server;

  private FrontendHttpServer(SocialFrontend frontend, int port, int threads) {
    this.frontend = Objects.requireNonNull(frontend, "frontend");
    this.server = LoopbackHttp.start("frontend-http", port, threads, this::handle);
  }

  /** Serves {@code frontend} on {@code port} (0 = any free port) with {@code threads} workers. */
  public static FrontendHttpServer start(SocialFrontend frontend, int port, int threads) {
    return new FrontendHttpServer(frontend, port, threads);
  }

  /** The base URI, e.g. {@code http://127.0.0.1:41234/}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    try {
      if (POST_ONLY.contains(path) && !"POST".equals(method)) {
        text(exchange, 405, "Use POST for " + path);
        return;
      }
      switch (path) {
        case "/wrk2-api/user/register" -> register(exchange);
        case "/wrk2-api/user/follow" -> follow(exchange, true);
        case "/wrk2-api/user/unfollow" -> follow(exchange, false);
        case "/wrk2-api/post/compose" -> compose(exchange);
        case "/wrk2-api/home-timeline/read" -> timeline(exchange, true);
        case "/wrk2-api/user-timeline/read" -> timeline(exchange, false);
        case "/upload-media" -> uploadMedia(exchange);
        case "/get-media" -> getMedia(exchange);
        default -> text(exchange, 404, "Not found: " + path);
      }
    } catch (ServiceException e) {
      text(exchange, e.code().httpStatus(), e.getMessage());
    } catch (RuntimeException e) {
      SpillRejectedException rejected = rejection(e);
      if (rejected != null) {
        // overload, not a fault: the caller may try again later (or another VM)
        exchange.getResponseHeaders().set(REJECTED_HEADER, rejected.reason().name());
        text(exchange, 503, rejected.getMessage());
        return;
      }
      LOG.error("front-end request {} {} failed", method, path, e);
      text(exchange, 500, e.toString());
    }
  }

  /** The spillway's rejection {@code e} is or was caused by, or null. */
  private static SpillRejectedException rejection(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SpillRejectedException r) {
        return r;
      }
    }
    return null;
  }

  private void register(HttpExchange exchange) throws IOException {
    Params p = form(exchange);
    String username = p.text("username");
    frontend.registerUser(p.text("first_name"), p.text("last_name"), username, p.text("password"),
        p.longValue("user_id"));
    text(exchange, 200, "Success! User " + username + " is registered");
  }

  private void follow(HttpExchange exchange, boolean follow) throws IOException {
    Params p = form(exchange);
    if (p.has("user_id") && p.has("followee_id")) {
      long user = p.longValue("user_id");
      long followee = p.longValue("followee_id");
      if (follow) {
        frontend.follow(user, followee);
      } else {
        frontend.unfollow(user, followee);
      }
    } else if (p.has("user_name") && p.has("followee_name")) {
      String user = p.text("user_name");
      String followee = p.text("followee_name");
      if (follow) {
        frontend.follow(user, followee);
      } else {
        frontend.unfollow(user, followee);
      }
    } else {
      throw ServiceException.badRequest(Params.INCOMPLETE);
    }
    text(exchange, 200, "Success!");
  }

  private void compose(HttpExchange exchange) throws IOException {
    Params p = form(exchange);
    String username = p.text("username");
    long userId = p.longValue("user_id");
    String text = p.text("text");
    PostType type = PostType.ofNumber(p.intValue("post_type"));
    boolean withMedia = p.has("media_ids") && p.has("media_types");
    frontend.composePost(username, userId, text, withMedia ? p.jsonLongs("media_ids") : null,
        withMedia ? p.jsonStrings("media_types") : null, type);
    text(exchange, 200, "Successfully upload post");
  }

  private void timeline(HttpExchange exchange, boolean home) throws IOException {
    Params p = Params.parse(exchange.getRequestURI().getRawQuery());
    long userId = p.longValue("user_id");
    int start = p.intValue("start");
    int stop = p.intValue("stop");
    var posts = home ? frontend.readHomeTimeline(userId, start, stop) : frontend.readUserTimeline(userId, start, stop);
    LoopbackHttp.respond(exchange, 200, "application/json", PostJson.render(posts));
  }

  private void uploadMedia(HttpExchange exchange) throws IOException {
    Params p = Params.parse(exchange.getRequestURI().getRawQuery());
    Media media = frontend.uploadMedia(p.text("media_type"), LoopbackHttp.body(exchange, MAX_BODY_BYTES));
    byte[] body = Json.MAPPER.writeValueAsBytes(
        Map.of("media_id", Long.toString(media.mediaId()), "media_type", media.mediaType()));
    LoopbackHttp.respond(exchange, 200, "application/json", body);
  }

  private void getMedia(HttpExchange exchange) throws IOException {
    String filename = Params.parse(exchange.getRequestURI().getRawQuery()).text("filename");
    Optional<byte[]> blob = frontend.getMedia(filename);
    if (blob.isEmpty()) {
      throw ServiceException.notFound("no media " + filename);
    }
    String ext = filename.substring(filename.lastIndexOf('.') + 1);
    LoopbackHttp.respond(exchange, 200, "image/" + ext, blob.get());
  }

  private static Params form(HttpExchange exchange) throws IOException {
    return Params.parse(new String(LoopbackHttp.body(exchange, MAX_BODY_BYTES), StandardCharsets.UTF_8));
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    LoopbackHttp.respond(exchange, status, TEXT, message.getBytes(StandardCharsets.UTF_8));
  }
}
