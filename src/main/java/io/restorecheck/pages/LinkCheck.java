package io.restorecheck.pages;

import java.util.List;

/**
 * The link targets fetched (each once) and what they answered.
 *
 * @param notFetched  targets left out because {@code links.max-targets} was reached
 * @param excluded    links left out by an exclude pattern
 * @param external    links to other sites, not followed
 * @param inspections the checked pages, whose HTML may show the dead links
 */
record LinkCheck(List<Checked> fetched, int notFetched, int excluded, int external, List<Inspection> inspections) {
    /** A target and its answer; it fails on no answer or a status of 400 and up. */
    record Checked(LinkTargets.Target target, Fetched answer) {
        boolean ok() {
            return answer.answered() && answer.status() < 400;
        }
    }

    static LinkCheck off() {
        return new LinkCheck(List.of(), 0, 0, 0, List.of());
    }

    List<Checked> failing() {
        return fetched.stream().filter(c -> !c.ok()).toList();
    }
}
