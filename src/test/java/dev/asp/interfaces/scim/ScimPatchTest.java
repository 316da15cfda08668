package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.asp.application.identity.ScimProvisioning.Desired;

class ScimPatchTest {
    static final String EXT = ScimSchemas.AGENT;

    static JsonObject patch(String operations) {
        return ScimPatch.apply(ScimFilterTest.ALICE,
                ScimFilterTest.json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}"));
    }

    static Desired desired(String operations) {
        return UserDocument.read(patch(operations));
    }

    static ScimException refused(String operations) {
        return assertThrows(ScimException.class, () -> desired(operations));
    }

    @Test
    void replaceWithoutPathAsOktaDeactivates() {
        assertEquals(Boolean.FALSE, desired("[{\"op\":\"replace\",\"value\":{\"active\":false}}]").active());
    }

    @Test
    void replaceActiveByPath() {
        assertEquals(Boolean.FALSE, desired("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]").active());
        assertEquals(Boolean.TRUE, desired("[{\"op\":\"Replace\",\"path\":\"ACTIVE\",\"value\":true}]").active());
    }

    @Test
    void entraStringBooleansAreAcceptedInPatchValues() {
        assertEquals(Boolean.FALSE, desired("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]").active());
        assertEquals(Boolean.TRUE, desired("[{\"op\":\"Replace\",\"value\":{\"active\":\"True\"}}]").active());
    }

    @Test
    void otherStringsForABooleanAreInvalidValues() {
        assertEquals("invalidValue", refused("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"no\"}]").scimType());
    }

    @Test
    void replaceUserNameAndExternalId() {
        Desired d = desired("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"renamed\"},"
                + "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:core:2.0:User:externalId\",\"value\":\"ext-2\"}]");
        assertEquals("renamed", d.userName());
        assertEquals("ext-2", d.externalId());
    }

