package org.jinban.provisioning.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.jinban.provisioning.ProvisionMain;

/** Runs the CLI in-process, with a line for standard input if a command asks for one. */
public final class Cli {
    private Cli() {
    }

    public record Run(int exit, String out, String err, long millis) {
        public String all() {
            return out + err;
        }
    }

    public static Run run(String... args) {
        return withInput(null, args);
    }

    /** Runs with {@code input} as System.in (a confirmation typed at the prompt); restores it after. */
    public static synchronized Run withInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream((input == null ? "" : input).getBytes(StandardCharsets.UTF_8)));
        long start = System.nanoTime();
        try {
            int exit = ProvisionMain.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Run(exit, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
        } finally {
            System.setIn(saved);
        }
    }
}
