/**
 * The verification suites: JUnit 5 classes run through the JUnit Platform Launcher with Allure's listener.
 * Each suite measures once ({@code @BeforeAll}) and then has one small test per check id; a test's display
 * name is its check id, and it hands its {@link io.restorecheck.report.CheckResult} to {@link Checks#report}.
 */
package io.restorecheck.suites;
