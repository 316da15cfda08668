package dev.asp.interfaces.scim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    @Test
    void weakAndStrongFormsOfTheVersionMatch() {
        assertTrue(EntityTags.matches("W/\"3\"", 3));
        assertTrue(EntityTags.matches("\"3\"", 3));
        assertTrue(EntityTags.matches("W/\"1\", W/\"3\"", 3));
        assertTrue(EntityTags.matches("*", 3));
    }

    @Test
    void otherVersionsAndGarbageDoNotMatch() {
        assertFalse(EntityTags.matches("W/\"2\"", 3));
        assertFalse(EntityTags.matches("3", 3));
        assertFalse(EntityTags.matches("W/\"3", 3));
        assertFalse(EntityTags.matches(null, 3));
    }

    @Test
    void anAbsentIfMatchSetsNoPrecondition() {
        assertTrue(EntityTags.ifMatch(null).test(7));
        assertFalse(EntityTags.ifMatch("W/\"6\"").test(7));
    }
}
