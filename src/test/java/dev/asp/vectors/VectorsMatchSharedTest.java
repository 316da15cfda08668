package dev.asp.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's copy of the vectors against the contract's (../shared/vectors, or -Dasp.shared.dir): a change
 * of the contract's vectors fails here, naming the file, instead of drifting silently. Without ../shared
 * (a clone on its own) it is skipped and says so.
 */
class VectorsMatchSharedTest {

    static Stream<String> files() {
        return Arrays.stream(ContractVectors.FILES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void copyIsByteIdenticalToTheContract(String name) throws IOException {
        Path shared = Path.of(System.getProperty("asp.shared.dir", "../shared")).resolve("vectors");
        assumeTrue(Files.isDirectory(shared), () -> "skipped: no " + shared.toAbsolutePath().normalize()
                + " beside the repository, so src/test/resources/vectors/" + name + " is not compared with the contract's");
        Path contract = shared.resolve(name);
        assertTrue(Files.isRegularFile(contract), () -> "the contract no longer has " + contract);
        byte[] copy;
        try (InputStream in = ContractVectors.open(name)) {
            copy = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(contract), copy, () -> "src/test/resources/vectors/" + name
                + " differs from " + contract.toAbsolutePath().normalize() + ": copy the contract's file over it");
    }
}
