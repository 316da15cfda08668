package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.asp.application.identity.ScimProvisioning;
import dev.asp.domain.shared.DomainException;

class ScimErrorsTest {
    static ScimException scim(RuntimeException e) {
        return (ScimException) ScimErrors.translate(e);
    }

    @Test
    void domainRefusalsBecomeScimErrors() {
        ScimException malformed = scim(DomainException.malformed("the JWK holds private key material (\"d\")"));
        assertEquals(400, malformed.status());
        assertEquals("invalidValue", malformed.scimType());
        assertEquals("the JWK holds private key material (\"d\")", malformed.getMessage());

        ScimException taken = scim(DomainException.conflict("the organization already has an agent named \"a\""));
        assertEquals(409, taken.status());
        assertEquals("uniqueness", taken.scimType());

        ScimException missing = scim(DomainException.notFound("agent agt_x"));
        assertEquals(404, missing.status());
        assertNull(missing.scimType());
    }

    @Test
    void aVersionMismatchIsPreconditionFailed() {
        assertEquals(412, scim(new ScimProvisioning.VersionMismatch()).status());
    }

    @Test
    void aUniqueViolationAtCommitIsUniqueness() {
        RuntimeException commit = new IllegalStateException("rolled back", new RuntimeException(new SQLException("dup", "23505")));
        assertEquals("uniqueness", scim(commit).scimType());
    }

    @Test
    void anythingElsePassesThroughToTheIncidentMapper() {
        RuntimeException other = new IllegalStateException("boom");
        assertSame(other, ScimErrors.translate(other));
    }

    @Test
    void theErrorBodyFollowsRfc7644() {
        var body = ScimException.invalidFilter("bad").toJson();
        assertEquals(ScimSchemas.ERROR, body.getJsonArray("schemas").getString(0));
        assertEquals("400", body.getString("status"));
        assertEquals("invalidFilter", body.getString("scimType"));
        assertEquals("bad", body.getString("detail"));
    }
}
