package dev.asp.infrastructure.crypto;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The shared test vectors in ../shared/vectors (surefire passes asp.shared.dir). */
final class SharedVectors {
    private SharedVectors() {
    }

    static Path dir() {
        return Path.of(System.getProperty("asp.shared.dir", "../shared")).resolve("vectors");
    }

    static JsonObject load(String name) {
        Path file = dir().resolve(name);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); var reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shared vectors at " + file.toAbsolutePath()
                    + " (set -Dasp.shared.dir to the shared/ folder)", e);
        }
    }
}
