package dev.asp.it.audit;

import static dev.asp.it.support.Asp.BASE;
import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.asp.verify.AspVerify;

/** Runs the offline verifier (asp-verify) on an export the way an auditor does: files on disk, the JWKS beside them. */
final class Exports {
    private Exports() {
    }

    /** The verifier's exit code and what it printed. */
    record Verdict(int exit, String output) {
    }

    static String jwks() {
        return given().baseUri(BASE).get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
    }

    static Verdict verify(byte[] export, String fileName, String jwks) throws IOException {
        Path dir = Files.createTempDirectory("asp-export");
        Path file = Files.write(dir.resolve(fileName), export);
        Path keys = Files.writeString(dir.resolve("jwks.json"), jwks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AspVerify.run(new String[] {file.toString(), "--jwks", keys.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verdict(exit, out.toString(StandardCharsets.UTF_8));
    }
}
