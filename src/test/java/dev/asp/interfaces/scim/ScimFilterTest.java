package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimFilterTest {
    static final JsonObject ALICE = json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:asp:1.0:Agent"],
             "id":"agt_alice","externalId":"00u1AbC","userName":"Alice.Broker","active":true,
             "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent":{
               "capabilities":["compute.gpu.provision","storage.read"],"regions":["eu-west"],"protocols":["asp/1.0"],
               "publicKeys":[{"kty":"OKP","crv":"Ed25519","x":"abc","kid":"KID1"}]},
             "meta":{"resourceType":"User","created":"2026-01-01T10:00:00Z","lastModified":"2026-03-01T10:00:00.250Z",
                     "location":"https://asp.example/scim/v2/Users/agt_alice","version":"W/\\"3\\""}}
            """);
    static final JsonObject BOB = json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"agt_bob","userName":"bob","active":false,
             "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent":{"capabilities":[],"regions":[],"protocols":["asp/1.0"],"publicKeys":[]},
             "meta":{"resourceType":"User","created":"2026-02-01T10:00:00Z","lastModified":"2026-02-01T10:00:00Z","version":"W/\\"1\\""}}
            """);

    static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static boolean alice(String filter) {
        return ScimFilter.parse(filter).matches(ALICE);
    }

    static boolean bob(String filter) {
        return ScimFilter.parse(filter).matches(BOB);
    }

    @Test
    void userNameEqualityIgnoresCaseAsTheCoreSchemaSays() {
        assertTrue(alice("userName eq \"alice.broker\""));
        assertTrue(alice("USERNAME Eq \"Alice.Broker\""));
        assertFalse(alice("userName eq \"alice\""));
    }

    @Test
    void externalIdAndIdAreCaseExact() {
        assertTrue(alice("externalId eq \"00u1AbC\""));
        assertFalse(alice("externalId eq \"00u1abc\""));
        assertTrue(alice("id eq \"agt_alice\""));
        assertFalse(alice("id eq \"AGT_ALICE\""));
    }

    @Test
    void containsStartsWithEndsWith() {
        assertTrue(alice("userName co \"broker\""));
        assertTrue(alice("userName sw \"ali\""));
        assertTrue(alice("userName ew \".BROKER\""));
        assertFalse(alice("userName sw \"broker\""));
    }

    @Test
    void presentNeedsANonEmptyValue() {
        assertTrue(alice("externalId pr"));
        assertFalse(bob("externalId pr"));
        assertTrue(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities pr"));
        assertFalse(bob("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities pr"));
    }

    @Test
    void booleans() {
        assertTrue(alice("active eq true"));
        assertFalse(bob("active eq true"));
        assertTrue(bob("active ne true"));
    }

    @Test
    void andOrNotAndParenthesesFollowPrecedence() {
        assertTrue(alice("userName sw \"a\" and active eq true"));
        assertFalse(bob("userName sw \"a\" and active eq true"));
        assertTrue(bob("userName eq \"nobody\" or userName eq \"bob\""));
        // and binds tighter than or
        assertTrue(bob("userName eq \"bob\" or userName eq \"x\" and active eq true"));
        assertFalse(bob("(userName eq \"bob\" or userName eq \"x\") and active eq true"));
        assertTrue(bob("not (active eq true)"));
    }

    @Test
    void extensionAttributesByFullUrnOrShortName() {
        assertTrue(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities eq \"storage.read\""));
        assertTrue(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities co \"gpu\""));
        assertFalse(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:capabilities eq \"storage\""));
        assertTrue(alice("regions eq \"eu-west\""));
        assertTrue(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:publicKeys.kid eq \"KID1\""));
        assertTrue(alice("urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:publicKeys[kty eq \"OKP\" and crv eq \"Ed25519\"]"));
        assertTrue(alice("capabilities[value sw \"compute.\"]"));
        assertFalse(bob("capabilities[value sw \"compute.\"]"));
    }

    @Test
    void coreSchemaUrnPrefixIsAccepted() {
        assertTrue(alice("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"alice.broker\""));
    }

    @Test
    void metaTimesCompareAsInstants() {
        assertTrue(alice("meta.lastModified gt \"2026-03-01T10:00:00Z\""));
        assertTrue(alice("meta.lastModified eq \"2026-03-01T11:00:00.250+01:00\""));
        assertFalse(bob("meta.lastModified gt \"2026-03-01T10:00:00Z\""));
        assertTrue(bob("meta.created le \"2026-02-01T10:00:00Z\""));
        assertTrue(alice("meta.version eq \"W/\\\"3\\\"\""));
    }

    @Test
    void eqNullMeansAbsent() {
        assertTrue(bob("externalId eq null"));
        assertFalse(alice("externalId eq null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName xx \"a\"", "userName eq", "userName eq \"a\" and", "(userName eq \"a\"", "userName eq \"a\")",
            "", "   ", "emails eq \"a@example.com\"", "name.middleName eq \"a\"", "name eq \"a\"", "urn:example:other:1.0:Thing:attr eq \"x\"",
            "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent:bogus pr", "active eq \"true\"", "active gt true", "active co true",
            "userName eq 5", "meta.created gt \"yesterday\"", "meta co \"x\"", "publicKeys eq \"x\"", "userName[value eq \"a\"]",
            "publicKeys.bogus eq \"x\"", "capabilities[kind eq \"x\"]"})
    void invalidFiltersAreRefusedBeforeAnyResourceIsCompared(String filter) {
        ScimException e = assertThrows(ScimException.class, () -> ScimFilter.parse(filter));
        assertEquals(400, e.status());
        assertEquals("invalidFilter", e.scimType());
    }

    @Test
    void parserMessagesDoNotLeakItsInternals() {
        ScimException e = assertThrows(ScimException.class, () -> ScimFilter.parse("userName eq"));
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertFalse(e.getMessage().contains("jackson"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
