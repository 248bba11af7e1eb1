-- Stored replies of state-changing RPCs move to the kernel's stored_replies (migration 6), which
-- every service's idempotent requests use: a request retried after the upgrade still finds the
-- reply its first copy got. Pruning them is the kernel relay's work now.
INSERT INTO stored_replies (message_id, method, response, created_at)
SELECT message_id, method, response, created_at FROM rpc_replies
ON CONFLICT (message_id) DO NOTHING;

DROP TABLE rpc_replies;
