package io.restorecheck.load.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import io.restorecheck.load.LoadParameters;
import java.time.Duration;

/**
 * The load generator's ceiling, shaped like wrk: a fixed number of connections, each sending the next request as
 * soon as the previous answer arrived (closed model), against one path for the configured duration.
 */
public class PingFlood extends Simulation {
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private final LoadParameters load = LoadParameters.current();

    {
        String path = load.pagePaths().get(0);
        setUp(scenario("flood " + path)
                .during(load.duration()).on(http("ping").get(path))
                .injectOpen(atOnceUsers(CONNECTIONS)))
                .protocols(Boolean.getBoolean("bench.share")
                        ? http.baseUrl(load.baseUrlText()).disableWarmUp().disableCaching().shareConnections()
                        : http.baseUrl(load.baseUrlText()).disableWarmUp().disableCaching())
                .maxDuration(load.duration().plus(Duration.ofSeconds(20)));
    }
}
