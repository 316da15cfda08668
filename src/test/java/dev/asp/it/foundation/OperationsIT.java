package dev.asp.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.AspServer;
import dev.asp.it.support.Reply;

/** Spec 9: health, metrics and the OpenAPI document with its UI. */
class OperationsIT {

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    @Test
    void readyIsUpWithTheDatabaseCheck() {
        Reply reply = AspServer.get("/health/ready");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject health = reply.json();
        assertEquals("UP", health.getString("status"));
        JsonObject database = check(health, "database");
        assertEquals("UP", database.getString("status"));

        // The suite runs on PostgreSQL when ASP_DB_URL names it (the server inherits the build's environment).
        String url = System.getenv().getOrDefault("ASP_DB_URL", "");
        String expected = url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        assertEquals(expected, database.getJsonObject("data").getString("product"), health::toString);
    }

    @Test
    void liveIsUp() {
        Reply reply = AspServer.get("/health/live");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject health = reply.json();
        assertEquals("UP", health.getString("status"));
        assertEquals("UP", check(health, "heap").getString("status"));
    }

    @Test
    void overallHealthIsUp() {
        Reply reply = AspServer.get("/health");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.json().getString("status"));
    }

    @Test
    void metricsAnswerInPrometheusText() {
        Reply reply = AspServer.get("/metrics");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/plain", reply.mediaType());
        assertTrue(reply.body().contains("# TYPE "), reply::toString);
        assertTrue(reply.body().contains("jvm_") || reply.body().contains("base_"), "JVM metrics are there");
    }

    @Test
    void perRequestTimersAreLeftOutOfTheMetricsByDefault() {
        assertEquals(200, AspServer.get("/.well-known/asp-configuration").status());
        String metrics = AspServer.get("/metrics").body();
        assertTrue(metrics.contains("connectionpool_") && metrics.contains("threadpool_"), "ASP_MONITOR_FILTER's components report");
        assertFalse(metrics.contains("http_server_request_duration"), "no per-request HTTP timers by default");
        assertFalse(metrics.contains("REST_request"), "no per-request REST timers by default");
    }

    @Test
    void schemaMigrationsStartWithoutErrorsInTheLog() throws Exception {
        String log = Files.readString(AspServer.serverDir().resolve("logs/messages.log"));
        assertTrue(log.contains("org.flywaydb"), "Flyway logged its migration");
        assertFalse(log.lines().anyMatch(l -> l.contains("org.flywaydb") && l.matches("^\\[[^]]*\\] \\S+ \\S+\\s+E .*")),
                "Flyway logged an error at start");
    }

    @Test
    void openApiDocumentsTheServicesEndpoints() {
        Reply yaml = AspServer.get("/openapi");
        assertEquals(200, yaml.status(), yaml::toString);
        assertTrue(yaml.body().lines().anyMatch(l -> l.startsWith("openapi: 3")), yaml::toString);

        Reply reply = AspServer.get("/openapi?format=JSON");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject document = reply.json();
        assertEquals("Agent Session Protocol (ASP) 1.0", document.getJsonObject("info").getString("title"));
        JsonObject paths = document.getJsonObject("paths");
        for (String path : List.of("/.well-known/asp-configuration", "/.well-known/jwks.json")) {
            assertTrue(paths.getJsonObject(path).containsKey("get"), path);
        }
        JsonObject rotate = paths.getJsonObject("/v1/asp/admin/service-keys/rotate").getJsonObject("post");
        assertTrue(rotate.getJsonObject("responses").keySet().containsAll(List.of("200", "401")), rotate::toString);
        assertEquals(List.of("operatorToken"), List.copyOf(rotate.getJsonArray("security").getJsonObject(0).keySet()));
        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("operatorToken");
        assertEquals("http", scheme.getString("type"));
        assertEquals("bearer", scheme.getString("scheme"));
    }

    @Test
    void openApiUiAnswers() {
        Reply reply = AspServer.get("/openapi/ui/");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/html", reply.mediaType());
        Reply withoutSlash = AspServer.get("/openapi/ui");
        assertTrue(withoutSlash.status() == 200 || withoutSlash.status() / 100 == 3, withoutSlash::toString);
    }
}
