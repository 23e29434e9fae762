package io.restorecheck.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.restorecheck.load.LoadParameters;
import io.restorecheck.load.PageFeeder;
import io.restorecheck.load.RampGuard;
import io.restorecheck.load.RampPlan;
import java.time.Duration;
import java.util.List;

/**
 * How much the site can take: the same browsing as {@link WikiBrowse}, but the arrival rate rises in steps from
 * arrival-rate to max-rate. Each step's requests carry the step in their name; the ramp stops at the first step
 * whose p95 or error ratio broke its ceiling. The highest step that held is the site's capacity.
 */
public class CapacityRamp extends Simulation {
    private final LoadParameters load = LoadParameters.current();
    private final RampGuard guard = new RampGuard(load.maxP95().toMillis(), load.maxErrorRatio());

    private final HttpProtocolBuilder site = http.baseUrl(load.baseUrlText())
            .acceptHeader("text/html")
            .userAgentHeader("restorecheck CapacityRamp")
            .disableWarmUp()
            .disableCaching()
            .shareConnections();

    private ChainBuilder viewAPageAt(int step, double rate) {
        return exec(stopLoadGeneratorIf(
                        session -> "capacity reached: " + guard.brokenBefore(step).orElse(""),
                        session -> guard.brokenBefore(step).isPresent()))
                .feed(PageFeeder.of(load))
                .exec(http(session -> RampPlan.requestName(step, rate, session.getString("request")))
                        .get("#{path}")
                        .check(status().is(200), responseTimeInMillis().saveAs("responseMs")))
                .exec(session -> {
                    guard.record(step, session.contains("responseMs") ? session.getLong("responseMs")
                            : Long.MAX_VALUE, !session.isFailed());
                    return session;
                });
    }

    {
        List<Double> rates = load.rampRatesPerSec();
        Duration stepDuration = load.rampStepDuration();
        PopulationBuilder ramp = null;
        for (int i = rates.size(); i >= 1; i--) {
            double rate = rates.get(i - 1);
            PopulationBuilder step = scenario("step " + i + " at " + rate + "/s")
                    .exec(viewAPageAt(i, rate))
                    .injectOpen(constantUsersPerSec(rate).during(stepDuration));
            ramp = ramp == null ? step : step.andThen(ramp);
        }
        setUp(ramp)
                .protocols(site)
                .maxDuration(stepDuration.multipliedBy(rates.size()).plus(Duration.ofSeconds(30)));
    }
}
