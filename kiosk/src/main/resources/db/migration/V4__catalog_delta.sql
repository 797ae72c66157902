-- A catalog delta deletes single items. Their grams are found by the table's key, but the
-- foreign key from catalog_gram to service_item makes SQLite look for an item's grams by
-- item_id when the item row is deleted: without this index that is a scan of every gram
-- (a million for 10,000 items) per item deleted.
CREATE INDEX catalog_gram_by_item ON catalog_gram (item_id);
