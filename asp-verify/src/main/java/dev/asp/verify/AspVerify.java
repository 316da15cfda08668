package dev.asp.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar asp-verify.jar <export.jws | export.zip> --jwks <jwks.json>}: verifies a session
 * export or an organization export offline. Prints each check, then the first failure with its seq;
 * exit 0 when everything verifies, 1 on a failure, 2 on a usage or file error.
 */
public final class AspVerify {
    private AspVerify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String export = null;
        String jwksFile = null;
        for (int i = 0; i < args.length; i++) {
            if ("--jwks".equals(args[i]) && i + 1 < args.length) {
                jwksFile = args[++i];
            } else if (export == null && !args[i].startsWith("--")) {
                export = args[i];
            } else {
                export = null;
                break;
            }
        }
        if (export == null || jwksFile == null) {
            err.println("usage: java -jar asp-verify.jar <export.jws | export.zip> --jwks <jwks.json>");
            return 2;
        }
        byte[] bytes;
        String jwksJson;
        try {
            bytes = Files.readAllBytes(Path.of(export));
            jwksJson = Files.readString(Path.of(jwksFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        Report report = new Report(out);
        try {
            Jwks jwks = new Jwks(jwksJson);
            if (bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K') {
                new OrgExport(jwks, report).verify(new ByteArrayInputStream(bytes));
            } else {
                new SessionExport(jwks, report).verify(new String(bytes, StandardCharsets.US_ASCII), Path.of(export).getFileName().toString());
            }
        } catch (Failure f) {
            out.println("FAIL  " + f);
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("FAIL  unreadable export: " + e);
            return 1;
        }
        out.println("VERIFIED (" + report.checks() + " checks)");
        return 0;
    }
}
