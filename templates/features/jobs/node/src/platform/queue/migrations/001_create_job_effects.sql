-- One row per job effect that was applied (platform/queue/job-effects.ts): written in the same
-- transaction as the effect, so a job that runs again (a retry, a worker killed mid-job) finds
-- its row and skips the effect instead of applying it twice.
CREATE TABLE job_effects (
  job_name text NOT NULL,
  idempotency_key text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_name, idempotency_key)
);
