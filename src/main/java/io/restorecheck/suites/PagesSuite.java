package io.restorecheck.suites;

import io.qameta.allure.Allure;
import io.restorecheck.pages.PageSurvey;
import io.restorecheck.pages.PageSurveyResult;
import io.restorecheck.report.CheckResult;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The page checks: the pages answer 200 without error markers ({@code pages.status}), show the database's title
 * and current text ({@code pages.content}), and their internal links resolve ({@code pages.links}). One survey
 * measures all three; each test reports one, with a few failing pages' HTML attached.
 */
@DisplayName("pages")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SuiteContextResolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PagesSuite {
    private SuiteContext ctx;
    private PageSurveyResult survey;

    @BeforeAll
    void measure(SuiteContext context) {
        ctx = context;
        survey = null;
        if (context.site().pages().isPresent()) {
            survey = PageSurvey.run(context.site(), context.progress());
            context.metric("pages", survey.metrics());
        }
    }

    @AfterAll
    void release() {
        // The survey holds page HTML for the report; let it go once the checks are reported.
        survey = null;
    }

    @Test
    @Order(1)
    @DisplayName("pages.status")
    void status() {
        report("pages.status", PageSurveyResult::status);
    }

    @Test
    @Order(2)
    @DisplayName("pages.content")
    void content() {
        report("pages.content", PageSurveyResult::content);
    }

    @Test
    @Order(3)
    @DisplayName("pages.links")
    void links() {
        report("pages.links", PageSurveyResult::links);
    }

    private void report(String id, Function<PageSurveyResult, CheckResult> check) {
        if (survey == null) {
            Checks.report(ctx, CheckResult.skipped(id, "the site config " + ctx.site().source()
                    + " has no pages { list-query = ... } section"));
            return;
        }
        CheckResult result = check.apply(survey);
        if (result.status() != io.restorecheck.report.CheckStatus.PASSED) {
            for (PageSurveyResult.Attachment a : survey.attachments(id)) {
                Allure.addAttachment(a.name(), a.type(), a.content(), a.extension());
            }
        }
        Checks.report(ctx, result);
    }
}
