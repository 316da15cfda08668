package dev.asp.it.foundation;

import static dev.asp.it.support.Asp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.Asp;
import dev.asp.it.support.AspServer;
import dev.asp.it.support.TestAgent;

/**
 * A refusal is an answer to the client, not an incident of the server: requests refused inside a
 * transaction leave no FFDC file (Liberty writes one for every RuntimeException that leaves its
 * own transaction interceptor, which is why the services use {@code @InTransaction}).
 */
class RefusalsLeaveNoIncidentIT {
    /** The exceptions that carry refusals (4xx problem documents) out of the services. */
    private static final List<String> REFUSALS = List.of("dev.asp.domain.shared.DomainException", "dev.asp.interfaces.scim.ScimException",
            "ScimProvisioning$VersionMismatch", "dev.asp.infrastructure.security.DpopException");

    @Test
    void refusedRegistrationsLeaveNoFfdcIncident() {
        String admin = Asp.newOrg(true).getString("adminApiKey");
        JsonObject withD = Json.createObjectBuilder(new TestAgent().jwk.toJson()).add("d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").build();
        bearer(admin).body(Json.createObjectBuilder().add("name", "leaky-" + UUID.randomUUID()).add("publicKeys", Json.createArrayBuilder().add(withD))
                .build().toString()).post("/v1/asp/registry").then().statusCode(400);
        String name = "twice-" + UUID.randomUUID();
        Asp.register(admin, new TestAgent(), name);
        bearer(admin).body("{\"name\":\"" + name + "\"}").post("/v1/asp/registry").then().statusCode(409);

        // and no refusal of any test that ran before this one on the same server
        assertEquals(List.of(), incidentsNaming(REFUSALS));
    }

    private static List<String> incidentsNaming(List<String> exceptions) {
        Path ffdc = AspServer.serverDir().resolve("logs/ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ffdc)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ffdc_")).filter(f -> {
                try {
                    String text = Files.readString(f);
                    return exceptions.stream().anyMatch(text::contains);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
