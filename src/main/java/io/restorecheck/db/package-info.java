/**
 * Every connection the harness opens to the site's database (and to a reference server built from its backup)
 * comes from here, read-only at the driver and in the session. It sits at the bottom with {@code config}: the
 * measurement packages, suites and commands use it; it uses nothing of theirs.
 */
package io.restorecheck.db;
