package io.restorecheck.config;

/** How to list the site's pages from its database ({@code title} and {@code text} columns), and how many to check. */
public record PagesSection(String listQuery, int sample) {
}