    /** The operations Microsoft Entra ID sends for its default attribute mappings (spec 2.4). */
    @Test
    void entraPeopleAttributePathsAreKept() {
        String ent = ScimSchemas.ENTERPRISE;
        Desired d = desired("[{\"op\":\"Add\",\"path\":\"displayName\",\"value\":\"Alice Broker\"},"
                + "{\"op\":\"Add\",\"path\":\"name.givenName\",\"value\":\"Alice\"},"
                + "{\"op\":\"Add\",\"path\":\"name.familyName\",\"value\":\"Broker\"},"
                + "{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"alice@example.com\"},"
                + "{\"op\":\"Add\",\"path\":\"" + ent + ":department\",\"value\":\"Procurement\"},"
                + "{\"op\":\"Add\",\"path\":\"" + ent + ":manager\",\"value\":\"m-42\"}]");
        assertEquals("Alice Broker", d.people().displayName());
        assertEquals("Alice", d.people().name().givenName());
        assertEquals("Broker", d.people().name().familyName());
        assertEquals(List.of(new dev.asp.domain.identity.AccountablePeople.Email("alice@example.com", "work", null)), d.people().emails());
        assertEquals("Procurement", d.people().department());
        assertEquals("m-42", d.people().manager().value());

        JsonObject after = patch("[{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"a@example.com\"}]");
        JsonObject changed = ScimPatch.apply(after, ScimFilterTest.json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@example.com\"},"
                + "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"Al\"},{\"op\":\"Remove\",\"path\":\"name.familyName\"}]}"));
        Desired replaced = UserDocument.read(changed);
        assertEquals(List.of(new dev.asp.domain.identity.AccountablePeople.Email("b@example.com", "work", null)), replaced.people().emails());
        assertEquals(new dev.asp.domain.identity.AccountablePeople.PersonName("Al", null, null), replaced.people().name());
    }

    @Test
    void keyMembersStayUnchangeableWhileNameMembersChange() {
        assertEquals("mutability", refused("[{\"op\":\"replace\",\"path\":\"" + EXT + ":publicKeys.x\",\"value\":\"AAAA\"}]").scimType());
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":\"name.middle\",\"value\":\"x\"}]").scimType());
    }

    @Test
    void addToAMultiValuedExtensionAttributeAppendsNewValuesOnly() {
        Desired d = desired("[{\"op\":\"add\",\"path\":\"" + EXT + ":capabilities\",\"value\":[\"storage.read\",\"net.dns\"]}]");
        assertEquals(List.of("compute.gpu.provision", "storage.read", "net.dns"), d.capabilities());
    }

    @Test
    void replaceAMultiValuedAttributeReplacesAllItsValues() {
        Desired d = desired("[{\"op\":\"replace\",\"path\":\"" + EXT + ":capabilities\",\"value\":[\"net.dns\"]}]");
        assertEquals(List.of("net.dns"), d.capabilities());
    }

    @Test
    void replaceMatchingValuesOnly() {
        Desired d = desired("[{\"op\":\"replace\",\"path\":\"" + EXT + ":capabilities[value eq \\\"storage.read\\\"]\",\"value\":\"storage.write\"}]");
        assertEquals(List.of("compute.gpu.provision", "storage.write"), d.capabilities());
    }

    @Test
    void replaceWithAFilterMatchingNothingIsNoTarget() {
        ScimException e = refused("[{\"op\":\"replace\",\"path\":\"" + EXT + ":capabilities[value eq \\\"nothing\\\"]\",\"value\":\"x\"}]");
        assertEquals("noTarget", e.scimType());
    }

    @Test
    void removeByValueFilterAndByListedValues() {
        assertEquals(List.of("compute.gpu.provision"),
                desired("[{\"op\":\"remove\",\"path\":\"" + EXT + ":capabilities[value eq \\\"storage.read\\\"]\"}]").capabilities());
        assertEquals(List.of("storage.read"),
                desired("[{\"op\":\"remove\",\"path\":\"" + EXT + ":capabilities\",\"value\":[\"compute.gpu.provision\"]}]").capabilities());
        assertEquals(List.of(), desired("[{\"op\":\"remove\",\"path\":\"" + EXT + ":capabilities\"}]").capabilities());
    }

    @Test
    void removeAKeyByKid() {
        assertEquals(List.of(), desired("[{\"op\":\"remove\",\"path\":\"" + EXT + ":publicKeys[kid eq \\\"KID1\\\"]\"}]").publicKeys());
    }

    @Test
    void addingTheSameKeyWithoutItsKidDoesNotDuplicateIt() {
        Desired d = desired("[{\"op\":\"add\",\"path\":\"" + EXT + ":publicKeys\",\"value\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"abc\"}}]");
        assertEquals(1, d.publicKeys().size());
        Desired two = desired("[{\"op\":\"add\",\"path\":\"" + EXT + ":publicKeys\",\"value\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"def\"}]}]");
        assertEquals(2, two.publicKeys().size());
    }

    @Test
    void valueWithoutPathMayCarryTheExtensionObject() {
        Desired d = desired("[{\"op\":\"replace\",\"value\":{\"" + EXT + "\":{\"regions\":[\"us-east\"]},\"active\":false}}]");
        assertEquals(List.of("us-east"), d.regions());
        assertEquals(List.of("compute.gpu.provision", "storage.read"), d.capabilities());
        assertEquals(Boolean.FALSE, d.active());
    }

    @Test
    void valueWithoutPathMayNameExtensionAttributesByFullPath() {
        assertEquals(List.of("x.y"), desired("[{\"op\":\"replace\",\"value\":{\"" + EXT + ":capabilities\":[\"x.y\"]}}]").capabilities());
    }

    @Test
    void attributesThisServiceDoesNotStoreAreIgnoredAsInAPost() {
        Desired d = desired("[{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"a@example.com\"},"
                + "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Alice\"},"
                + "{\"op\":\"Replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":\"R&D\"},"
                + "{\"op\":\"replace\",\"value\":{\"name\":{\"givenName\":\"A\"},\"id\":\"agt_other\",\"meta\":{}}}]");
        assertEquals("Alice.Broker", d.userName());
        assertEquals(List.of("compute.gpu.provision", "storage.read"), d.capabilities());
    }

    @Test
    void removingExternalIdUnassignsIt() {
        assertNull(desired("[{\"op\":\"remove\",\"path\":\"externalId\"}]").externalId());
    }

    @Test
    void replaceWithNullUnassigns() {
        assertNull(desired("[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":null}]").externalId());
    }

    @Test
    void removingActiveLeavesTheStatusAlone() {
        assertNull(desired("[{\"op\":\"remove\",\"path\":\"active\"}]").active());
    }

    @Test
    void operationsApplyInOrder() {
        Desired d = desired("[{\"op\":\"add\",\"path\":\"" + EXT + ":regions\",\"value\":[\"us-east\"]},"
                + "{\"op\":\"remove\",\"path\":\"" + EXT + ":regions[value eq \\\"eu-west\\\"]\"}]");
        assertEquals(List.of("us-east"), d.regions());
    }

    @Test
    void theResultKeepsTheUserSchemaAndExtension() {
        JsonObject out = patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]");
        assertTrue(out.containsKey(EXT));
        assertEquals(JsonValue.FALSE, out.get("active"));
        assertFalse(out.getJsonObject(EXT).isEmpty());
    }

    @Test
    void readOnlyAndRequiredAttributesAreRefusedWithMutability() {
        assertEquals("mutability", refused("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"agt_x\"}]").scimType());
        assertEquals("mutability", refused("[{\"op\":\"replace\",\"path\":\"meta.lastModified\",\"value\":\"2026-01-01T00:00:00Z\"}]").scimType());
        assertEquals("mutability", refused("[{\"op\":\"remove\",\"path\":\"userName\"}]").scimType());
        assertEquals("mutability", refused("[{\"op\":\"replace\",\"path\":\"" + EXT + ":publicKeys.x\",\"value\":\"zzz\"}]").scimType());
    }

    @Test
    void removeWithoutPathIsNoTarget() {
        assertEquals("noTarget", refused("[{\"op\":\"remove\"}]").scimType());
    }

    @Test
    void badPathsAreInvalidPath() {
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":\"" + EXT + ":bogus\",\"value\":1}]").scimType());
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":\"active[value eq true]\",\"value\":true}]").scimType());
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":\"" + EXT + ":publicKeys.bogus\",\"value\":1}]").scimType());
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":\"user name\",\"value\":1}]").scimType());
        assertEquals("invalidPath", refused("[{\"op\":\"replace\",\"path\":5,\"value\":1}]").scimType());
    }

    @Test
    void wrongTypesAreInvalidValue() {
        assertEquals("invalidValue", refused("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":42}]").scimType());
        assertEquals("invalidValue", refused("[{\"op\":\"add\",\"path\":\"" + EXT + ":capabilities\",\"value\":[1]}]").scimType());
        assertEquals("invalidValue", refused("[{\"op\":\"replace\",\"value\":\"active\"}]").scimType());
        assertEquals("invalidValue", refused("[{\"op\":\"add\",\"path\":\"active\"}]").scimType());
    }

    @Test
    void malformedPatchRequestsAreInvalidSyntax() {
        assertEquals("invalidSyntax", refused("[{\"op\":\"move\",\"path\":\"active\",\"value\":true}]").scimType());
        assertEquals("invalidSyntax", refused("[]").scimType());
        assertEquals("invalidSyntax", refused("[\"replace\"]").scimType());
        ScimException wrongSchema = assertThrows(ScimException.class, () -> ScimPatch.apply(ScimFilterTest.ALICE,
                ScimFilterTest.json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[]}")));
        assertEquals("invalidSyntax", wrongSchema.scimType());
        ScimException noOperations = assertThrows(ScimException.class, () -> ScimPatch.apply(ScimFilterTest.ALICE,
                ScimFilterTest.json("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]}")));
        assertEquals("invalidSyntax", noOperations.scimType());
    }

    @Test
    void extensionPathAloneReplacesOrClearsTheExtension() {
        Desired d = desired("[{\"op\":\"replace\",\"path\":\"" + EXT + "\",\"value\":{\"protocols\":[\"asp/1.1\"]}}]");
        assertEquals(List.of("asp/1.1"), d.protocols());
        Desired cleared = desired("[{\"op\":\"remove\",\"path\":\"" + EXT + "\"}]");
        assertEquals(List.of(), cleared.capabilities());
        assertEquals(List.of(), cleared.publicKeys());
    }
}
