package dev.asp.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Spec 10: every refusal is an RFC 9457 problem document with the spec's code, and leaks nothing. */
public final class ProblemAssertions {
    // What must never reach a client: stack frames, exception or package-qualified class names, SQL.
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\("),
            Pattern.compile("\\.java:\\d+"),
            Pattern.compile("\\b(java|javax|jakarta|org|com|dev|io|sun)\\.[a-z][\\w]*\\.[\\w.$]+"),
            Pattern.compile("[A-Z]\\w*(Exception|Error)\\b"),
            Pattern.compile("(?i)\\b(select|insert|update|delete)\\b.+\\b(from|into|set|where)\\b"));

    private ProblemAssertions() {
    }

    /** Asserts status, media type, the members of spec 10 and the absence of internals; answers the document. */
    public static JsonObject assertProblem(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertEquals("application/problem+json", reply.mediaType(), () -> "media type of " + reply);
        JsonObject problem = reply.json();
        assertEquals("https://asp.dev/problems/" + code, problem.getString("type", null), () -> "type of " + reply);
        assertEquals(code, problem.getString("code", null), () -> "code of " + reply);
        assertEquals(status, problem.containsKey("status") && problem.get("status").getValueType() == JsonValue.ValueType.NUMBER
                ? problem.getInt("status") : -1, () -> "status member of " + reply);
        assertFalse(problem.getString("title", "").isBlank(), () -> "title of " + reply);
        assertFalse(problem.getString("detail", "").isBlank(), () -> "detail of " + reply);
        assertTrue(problem.containsKey("instance"), () -> "instance of " + reply);
        assertNoInternals(reply);
        return problem;
    }

    public static void assertNoInternals(Reply reply) {
        for (Pattern leak : LEAKS) {
            assertFalse(leak.matcher(reply.body()).find(), () -> "internals (" + leak + ") in " + reply);
        }
    }
}
