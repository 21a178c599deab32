-- The billing consumer's own database. `charge` is the ledger: one row per completed-record event
-- ever charged, keyed by the event id, so that a redelivered event finds its row and charges
-- nothing. Every finished record gets a row, also when its charge is zero (a failed call), so the
-- ledger counts records as well as money. `account_total` is the running total per account,
-- changed in the same transaction as the ledger row it adds up. Money is in millionths of the
-- currency unit: no rounding anywhere.
CREATE TABLE charge (
  event_id VARCHAR(80) NOT NULL PRIMARY KEY,
  account_sid CHAR(34) NOT NULL,
  sid CHAR(34) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  status VARCHAR(24) NOT NULL,
  -- The UTC day the record finished (the event's time).
  day DATE NOT NULL,
  units INT NOT NULL,
  amount_micros BIGINT NOT NULL,
  charged_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  KEY charge_by_account_day (account_sid, day)
) ENGINE=InnoDB;

CREATE TABLE account_total (
  account_sid CHAR(34) NOT NULL PRIMARY KEY,
  records BIGINT NOT NULL,
  units BIGINT NOT NULL,
  amount_micros BIGINT NOT NULL
) ENGINE=InnoDB;

-- Events that are not completed-record events of a known type: kept with the reason, never charged.
CREATE TABLE rejected_event (
  topic_partition INT NOT NULL,
  topic_offset BIGINT NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  rejected_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (topic_partition, topic_offset)
) ENGINE=InnoDB;
