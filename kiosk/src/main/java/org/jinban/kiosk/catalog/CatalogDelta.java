package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A catalog version given as the changes from the version before it (docs/sync-protocol.md,
 * {@code catalog.delta}): items added or changed, whole, and the codes of items removed.
 *
 * <p>An upsert gives its code and popularity at once, which is all that checking and ranking
 * the delta need, and the item itself only when it is indexed: a delta read from the sync
 * stream ({@link CatalogDeltaReader}) keeps each item as its JSON and binds it on an indexing
 * worker, so that 10,000 bound items are never held at once.
 */
public record CatalogDelta(Long version, Long previousVersion, String issuedAt, List<Upsert> upserts,
                           List<String> removes) {
    public CatalogDelta {
        upserts = upserts == null ? List.of() : upserts;
        removes = removes == null ? List.of() : removes;
    }

    /** A delta of items already bound (a null item stays null, for the checks to refuse). */
    public static CatalogDelta of(Long version, Long previousVersion, String issuedAt, List<ServiceItem> upserts,
                                  List<String> removes) {
        List<Upsert> bound = new ArrayList<>(upserts.size());
        upserts.forEach(item -> bound.add(new Bound(item)));
        return new CatalogDelta(version, previousVersion, issuedAt, bound, removes);
    }

    /** An item the delta adds or changes. */
    public interface Upsert {
        /** Its code; null for an item without one (or a null item), which the checks refuse. */
        String code();

        Integer popularity();

        /**
         * The item. One kept as JSON is bound now and its JSON let go, so it is asked for once:
         * a second call throws {@link IllegalStateException}.
         *
         * @throws CatalogFormatException if it does not bind to an item
         */
        ServiceItem item();
    }

    /** An upsert given bound. */
    record Bound(ServiceItem item) implements Upsert {
        @Override
        public String code() {
            return item == null ? null : item.code();
        }

        @Override
        public Integer popularity() {
            return item == null ? null : item.popularity();
        }
    }
}
