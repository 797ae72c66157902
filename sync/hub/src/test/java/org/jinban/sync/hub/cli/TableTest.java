package org.jinban.sync.hub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class TableTest {
    private static String print(Table t) {
        StringWriter out = new StringWriter();
        t.print(new PrintWriter(out), "(none)");
        return out.toString();
    }

    @Test
    void columnsLineUpCountingChineseAsTwoColumns() {
        String text = print(new Table("NAME", "SEQ").row("街道城管办", 1).row("office", null));
        assertEquals("""
                NAME        SEQ
                街道城管办  1
                office      -
                """, text);
        assertEquals(10, Table.width("街道城管办"));
    }

    @Test
    void anEmptyTableSaysSoAndAWrongRowIsRefused() {
        assertEquals("(none)\n", print(new Table("A")));
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
