-- A statement shows its speaker's role with the role's organization: renaming that organization
-- revises the statement, found through this index.
create index statements_speaker_role on statements (speaker_role_id) where speaker_role_id is not null;
