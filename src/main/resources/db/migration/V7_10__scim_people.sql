-- Spec 2.4 (2026-12-07): what identity providers send about the people accountable for an agent, kept as sent.
-- One column per single-valued SCIM attribute; emails (multi-valued, complex) as a JSON array, like endpoints.
ALTER TABLE agents ADD COLUMN display_name VARCHAR(1024);
ALTER TABLE agents ADD COLUMN given_name VARCHAR(1024);
ALTER TABLE agents ADD COLUMN family_name VARCHAR(1024);
ALTER TABLE agents ADD COLUMN formatted_name VARCHAR(1024);
ALTER TABLE agents ADD COLUMN emails TEXT;
ALTER TABLE agents ADD COLUMN organization VARCHAR(1024);
ALTER TABLE agents ADD COLUMN department VARCHAR(1024);
ALTER TABLE agents ADD COLUMN manager_value VARCHAR(1024);
ALTER TABLE agents ADD COLUMN manager_ref VARCHAR(1024);
ALTER TABLE agents ADD COLUMN manager_display_name VARCHAR(1024);
