package dev.asp.verify;

import java.io.PrintStream;

/** What was checked, line by line, so an auditor sees the verification and not only its verdict. */
public final class Report {
    private final PrintStream out;
    private int checks;

    public Report(PrintStream out) {
        this.out = out;
    }

    public void ok(String what) {
        checks++;
        out.println("ok    " + what);
    }

    public int checks() {
        return checks;
    }
}
