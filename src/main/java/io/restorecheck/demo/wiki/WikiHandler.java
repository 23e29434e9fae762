package io.restorecheck.demo.wiki;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes HTTP requests to the {@link PageService} and writes its responses; failures become 500 pages. */
final class WikiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WikiHandler.class);
    static final String PING_PATH = "/static/ping";
    static final String HEALTH_PATH = "/_health";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final byte[] PONG = "pong\n".getBytes(StandardCharsets.UTF_8);

    private final PageService pages;

    WikiHandler(PageService pages) {
        this.pages = pages;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (PING_PATH.equals(path)) {
                // Touches neither database nor cache: the baseline the load tools are compared on.
                send(exchange, 200, "text/plain; charset=utf-8", PONG, null);
                return;
            }
            PageService.Response response;
            try {
                response = route(exchange, path);
            } catch (Exception e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = PageService.Response.html(500, Html.error(500, "Internal Server Error", e), null);
            }
            send(exchange, response.status(), response.contentType(),
                    response.body().getBytes(StandardCharsets.UTF_8), response.cache());
        } catch (IOException e) {
            LOG.debug("client went away during {}", exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    private PageService.Response route(HttpExchange exchange, String path) throws Exception {
        String method = exchange.getRequestMethod();
        if (HEALTH_PATH.equals(path)) {
            return pages.health();
        }
        if (path.equals("/") || path.equals("/favicon.ico")) {
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/Main_Page");
                return PageService.Response.text(302, "see /Main_Page\n");
            }
            return PageService.Response.text(404, "no favicon\n");
        }
        String title = Titles.fromPath(path);
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String action = query.getOrDefault("action", "view");
        if (method.equals("GET")) {
            if (Titles.name(title).equals("recent changes") && action.equals("view")) {
                return pages.recentChanges();
            }
            return switch (action) {
                case "view" -> pages.view(title);
                case "raw" -> pages.raw(title);
                case "edit" -> pages.editForm(title);
                default -> PageService.Response.text(400, "unknown action '" + action + "'\n");
            };
        }
        if (method.equals("POST") && action.equals("edit")) {
            String body = body(exchange);
            if (body == null) {
                return PageService.Response.text(413, "an edit is at most " + MAX_BODY_BYTES + " bytes\n");
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Map<String, String> fields = contentType != null
                    && contentType.startsWith("application/x-www-form-urlencoded") ? form(body) : Map.of();
            String text = fields.getOrDefault("text", body);
            String user = fields.getOrDefault("user", query.getOrDefault("user", "anonymous"));
            String comment = fields.getOrDefault("comment", query.get("comment"));
            String ip = exchange.getRemoteAddress().getAddress().getHostAddress();
            return pages.edit(title, text, user.isBlank() ? "anonymous" : user, comment, ip);
        }
        exchange.getResponseHeaders().set("Allow", "GET, POST");
        return PageService.Response.text(405, method + " is not supported here; GET a page or POST ?action=edit\n");
    }

    /** The request body as UTF-8, or null when it exceeds the limit. */
    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String cache)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (cache != null) {
            exchange.getResponseHeaders().set("X-Cache", cache);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
