-- Audited reads (issue 17): the audit log's GIN indexes take each entry into the index as it is
-- written, not into a pending list. With the default pending list, the insert that found the list
-- past gin_pending_list_limit (4 MB) merged all of it into the index before its commit: a search or a
-- case read waited for that merge now and then, on the path every read takes (fail closed), which
-- showed as the tail of audited reads at 500 req/s. PostgreSQL's advice where steady response time
-- matters more than insert speed; the log is written far more often than searched by these columns.
ALTER INDEX audit_log_person_refs_idx SET (fastupdate = off);
ALTER INDEX audit_log_shown_idx SET (fastupdate = off);
