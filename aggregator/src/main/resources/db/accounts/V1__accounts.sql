-- Accounts of the public API. The auth token is never stored: only its SHA-256, in hex.
CREATE TABLE account (
  sid CHAR(34) NOT NULL,
  auth_token_sha256 CHAR(64) NOT NULL,
  date_created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  date_updated TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (sid)
) ENGINE = InnoDB;
