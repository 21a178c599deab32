-- The in-flight write nodes' slot map (io.flightdeck.inflight.nodes.SlotMap): which node owns each
-- of the 64 slots a Sid's value names, by version. A slot's owner changes only for new records, so
-- every owner a slot ever had stays: its records may still be there.
CREATE TABLE slot_map (
  id      TINYINT NOT NULL,
  version BIGINT  NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO slot_map (id, version) VALUES (1, 0);

CREATE TABLE slot_owner (
  slot          SMALLINT    NOT NULL,
  since_version BIGINT      NOT NULL,
  node          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (slot, since_version)
) ENGINE = InnoDB;
