/** The picocli commands and the one place where outcomes and exceptions become exit codes (DESIGN §2). */
package io.restorecheck.cli;
