package io.flowforge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium):
 * the demo source end to end, and the form against the live MariaDB with a wrong password first.
 * Screenshots go to {@code target/screenshots/}. Skipped, with the reason, without Chromium.
 */
class BrowserTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static TestServer server;
    private ChromeDriver driver;
    private Path profile;

    /** A program named by a system property ({@code -Dchromium.binary=...}), or else found on the PATH. */
    static Optional<Path> executable(String property, String... names) {
        String given = System.getProperty(property);
        if (given != null) {
            return Files.isExecutable(Path.of(given)) ? Optional.of(Path.of(given)) : Optional.empty();
        }
        for (String name : names) {
            for (String dir : (System.getenv("PATH") + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        // Checked per test (not per class) so that each skipped test is reported with the reason.
        assumeTrue(executable("chromium.binary", "chromium", "chromium-browser").isPresent()
                        && executable("chromedriver.binary", "chromedriver").isPresent(),
                "Chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver; .ci/run does it)");
        if (server == null) {
            server = TestServer.start();
            Files.createDirectories(SCREENSHOTS);
        }
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium.binary", "chromium", "chromium-browser").orElseThrow().toFile());
        // Without the background-networking flags Chromium's own connections are refused by a closed network.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1700", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(executable("chromedriver.binary", "chromedriver").orElseThrow().toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile == null) {
            return;
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void await(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what).until(condition);
    }

    private void screenshot(String name) throws Exception {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> firstSchemaRow() {
        return byId("schema-table").findElements(By.cssSelector("tbody tr")).get(0).findElements(By.tagName("td"))
                .stream().map(WebElement::getText).toList();
    }

    private void runAndAwait(String rows) {
        byId("run-button").click();
        await("the run finishes with " + rows + " rows", d -> byId("result-rows").getText().equals(rows)
                && byId("result-status").getText().equals("success"));
    }

    @Test
    void theDemoSourceWorksWithoutAnyDatabase() throws Exception {
        driver.get(server.server.uri().toString());
        await("the demo source's tables", d -> byId("table-select").isEnabled());
        assertThat(new Select(byId("source-select")).getFirstSelectedOption().getText())
                .isEqualTo("BFSI_Test (embedded H2 demo) (jdbc)");
        new Select(byId("table-select")).selectByValue("dbo.customers");
        await("the schema of dbo.customers", d -> byId("schema-table").isDisplayed()
                && byId("schema-table").findElements(By.cssSelector("tbody tr")).size() == 11);
        assertThat(firstSchemaRow()).containsExactly("customer_id", "INTEGER", "int32", "no", "key");
        assertThat(byId("bronze-table").getAttribute("value")).isEqualTo("bronze_customers");
        screenshot("01-demo-schema.png");

        runAndAwait("500");
        assertThat(byId("result-file").getText()).startsWith(server.lake.toUri().toString() + "bronze/bronze_customers/")
                .endsWith(".parquet");
        await("the recent runs list it", d -> byId("runs-table").findElement(By.cssSelector("tbody tr")).getText()
                .contains("dbo.customers bronze_customers success 500"));
        screenshot("02-demo-loaded.png");
    }

    @Test
    void theFormShowsAWrongPasswordThenLoadsFromMariaDb() throws Exception {
        LiveSource db = LiveSource.mariaDb();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String database = "ff_web_" + suffix;
        String user = "ff_web_" + suffix;
        String password = "Web-S3cret-" + suffix;
        try (Connection c = db.connectOrSkip(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            for (String host : List.of("%", "localhost")) {
                s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL ON " + database + ".* TO '" + user + "'@'" + host + "'");
            }
            s.execute("CREATE TABLE " + database + ".customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, balance DECIMAL(12,2))");
            s.execute("INSERT INTO " + database + ".customers SELECT seq, CONCAT('customer ', seq), seq * 1.5 FROM seq_1_to_120");
        }
        try {
            driver.get(server.server.uri().toString());
            await("the page loaded its sources", d -> new Select(byId("source-select")).getOptions().size() >= 2);
            new Select(byId("source-select")).selectByValue("__new__");
            new Select(byId("type")).selectByValue("mysql");
            assertThat(byId("port").getAttribute("value")).isEqualTo("3306");
            byId("port").clear();
            byId("port").sendKeys(String.valueOf(db.port()));
            byId("host").clear();
            byId("host").sendKeys(db.host());
            byId("database").sendKeys(database);
            byId("username").sendKeys(user);
            byId("password").sendKeys("not-" + password);
            byId("test-connection").click();
            await("the failed test", d -> byId("connection-result").getText().startsWith("✗"));
            assertThat(byId("connection-result").getText()).contains("Could not connect to jdbc:mariadb://" + db.host() + ":"
                    + db.port() + "/" + database + " as user '" + user + "'").contains("Access denied for user '" + user + "'")
                    .contains("(using password: YES)").doesNotContain(password);
            assertThat(byId("connection-result").getAttribute("class")).isEqualTo("bad");
            screenshot("03-mariadb-wrong-password.png");

            byId("password").clear();
            byId("password").sendKeys(password);
            byId("test-connection").click();
            await("the connection works and is saved", d -> byId("connection-result").getText().startsWith("✓ Connected to MariaDB"));
            assertThat(byId("password").getAttribute("value")).as("the password now lives on the server only").isEmpty();
            await("its tables", d -> byId("table-select").isEnabled());
            new Select(byId("table-select")).selectByValue(database + ".customers");
            await("the schema", d -> byId("schema-table").isDisplayed()
                    && byId("schema-table").findElements(By.cssSelector("tbody tr")).size() == 3);
            assertThat(firstSchemaRow()).containsExactly("id", "INT", "int32", "no", "key");
            screenshot("04-mariadb-schema.png");

            runAndAwait("120");
            screenshot("05-mariadb-loaded.png");
            assertThat(driver.getPageSource()).doesNotContain(password);
        } finally {
            try (Connection c = db.admin(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
                s.execute("DROP USER IF EXISTS '" + user + "'@'%', '" + user + "'@'localhost'");
            }
        }
    }
}
