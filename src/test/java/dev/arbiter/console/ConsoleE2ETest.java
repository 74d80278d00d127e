package dev.arbiter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.arbiter.common.TestClock;
import dev.arbiter.context.TestInventory;
import dev.arbiter.security.Roles;
import dev.arbiter.security.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium against the running service. Sign in
 * as an approver and approve; try to approve one's own submission and see the four-eyes refusal; watch the inbox
 * refresh when another approver acts; as an auditor search, open a decision and export; sign in through the identity
 * provider ({@link TestIdentityProvider}, configured for the whole class) and out again. Each page is saved as a
 * screenshot under {@code target/e2e-screenshots/}. Runs with {@code -Pe2e}.
 */
@QuarkusTest
@TestProfile(IdentityProviderProfile.class)
class ConsoleE2ETest {

    private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static WebDriver browser;
    private static Path profile;

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    TestInventory inventory;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("arbiter-e2e-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(setting("e2e.chromium", "E2E_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(setting("e2e.chromedriver", "E2E_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void fresh() {
        clock.reset();
        inventory.seedStarterInventory();
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    /** Leaves the page first, so nothing keeps polling, then forgets the session. */
    @AfterEach
    void signOut() {
        browser.get("about:blank");
        browser.manage().deleteAllCookies();
    }

    @Test
    void approverSignsInApprovesAndSeesTheStateChange() {
        String submitter = ConsoleUsers.create("e2e-sub", Roles.INGEST);
        JsonPath decision = ConsoleAlerts.beacon(clock, submitter, "E2E beacon to approve", "e2e-approve-01");
        String approval = ConsoleAlerts.approvalOf(decision, "block-ip");
        String approver = ConsoleUsers.create("e2e-approver", Roles.APPROVER);

        signIn(approver);
        screenshot("01-home-approver");
        browser.findElement(By.linkText("Approvals")).click();
        WebElement card = waitFor(By.id("approval-" + approval));
        assertThat(card.getText()).contains("block-ip").contains("ip:203.0.113.9").contains("E2E beacon to approve")
                .contains("known bad").contains("Known-bad IP address raises risk").contains("approval-block-ip")
                .contains("none yet").contains("left");
        screenshot("02-inbox");

        card.findElement(By.id("comment-" + approval)).sendKeys("Perimeter block is fine");
        card.findElement(By.cssSelector("form.vote-approve button[type=submit]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("vote-result"), "Approved: your vote is recorded"));
        WebElement approved = waitFor(By.cssSelector("#approval-" + approval + " [data-status]"));
        assertThat(approved.getAttribute("data-status")).isEqualTo("approved");
        assertThat(browser.findElement(By.id("approval-" + approval)).getText()).contains("Perimeter block is fine");
        screenshot("03-inbox-approved");

        browser.get(url("/console/decisions/" + decision.getString("id")));
        WebElement blockStatus = waitFor(By.cssSelector("[data-action='block-ip']"));
        // block-ip has no responder in the tests: approved, it is settled as no-responder in the same transaction
        assertThat(blockStatus.getText()).isEqualTo("no-responder");
        screenshot("04-decision-after-approval");
    }

    @Test
    void submitterWhoIsAnApproverIsRefusedWithTheFourEyesReason() {
        String self = ConsoleUsers.create("e2e-self", Roles.INGEST, Roles.APPROVER);
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, self, "E2E own beacon", "e2e-own-01"), "block-ip");

        signIn(self);
        browser.get(url("/console/approvals"));
        WebElement card = waitFor(By.id("approval-" + approval));
        assertThat(card.getText()).contains("You submitted the alert behind this action");
        card.findElement(By.cssSelector("form.vote-approve button[type=submit]")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("vote-result"), "Your vote was refused"));
        assertThat(browser.findElement(By.id("vote-result")).getText())
                .contains("You submitted the alert this action was decided for").contains("Four-eyes");
        assertThat(browser.findElement(By.cssSelector("#approval-" + approval + " [data-role=approval-status]")).getText())
                .isEqualTo("pending");
        screenshot("05-inbox-four-eyes-refusal");
    }

    @Test
    void inboxRefreshesWithoutReloadWhenAnotherApproverActs() {
        String submitter = ConsoleUsers.create("e2e-poll-sub", Roles.INGEST);
        String approval = ConsoleAlerts.approvalOf(ConsoleAlerts.beacon(clock, submitter, "E2E refreshed beacon", "e2e-poll-01"), "block-ip");
        signIn(ConsoleUsers.create("e2e-watcher", Roles.APPROVER));
        browser.get(url("/console/approvals"));
        waitFor(By.id("approval-" + approval));
        js().executeScript("window.__sameDocument = 'yes';");

        RestAssured.given().auth().oauth2(Tokens.withRoles("e2e-other-approver", Roles.APPROVER)).contentType(ContentType.JSON)
                .body(Map.of("comment", "done elsewhere")).when().post("/api/v1/approvals/" + approval + "/approve")
                .then().statusCode(200);

        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("approval-" + approval)));
        assertThat(js().executeScript("return window.__sameDocument;")).isEqualTo("yes");
    }

