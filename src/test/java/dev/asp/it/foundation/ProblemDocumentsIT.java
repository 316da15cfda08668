package dev.asp.it.foundation;

import static dev.asp.it.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.asp.it.support.AspServer;
import dev.asp.it.support.RawHttp;
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

    /**
     * What Liberty's web container refuses before JAX-RS sees the request (an encoded '/', '\\' or '#',
     * a byte that is not UTF-8, a dot segment in encoded form) was its HTML page naming its classes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/asp/sessions/%23", "/v1/asp/sessions/%2F", "/v1/asp/orgs/a%5Cb", "/v1/asp/agents/%FF", "/v1/asp/%2e%2e/orgs",
            "/.well-known/%2F"})
    void uriTheContainerRefusesIsAMalformedProblem(String path) {
        JsonObject problem = assertProblem(AspServer.get(path), 400, "malformed");
        assertEquals(path, problem.getString("instance"));
    }

    @Test
    void aMalformedQueryStringIsNotAnInternalError() {
        assertProblem(RawHttp.get("/v1/asp/orgs/org_nothing?a=%zz", AspServer.asOperator()), 404, "not-found");
        assertProblem(RawHttp.get("/v1/asp/sessions/ses_nothing?a=%"), 401, "unauthorized");
    }

    @Test
    void theErrorPageAskedForDirectlyIsAnUnknownPath() {
        assertProblem(AspServer.get("/container-error"), 404, "not-found");
    }

    @Test
    void postToAReadOnlyDocumentIsMethodNotAllowedProblem() {
        assertProblem(AspServer.post("/.well-known/jwks.json"), 405, "method-not-allowed");
    }
}
