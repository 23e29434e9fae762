package io.restorecheck.inject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What starts a plan's injectors and brings their results folders back: {@link LocalExecutor} (JVMs on this
 * machine) or {@link KubernetesExecutor} (an Indexed Job). Never hangs: {@code deadline} bounds the whole run,
 * and an injector that is not done by then is a failure naming it.
 */
interface InjectorExecutor {
    /** Runs every injector of the plan; one outcome per index, in index order. */
    List<Outcome> run(InjectorPlan plan, Path workDir, Duration deadline);

    /** What one injector left: its results folder, or why there is none. */
    record Outcome(int index, String where, Optional<Path> resultDir, Optional<String> failure) {
        static Outcome done(int index, String where, Path dir) {
            return new Outcome(index, where, Optional.of(dir), Optional.empty());
        }

        static Outcome failed(int index, String where, String why) {
            return new Outcome(index, where, Optional.empty(), Optional.of(why));
        }
    }
}
