-- Time-window filters (StartTime, EndTime, DateSent) in list order.
--
-- Until now a window was a range on its own index, (account_sid, start_time), and every page read the
-- whole window and sorted it by (date_created, sid): the cost of a page grew with the window, and a
-- window open on one side ("StartTime>=2025-01-01") sorted the account's whole history, page after
-- page. A page must instead walk the list order and stop after PageSize matches.
--
-- So the list index carries the window columns after the list order. The list reads a page's keys
-- with an index-only scan of this index (MariaDB pushes no condition into the index of a partitioned
-- table, so the window is evaluated in the index only because the scan covers every column it reads)
-- and then the page's rows by primary key (store.ListQuery). The window indexes go: no filter needs
-- them any more.
--
-- Write amplification: a call now writes 7 B-tree entries instead of 9 (primary key, sid, list,
-- status, to, from, parent); the list entry grows by two DATETIME(6) (16 bytes) while the two window
-- entries (about 60 bytes each) are gone. A message writes 5 entries instead of 6. Fewer entries,
-- fewer bytes: no write cost. The cost is on reads of a narrow window long ago: its first page walks
-- the account's newer index entries (index-only) until it reaches the window.
--
-- In place, without blocking reads or writes; the old list index serves until the new one is built.
ALTER TABLE calls
  DROP INDEX calls_by_account,
  ADD INDEX calls_by_account (account_sid, date_created, sid, start_time, end_time),
  DROP INDEX calls_by_account_start_time,
  DROP INDEX calls_by_account_end_time,
  ALGORITHM = INPLACE, LOCK = NONE;

ALTER TABLE messages
  DROP INDEX messages_by_account,
  ADD INDEX messages_by_account (account_sid, date_created, sid, date_sent),
  DROP INDEX messages_by_account_date_sent,
  ALGORITHM = INPLACE, LOCK = NONE;