    @Test
    void auditorSearchesOpensADecisionAndExports() {
        String submitter = ConsoleUsers.create("e2e-audited", Roles.INGEST);
        String id = ConsoleAlerts.beacon(clock, submitter, "E2E audited beacon", "e2e-audit-01").getString("id");
        String auditor = ConsoleUsers.create("e2e-auditor", Roles.AUDITOR);

        signInWithTheKeyboard(auditor);
        assertThat(browser.findElements(By.linkText("Approvals"))).as("an auditor has no inbox").isEmpty();
        browser.findElement(By.linkText("Decision log")).click();
        waitFor(By.id("decision-table"));
        browser.findElement(By.id("principal")).sendKeys(submitter);
        new Select(browser.findElement(By.id("priority"))).selectByVisibleText(
                RestAssured.given().auth().oauth2(Tokens.withRoles("e2e-reader", Roles.AUDITOR)).when()
                        .get("/api/v1/decisions/" + id).then().extract().path("priority"));
        browser.findElement(By.id("action")).sendKeys("block-ip");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        WebElement link = waitFor(By.cssSelector("a[href='/console/decisions/" + id + "']"));
        assertThat(browser.findElements(By.cssSelector("#decision-table tbody tr"))).hasSize(1);
        waitFor(By.cssSelector("#audit-export span, #audit-export a"));
        screenshot("06-decision-log-search");

        String exportHref = browser.findElement(By.id("export-csv")).getAttribute("href");
        assertThat(exportHref).contains("principal=" + submitter).contains("action=block-ip");
        Object csv = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('failed: ' + e));", exportHref);
        assertThat((String) csv).startsWith("decisionId,decidedAt").contains(id).contains("E2E audited beacon");
        assertThat(((String) csv).strip().split("\n")).hasSize(2);

        link.click();
        waitFor(By.id("recorded-events"));
        wait(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-verification"), "Checking")));
        wait(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("chain-history"), "Loading")));
        assertThat(browser.findElement(By.id("recorded-events")).getText()).contains("decision.made").contains("approval.requested");
        // on a server without the audit chain feature the page says so; with it, the chain table and its verification
        String history = browser.findElement(By.id("chain-history")).getText();
        assertThat(history).satisfiesAnyOf(
                text -> assertThat(text).contains("not available on this server yet"),
                text -> assertThat(browser.findElements(By.id("chain-table"))).isNotEmpty());
        screenshot("07-decision-page");
    }

    @Test
    void overviewAndRulesetsRender() {
        String submitter = ConsoleUsers.create("e2e-ov-sub", Roles.INGEST);
        ConsoleAlerts.beacon(clock, submitter, "E2E overview beacon", "e2e-ov-01");
        signIn(ConsoleUsers.create("e2e-lead", Roles.AUDITOR, Roles.RULE_AUTHOR));
        browser.get(url("/console/overview"));
        waitFor(By.id("chart-decisions"));
        wait(driver -> Boolean.TRUE.equals(js().executeScript("return !!(window.Chart && Chart.getChart('chart-decisions'));")));
        assertThat(Long.parseLong(browser.findElement(By.id("fig-decisions")).getText())).isPositive();
        screenshot("08-overview");

        browser.get(url("/console/rulesets"));
        wait(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("ruleset-versions"), "Loading")));
        assertThat(browser.findElement(By.id("loaded-version")).getText()).startsWith("sha256:");
        String version = browser.findElement(By.id("loaded-version")).getText();
        browser.findElement(By.id("replay-version")).sendKeys(version);
        browser.findElement(By.cssSelector("#replay-form button[type=submit]")).click();
        wait(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-result"), "Replaying")));
        assertThat(browser.findElement(By.id("replay-result")).getText()).isNotBlank();
        screenshot("09-rulesets");
    }

    @Test
    void pagesFitAPhoneWidth() {
        signIn(ConsoleUsers.create("e2e-phone", Roles.APPROVER, Roles.AUDITOR));
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/console/approvals", "/console/decisions", "/console/overview")) {
            browser.get(url(page));
            waitFor(By.id("main"));
            Long overflow = (Long) js().executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("horizontal overflow of " + page).isLessThanOrEqualTo(0L);
            screenshot("10-phone" + page.replace('/', '-'));
        }
    }

    @Test
    void personSignsInThroughTheIdentityProviderAndOut() {
        browser.get(url("/console/login"));
        WebElement sso = waitFor(By.id("sso"));
        assertThat(sso.getText()).isEqualTo("Sign in with " + TestIdentityProvider.NAME);
        sso.click();
        waitFor(By.id("username")).sendKeys("ida");
        screenshot("11-idp-login");
        browser.findElement(By.id("idp-sign-in")).click();
        wait(ExpectedConditions.urlMatches(".*/console/?$"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("ida@example.test").contains("approver");
        assertThat(browser.findElements(By.linkText("Approvals"))).hasSize(1);
        assertThat(browser.findElements(By.linkText("Rulesets"))).isEmpty();
        screenshot("12-home-idp-user");

        browser.findElement(By.cssSelector("form.signout button")).click();
        wait(ExpectedConditions.urlContains("/console/login?signedOut=true"));
        screenshot("13-signed-out-idp-user");
        assertThat(browser.manage().getCookieNamed("arbiter-session")).isNull();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private void signIn(String username) {
        browser.get(url("/console/login"));
        waitFor(By.id("j_username")).sendKeys(username);
        browser.findElement(By.id("j_password")).sendKeys(ConsoleUsers.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.urlMatches(".*/console/?$"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains(username);
    }

    /** Signs in as a keyboard user would: the name field has focus, Tab to the password, Enter submits. */
    private void signInWithTheKeyboard(String username) {
        browser.get(url("/console/login"));
        waitFor(By.id("j_username"));
        screenshot("00-login");
        browser.switchTo().activeElement().sendKeys(username + Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("j_password");
        browser.switchTo().activeElement().sendKeys(ConsoleUsers.PASSWORD + Keys.ENTER);
        wait(ExpectedConditions.urlMatches(".*/console/?$"));
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition::apply);
    }

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String setting(String property, String env, String otherwise) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? otherwise : value;
    }
}
