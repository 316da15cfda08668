package dev.asp.it.foundation;

import static dev.asp.it.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.AspServer;
import dev.asp.it.support.Reply;

/** Spec 10: the container's own refusals are problem documents too, and reveal no internals. */
class ProblemDocumentsIT {

    @Test
    void unknownPathIsNotFoundProblem() {
        JsonObject problem = assertProblem(AspServer.get("/v1/asp/no-such-resource"), 404, "not-found");
        assertEquals("/v1/asp/no-such-resource", problem.getString("instance"));
    }

    @Test
    void unknownTopLevelPathIsNotFoundProblem() {
        assertProblem(AspServer.get("/no-such-page.html"), 404, "not-found");
    }

    @Test
    void unknownPathAskedForAsHtmlIsStillAProblemDocument() {
        assertProblem(AspServer.get("/v1/asp/nothing", "Accept", "text/html"), 404, "not-found");
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        Reply reply = AspServer.method("DELETE", "/.well-known/asp-configuration");
        assertProblem(reply, 405, "method-not-allowed");
        assertTrue(reply.header("Allow").orElse("").contains("GET"), () -> "Allow names the method that works: " + reply);
    }

    @Test
    void postToAReadOnlyDocumentIsMethodNotAllowedProblem() {
        assertProblem(AspServer.post("/.well-known/jwks.json"), 405, "method-not-allowed");
    }
}
