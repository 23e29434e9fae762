/**
 * The site configuration (HOCON, DESIGN §4): parsed once, validated, and turned into immutable records.
 * Every error names the key, the file and the line; unknown keys are errors.
 */
package io.restorecheck.config;
