package dev.asp.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Verifies an organization export (spec 8): {@code manifest.jws} against the JWKS, then every file it
 * names — present, with the SHA-256 it states, a session export that verifies, with the head it states —
 * and that the archive holds no session file the manifest does not name.
 */
public final class OrgExport {
    private static final String MANIFEST = "manifest.jws";

    private final Jwks jwks;
    private final Report report;

    public OrgExport(Jwks jwks, Report report) {
        this.jwks = jwks;
        this.report = report;
    }

    public int verify(InputStream zip) throws Failure, IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (files.put(e.getName(), in.readAllBytes()) != null) {
                    throw new Failure("the archive holds " + e.getName() + " twice");
                }
            }
        }
        byte[] manifestFile = files.remove(MANIFEST);
        if (manifestFile == null) {
            throw new Failure("the archive has no " + MANIFEST);
        }
        Jwks.Verified signed = jwks.verify(new String(manifestFile, StandardCharsets.US_ASCII), MANIFEST);
        report.ok(MANIFEST + ": JWS signature by service key " + signed.kid());
        JsonObject manifest = Jwks.parse(new String(signed.payload(), StandardCharsets.UTF_8), MANIFEST + "'s payload");
        SessionExport sessions = new SessionExport(jwks, report);
        int count = 0;
        for (JsonValue v : manifest.getJsonArray("sessions")) {
            JsonObject named = v.asJsonObject();
            String id = named.getString("id");
            String file = "sessions/" + id + ".jws";
            byte[] bytes = files.remove(file);
            if (bytes == null) {
                throw new Failure("the manifest names " + file + ", which the archive lacks");
            }
            String sha256 = HexFormat.of().formatHex(PublicKeys.sha256(bytes));
            if (!sha256.equals(named.getString("sha256", ""))) {
                throw new Failure(file + " hashes to " + sha256 + ", the manifest says " + named.getString("sha256", ""));
            }
            SessionExport.Verified s = sessions.verify(new String(bytes, StandardCharsets.US_ASCII), file);
            JsonObject head = named.getJsonObject("head");
            if (!s.sessionId().equals(id) || head.getJsonNumber("seq").longValueExact() != s.headSeq() || !head.getString("hash").equals(s.headHash())) {
                throw new Failure(s.headSeq(), file + " is not the session and head the manifest names");
            }
            count++;
        }
        if (!files.isEmpty()) {
            throw new Failure("the archive holds " + files.keySet().iterator().next() + ", which the manifest does not name");
        }
        report.ok(MANIFEST + ": " + count + " session files, each with the SHA-256 and head it states");
        return count;
    }
}
