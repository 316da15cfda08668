package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.asp.application.identity.ScimProvisioning.Desired;
import dev.asp.domain.identity.AccountablePeople;

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
    void thePeopleAttributesAreKeptAndOthersIgnored() {
        Desired d = read("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"broker","name":{"givenName":"B"},"emails":[{"value":"b@example.com","primary":true}],"displayName":"B",
                 "title":"ignored","nickName":"ignored",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D","employeeNumber":"ignored",
                 "manager":{"value":"m-1","displayName":"M"}},"id":"agt_ignored"}
                """);
        assertEquals("broker", d.userName());
        assertNull(d.active());
        assertNull(d.externalId());
        assertEquals(new AccountablePeople("B", new AccountablePeople.PersonName("B", null, null),
                List.of(new AccountablePeople.Email("b@example.com", null, true)), null, "R&D", new AccountablePeople.Manager("m-1", null, "M")),
                d.people());
    }

    @Test
    void entraIdsManagerIdAloneIsTheManagersValue() {
        Desired d = read("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"broker",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"m-7"}}
                """);
        assertEquals(new AccountablePeople.Manager("m-7", null, null), d.people().manager());
    }

    @Test
    void peopleAttributesAreTypedStrictly() {
        String user = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"b\",";
        assertEquals("invalidValue", refused(user + "\"displayName\":7}"));
        assertEquals("invalidValue", refused(user + "\"name\":\"B\"}"));
        assertEquals("invalidValue", refused(user + "\"emails\":{\"value\":\"b@example.com\"}}"));
        assertEquals("invalidValue", refused(user + "\"emails\":[{\"value\":\"b@example.com\",\"primary\":\"yes\"}]}"));
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
