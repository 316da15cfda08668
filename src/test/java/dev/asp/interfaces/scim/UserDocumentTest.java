package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.asp.application.identity.ScimProvisioning.Desired;

class UserDocumentTest {
    static Desired read(String json) {
        return UserDocument.read(UserDocument.parse(json));
    }

    static String refused(String json) {
        return assertThrows(ScimException.class, () -> read(json)).scimType();
    }

    @Test
    void readsTheUserAndTheExtensionWithCaseInsensitiveNames() {
        Desired d = read("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:asp:1.0:Agent"],
                 "USERNAME":"broker","externalId":"00u1","Active":false,
                 "urn:ietf:params:scim:schemas:extension:asp:1.0:agent":{"Capabilities":["a.b"],"regions":["eu"],"publicKeys":[{"kty":"OKP"}]}}
                """);
        assertEquals("broker", d.userName());
        assertEquals("00u1", d.externalId());
        assertEquals(Boolean.FALSE, d.active());
        assertEquals(List.of("a.b"), d.capabilities());
        assertEquals(List.of("eu"), d.regions());
        assertEquals(List.of(), d.protocols());
        assertEquals(1, d.publicKeys().size());
    }

    @Test
    void attributesOfOtherSchemasAreIgnored() {
        Desired d = read("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"broker","name":{"givenName":"B"},"emails":[{"value":"b@example.com","primary":true}],"displayName":"B",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"id":"agt_ignored"}
                """);
        assertEquals("broker", d.userName());
        assertNull(d.active());
        assertNull(d.externalId());
    }

    @Test
    void typesAreStrict() {
        assertEquals("invalidValue", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"b\",\"active\":\"false\"}"));
        assertEquals("invalidValue", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":7}"));
        assertEquals("invalidValue", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\" \"}"));
        assertEquals("invalidValue", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"b\","
                + "\"urn:ietf:params:scim:schemas:extension:asp:1.0:Agent\":{\"capabilities\":\"a.b\"}}"));
        assertEquals("invalidValue", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"b\","
                + "\"urn:ietf:params:scim:schemas:extension:asp:1.0:Agent\":{\"publicKeys\":[\"key\"]}}"));
    }

    @Test
    void bodiesThatAreNotAUserAreInvalidSyntax() {
        assertEquals("invalidSyntax", refused("{\"userName\":\"b\"}"));
        assertEquals("invalidSyntax", refused("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"userName\":\"b\"}"));
        assertEquals("invalidSyntax", refused("{\"schemas\":"));
        assertEquals("invalidSyntax", refused("[1]"));
        assertEquals("invalidSyntax", refused(""));
    }

    @Test
    void etagsAreWeakVersions() {
        assertEquals("W/\"12\"", UserDocument.etag(12));
    }
}
