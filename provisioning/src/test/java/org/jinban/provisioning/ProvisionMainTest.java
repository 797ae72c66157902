package org.jinban.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProvisionMainTest {
    @Test
    void aWrongCommandLineEndsWithTheUsageCodeAndSaysWhy() {
        StringWriter err = new StringWriter();
        int code = ProvisionMain.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "no-such-command");
        assertEquals(ProvisionMain.EXIT_USAGE, code);
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }

    @Test
    void helpNamesTheTool() {
        StringWriter out = new StringWriter();
        int code = ProvisionMain.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
        assertEquals(ProvisionMain.EXIT_OK, code);
        assertTrue(out.toString().contains("jinban-provision"), out.toString());
    }
}
