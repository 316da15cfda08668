package dev.asp.it.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Speaks to the running server as an identity provider would: the operator creates an
 * organization, then everything goes through /scim/v2 with the org's SCIM token.
 */
final class ScimClient {
    static final String BASE = System.getProperty("asp.it.baseUrl", "http://localhost:9080");
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String AGENT = "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** Where the server writes its generated operator token when ASP_OPERATOR_TOKEN is unset. */

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ScimClient() {
    }

    record Reply(int status, HttpResponse<String> raw, JsonValue body) {
        JsonObject json() {
            return body.asJsonObject();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    /** The shared readiness wait: the application answers once /health/ready is UP. */
    static void awaitApplication() {
        dev.asp.it.support.AspServer.awaitReady();
    }

    static synchronized String operatorToken() {
        awaitApplication();
        return dev.asp.it.support.AspServer.operatorToken();
    }

    /** A new organization; answers its SCIM token. */
    static Org newOrg(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply r = send("POST", "/v1/asp/orgs", operatorToken(), Json.createObjectBuilder().add("name", name).add("region", "eu-west")
                .add("verified", false).build().toString(), Map.of("Content-Type", "application/json"));
        assertEquals(201, r.status(), r.raw().body());
        return new Org(r.json().getString("id"), r.json().getString("scimToken"), r.json().getString("adminApiKey"));
    }

    record Org(String id, String scimToken, String adminKey) {
        Reply scim(String method, String path, Object body) {
            return scim(method, path, body, Map.of());
        }

        Reply scim(String method, String path, Object body, Map<String, String> headers) {
            var h = new java.util.HashMap<>(headers);
            if (body != null) {
                h.putIfAbsent("Content-Type", "application/scim+json");
            }
            return send(method, "/scim/v2" + path, scimToken, body == null ? null : body.toString(), h);
        }

        /** POST /Users, asserting 201. */
        JsonObject create(JsonObject user) {
            Reply r = scim("POST", "/Users", user);
            assertEquals(201, r.status(), r.raw().body());
            return r.json();
        }
    }

    static Reply send(String method, String path, String bearer, String body, Map<String, String> headers) {
        awaitApplication();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonValue parsed = JsonValue.NULL;
            if (!r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                try (var reader = Json.createReader(new StringReader(r.body()))) {
                    parsed = reader.readValue();
                }
            }
            return new Reply(r.statusCode(), r, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A User as Okta or Entra ID sends it, with the ASP extension. */
    static JsonObject user(String userName, String externalId, JsonObject... keys) {
        var keyArray = Json.createArrayBuilder();
        Arrays.stream(keys).forEach(keyArray::add);
        return Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(USER).add(AGENT))
                .add("userName", userName)
                .add("externalId", externalId)
                .add("active", true)
                .add("name", Json.createObjectBuilder().add("givenName", "Given").add("familyName", "Family"))
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", userName + "@example.com").add("primary", true)))
                .add(AGENT, Json.createObjectBuilder()
                        .add("capabilities", Json.createArrayBuilder().add("compute.gpu.provision").add("storage.read"))
                        .add("regions", Json.createArrayBuilder().add("eu-west"))
                        .add("protocols", Json.createArrayBuilder().add("asp/1.0"))
                        .add("publicKeys", keyArray))
                .build();
    }

    static JsonObject patch(String operationsJson) {
        try (var reader = Json.createReader(new StringReader(
                "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operationsJson + "}"))) {
            return reader.readObject();
        }
    }

    /** A fresh Ed25519 public JWK; {@code withPrivate} adds its "d", which the server must refuse. */
    static JsonObject ed25519Jwk(boolean withPrivate) {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            var b = Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519").add("x", Base64.getUrlEncoder().withoutPadding().encodeToString(x));
            if (withPrivate) {
                byte[] pkcs8 = pair.getPrivate().getEncoded();
                b.add("d", Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
            return b.build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
