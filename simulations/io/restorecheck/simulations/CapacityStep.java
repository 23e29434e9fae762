package io.restorecheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.PageFeeder;
import io.restorecheck.load.ProbeGuard;
import java.time.Duration;

/**
 * One probe of the capacity search: the same visits as {@link WikiBrowse} at one fixed arrival rate (open model)
 * for the settle plus the measured step; requests are named by phase ("settle at 200/s", "probe at 200/s"). The
 * probe stops as soon as its guard sees it broke badly, so a dying site is not buried under queued requests.
 */
public class CapacityStep extends Simulation {
    private final LoadParameters load = LoadParameters.current();
    private final ProbeGuard guard = ProbeGuard.current();

    private final HttpProtocolBuilder site = http.baseUrl(load.baseUrlText())
            .acceptHeader("text/html")
            .userAgentHeader("restorecheck CapacityStep")
            .disableWarmUp()
            .disableCaching()
            .shareConnections();

    private final ChainBuilder visit = exec(stopLoadGeneratorIf(
                    session -> "capacity probe broke: " + guard.brokenBadly().orElse(""),
                    session -> guard.brokenBadly().isPresent()))
            .feed(PageFeeder.of(load))
            .exec(session -> session.set("phase", guard.start()))
            .exec(http("#{phase}").get("#{path}").check(status().is(200), responseTimeInMillis().saveAs("responseMs")))
            .exec(session -> {
                guard.finished(session.getString("phase"), session.contains("responseMs")
                        ? session.getLong("responseMs") : Long.MAX_VALUE, !session.isFailed());
                return session;
            });

    {
        // Stragglers get twice the p95 ceiling (2 to 10 s) after the last arrival; later answers count as missing.
        Duration tail = ProbeGuard.drain(load.maxP95());
        setUp(scenario("capacity probe at " + guard.ratePerSec() + "/s").exec(visit)
                .injectOpen(constantUsersPerSec(guard.ratePerSec()).during(load.duration())))
                .protocols(site)
                .maxDuration(load.duration().plus(tail));
    }
}
