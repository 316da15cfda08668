package dev.asp.interfaces.rest.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;

import dev.asp.application.audit.OrgAudit;
import dev.asp.domain.shared.Jsonp;
import dev.asp.domain.shared.Digests;

/**
 * Writes spec 8's organization export as a zip while it is read: each session's signed export is made,
 * written and forgotten in turn (only its id, head and SHA-256 stay, for the manifest), so the server's
 * memory does not grow with the number of sessions. {@code manifest.jws} comes last.
 */
@ApplicationScoped
public class OrgArchives {
    @Inject
    OrgAudit orgs;

    @Inject
    ExportBundles bundles;

    @Inject
    Clock clock;

    public void write(OutputStream out, String orgId, Instant from, Instant to, List<String> sessionIds) throws IOException {
        Instant exportedAt = clock.instant();
        JsonArrayBuilder manifest = Jsonp.array();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (String id : sessionIds) {
            var contents = orgs.session(id);
            if (contents.isEmpty()) {
                continue;
            }
            byte[] file = bundles.signedSession(contents.get(), exportedAt).getBytes(StandardCharsets.US_ASCII);
            zip.putNextEntry(new ZipEntry("sessions/" + id + ".jws"));
            zip.write(file);
            zip.closeEntry();
            var head = contents.get().session().head();
            manifest.add(Jsonp.object().add("id", id).add("head", Jsonp.object().add("seq", head.seq()).add("hash", head.hash()))
                    .add("sha256", Digests.sha256Hex(file)));
        }
        String payload = Jsonp.object().add("org", orgId).add("from", from.toString()).add("to", to.toString()).add("sessions", manifest)
                .add("exportedAt", exportedAt.toString()).build().toString();
        zip.putNextEntry(new ZipEntry("manifest.jws"));
        zip.write(bundles.sign(payload).getBytes(StandardCharsets.US_ASCII));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }
}
