/**
 * The demo: the whole outage-and-restore story on this machine (primary with WAL archiving, the sample wiki
 * with memcached, base backup, more edits, outage, restore), the faults it can inject, and the sample wiki.
 * {@link io.restorecheck.demo.DemoStory} tells the story; its result, {@link io.restorecheck.demo.DemoStack}, is an
 * immutable description plus the {@link io.restorecheck.demo.RunningStack} that alone starts, restarts and stops the
 * processes. Each fault is a small piece of its own. Measurement packages (and {@code tune}) never import it.
 */
package io.restorecheck.demo;
