package org.jinban.kiosk.sync;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jinban.sync.protocol.CatalogParts;

/**
 * The parts of a catalog body received so far (table {@code catalog_part}), inside the caller's
 * transaction. Parts are taken only in order and only of one body at a time: part 1 starts a
 * body over, and any other part must follow the last one kept, of the same kind, version and
 * count, or the body is broken and {@link OutOfSequence} is thrown. Each part is kept as the
 * UTF-8 bytes of its slice, the form the reader of the joined body takes.
 */
final class StagedCatalogParts {
    private StagedCatalogParts() {
    }

    /**
     * A part that does not continue the body kept, or would make it too large. Unchecked, so
     * that thrown inside a transaction it rolls it back on its way out.
     */
    static final class OutOfSequence extends RuntimeException {
        OutOfSequence(String message) {
            super(message, null, false, false);
        }
    }

    /** Keeps {@code part} (not the last) of a body of {@code kind}. */
    static void keep(Connection c, String kind, CatalogParts.Part part) throws SQLException {
        byte[] slice = part.text().getBytes(StandardCharsets.UTF_8);
        if (part.part() == 1) {
            clear(c);
        } else {
            checkContinues(c, kind, part, slice.length);
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO catalog_part (part, kind, version, parts, slice) VALUES (?, ?, ?, ?, ?)")) {
            st.setInt(1, part.part());
            st.setString(2, kind);
            st.setLong(3, part.version());
            st.setInt(4, part.parts());
            st.setBytes(5, slice);
            st.executeUpdate();
        }
    }

    /** Checks that {@code last}, its slice {@code sliceBytes} long, completes the body whose parts are kept. */
    static void checkCompletes(Connection c, String kind, CatalogParts.Part last, int sliceBytes)
            throws SQLException {
        if (last.part() > 1) {
            checkContinues(c, kind, last, sliceBytes);
        }
    }

    /** The slice of part {@code part} kept. */
    static byte[] slice(Connection c, int part) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT slice FROM catalog_part WHERE part = ?")) {
            st.setInt(1, part);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("catalog part " + part + " is no longer kept");
                }
                return rs.getBytes(1);
            }
        }
    }

    /** Forgets every part kept. */
    static void clear(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM catalog_part")) {
            st.executeUpdate();
        }
    }

    /** How many parts are kept. */
    static int count(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM catalog_part");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void checkContinues(Connection c, String kind, CatalogParts.Part part, int sliceBytes)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*), coalesce(max(part), 0),"
                + " coalesce(sum(length(slice)), 0), count(DISTINCT kind || ' ' || version || ' ' || parts),"
                + " max(kind), max(version), max(parts) FROM catalog_part");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            int count = rs.getInt(1);
            int lastKept = rs.getInt(2);
            long bytes = rs.getLong(3);
            String what = "part " + part.part() + " of " + part.parts() + " of catalog version " + part.version();
            if (count != part.part() - 1 || lastKept != count) {
                throw new OutOfSequence(what + " does not follow the " + count + " parts kept");
            }
            if (rs.getInt(4) != 1 || !kind.equals(rs.getString(5)) || rs.getLong(6) != part.version()
                    || rs.getInt(7) != part.parts()) {
                throw new OutOfSequence(what + " (" + kind + ") does not continue the body kept, part "
                        + lastKept + " of " + rs.getInt(7) + " of a " + rs.getString(5) + " of version " + rs.getLong(6));
            }
            if (bytes + sliceBytes > CatalogParts.MAX_BODY_BYTES) {
                throw new OutOfSequence(what + " makes the body larger than " + CatalogParts.MAX_BODY_BYTES
                        + " bytes, more than this kiosk takes");
            }
        }
    }
}
