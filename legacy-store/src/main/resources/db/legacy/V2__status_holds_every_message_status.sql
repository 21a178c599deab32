-- status was VARCHAR(16), too short for the message status partially_delivered (19 characters):
-- every status column holds record-contract's FieldLimits.STATUS_LENGTH. Widening a VARCHAR within
-- the same length-byte size is a change of metadata only; ALGORITHM=INSTANT makes the migration fail
-- rather than copy the table should that ever not hold.
ALTER TABLE records MODIFY COLUMN status VARCHAR(24) NOT NULL, ALGORITHM = INSTANT;
