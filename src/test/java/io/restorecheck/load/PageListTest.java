package io.restorecheck.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restorecheck.config.SiteSection;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageListTest {
    @Test
    void pathsAreRelativeToTheBaseUrlEvenWhenItHasAPath() {
        assertEquals(List.of("/Main_Page", "/Caf%C3%A9_Menu"), PageList.paths(
                new SiteSection(URI.create("http://127.0.0.1:8080"), "/{name}"), List.of("Main Page", "Café Menu")));
        assertEquals(List.of("/index.php?title=Main_Page"), PageList.paths(
                new SiteSection(URI.create("http://127.0.0.1:8080/wiki/"), "/index.php?title={name}"),
                List.of("Main Page")));
    }

    @Test
    void theSampleIsSeededAndBounded() {
        List<String> titles = List.of("a", "b", "c", "d", "e", "f");
        assertEquals(PageList.sample(titles, 3, 1), PageList.sample(List.of("f", "e", "d", "c", "b", "a"), 3, 1));
        assertEquals(3, PageList.sample(titles, 3, 1).size());
        assertEquals(6, PageList.sample(titles, 100, 1).size());
    }
}
