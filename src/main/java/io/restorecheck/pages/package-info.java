/**
 * The page checks: a sample of the site's pages from its database, fetched gently (bounded parallelism, a rate
 * cap) and read with jsoup: status and content type, no error markers, the database's title and current text on
 * the page, and internal links that resolve. {@link io.restorecheck.pages.PageSurvey} is the entry point.
 */
package io.restorecheck.pages;
