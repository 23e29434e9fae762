package io.restorecheck.pages;

/**
 * A page as the database lists it.
 *
 * @param recent whether it is one of the most recently edited pages (checked whatever the sample)
 */
record ListedPage(String title, String text, boolean recent) {
}
