package dev.asp.domain.trust;

import java.io.IOException;
import java.io.InputStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** trust.json, the shared vectors of spec 6, from the test classpath (src/test/resources/vectors). */
final class TrustVectors {
    private TrustVectors() {
    }

    static JsonObject load() {
        try (InputStream in = TrustVectors.class.getResourceAsStream("/vectors/trust.json"); var reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
