package io.restorecheck.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LinkTargetsTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");

    @Test
    void eachInternalTargetIsKeptOnceWithItsLinkingPages() {
        LinkTargets t = new LinkTargets(BASE, List.of());
        t.add("A", List.of(URI.create("http://127.0.0.1:8080/Oak_Park#history"),
                URI.create("http://127.0.0.1:8080/Oak_Park")));
        t.add("B", List.of(URI.create("http://127.0.0.1:8080/Oak_Park")));
        assertEquals(1, t.targets().size());
        LinkTargets.Target target = t.targets().values().iterator().next();
        assertEquals(List.of("A", "B"), target.from);
        assertEquals(2, target.linkingPages);
        assertEquals("/Oak_Park", target.uri.getPath());
        assertEquals(null, target.uri.getFragment());
    }

    @Test
    void otherHostsPortsAndSchemesAreExternal() {
        LinkTargets t = new LinkTargets(BASE, List.of());
        t.add("A", List.of(URI.create("http://example.org/x"), URI.create("http://127.0.0.1:9090/x"),
                URI.create("https://127.0.0.1:8080/x"), URI.create("mailto:a@b.c")));
        assertTrue(t.targets().isEmpty());
        assertEquals(4, t.external());
    }

    @Test
    void excludePatternsSearchPathAndQuery() {
        LinkTargets t = new LinkTargets(BASE, List.of(Pattern.compile("[?&]action=")));
        t.add("A", List.of(URI.create("http://127.0.0.1:8080/Oak_Park?action=edit"),
                URI.create("http://127.0.0.1:8080/Oak_Park")));
        assertEquals(1, t.targets().size());
        assertEquals(1, t.excluded());
    }

    @Test
    void linksOutsideTheBasePathAreExternal() {
        URI base = URI.create("http://site.example/wiki/");
        assertTrue(LinkTargets.key(URI.create("http://site.example/wiki/Oak"), base).isPresent());
        assertTrue(LinkTargets.key(URI.create("http://site.example/blog/x"), base).isEmpty());
        assertTrue(LinkTargets.key(URI.create("http://SITE.example:80/wiki/Oak"), base).isPresent());
    }
}
