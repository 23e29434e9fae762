package io.restorecheck.accept;

import io.restorecheck.config.SiteConfig;
import io.restorecheck.db.ReadOnlyConnections;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run was pointed at, for the Allure report's Environment panel and index.html: the target URL (no
 * user info, query or fragment: those may carry secrets), the restored server's PostgreSQL version and each
 * memcached server's version. Each value is read with a short timeout; one that cannot be read says why.
 */
final class RunEnvironment {
    private static final int TIMEOUT_MS = 2_000;

    private RunEnvironment() {
    }

    static Map<String, String> of(SiteConfig site) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("target", withoutSecrets(site.site().baseUrl()));
        env.put("postgresql", postgresVersion(site));
        site.cache().ifPresent(cache -> {
            for (String server : cache.servers()) {
                env.put("memcached " + server, memcachedVersion(server));
            }
        });
        return env;
    }

    /** Scheme, host, port and path only. */
    static String withoutSecrets(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        }
    }

    private static String postgresVersion(SiteConfig site) {
        try (Connection c = ReadOnlyConnections.open(site.database(), "environment");
             Statement s = c.createStatement()) {
            s.setQueryTimeout(TIMEOUT_MS / 1000);
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** memcached's text protocol answers {@code version} with {@code VERSION x.y.z}. */
    static String memcachedVersion(String server) {
        int colon = server.lastIndexOf(':');
        String host = colon < 0 ? server : server.substring(0, colon);
        int port = colon < 0 ? 11211 : Integer.parseInt(server.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return line != null && line.startsWith("VERSION ") ? line.substring("VERSION ".length()).strip()
                    : "unknown (answered " + line + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
