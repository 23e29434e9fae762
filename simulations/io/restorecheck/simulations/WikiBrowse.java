package io.restorecheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.PageFeeder;
import java.time.Duration;

/**
 * Readers browsing the wiki: each arriving visitor views one page, popular pages far more often than the rest,
 * and now and then opens Recent Changes. Open model: visitors arrive at the configured rate whatever the site's
 * speed, as real readers do.
 */
public class WikiBrowse extends Simulation {
    private final LoadParameters load = LoadParameters.current();

    private final HttpProtocolBuilder site = http.baseUrl(load.baseUrlText())
            .acceptHeader("text/html")
            .userAgentHeader("restorecheck WikiBrowse")
            .disableWarmUp()
            .disableCaching()
            .shareConnections();

    private final ChainBuilder viewAPage = feed(PageFeeder.of(load))
            .exec(http("#{request}").get("#{path}").check(status().is(200)));

    private final ScenarioBuilder readers = scenario("readers browse the wiki").exec(viewAPage);

    {
        setUp(readers.injectOpen(constantUsersPerSec(load.arrivalRatePerSec()).during(load.duration())))
                .protocols(site)
                .maxDuration(load.duration().plus(Duration.ofSeconds(30)))
                .assertions(
                        global().responseTime().percentile(95.0).lte((int) load.maxP95().toMillis()),
                        global().failedRequests().percent().lte(load.maxErrorRatio() * 100));
    }
}
