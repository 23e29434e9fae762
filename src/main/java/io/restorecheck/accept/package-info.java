/** {@code accept}: the acceptance run of the chosen suites against one site, shared by the demo and the CLI. */
package io.restorecheck.accept;
