package org.jinban.devices.idcard;

/**
 * What one {@link IdCardReader#poll()} saw. The kiosk reacts to changes only: a card placed,
 * a card removed, a card it could not read, the reader failing; {@link NoChange} is the common
 * case and carries whether a card is still on the reader.
 */
public sealed interface IdCardEvent {

    /** A card was placed and read. */
    record CardRead(IdCardRecord record) implements IdCardEvent {
    }

    /** The card read earlier is no longer on the reader: forget the session's card data. */
    record CardRemoved() implements IdCardEvent {
    }

    /** A card is there but could not be read (moved too soon, damaged, bad data): ask to re-place it. */
    record CardUnreadable(IdCardException error) implements IdCardEvent {
    }

    /** The reader or the line failed; {@code PORT_GONE} means offline until reopened. */
    record ReaderFault(IdCardException error) implements IdCardEvent {
    }

    /** Nothing changed since the last poll. */
    record NoChange(boolean cardPresent) implements IdCardEvent {
    }
}
