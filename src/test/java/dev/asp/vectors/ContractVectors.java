package dev.asp.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The spec's test vectors, kept in src/test/resources/vectors/ so a clone builds on its own;
 * {@link VectorsMatchSharedTest} keeps the copy byte-identical to ../shared/vectors when that is there.
 */
public final class ContractVectors {
    /** The files copied from the contract; each is read by a test. */
    static final String[] FILES = {"transcript.json", "trust.json"};

    private ContractVectors() {
    }

    public static JsonObject load(String name) {
        try (InputStream in = open(name); var reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vectors " + name, e);
        }
    }

    static InputStream open(String name) {
        InputStream in = ContractVectors.class.getResourceAsStream("/vectors/" + name);
        if (in == null) {
            throw new IllegalStateException("no vectors/" + name + " on the test classpath (src/test/resources/vectors/)");
        }
        return in;
    }
}
