// What `vekha audit verify` proves about a deployment's database, and what it finds when it does
// not hold:
//   - the hash chain: every event's hash covers it and the event before it, numbered without gaps;
//   - task ids: each task's identity still hashes to its id;
//   - signed checkpoints (engine/audit_checkpoint.h) from the database, from the file beside it and
//     from files the auditor exported earlier: each is signed by the deployment's key and agrees
//     with the event at its sequence number, so truncation, deleting the whole log and rewriting
//     events with recomputed hashes all show; consecutive checkpoints cover every event, so events
//     appended around Vekha show too;
//   - replay: the events rebuild each task's status and dates, each submission with its files and
//     values; the tables must hold exactly that, and the evidence store each file's content.
// Findings are Russian sentences for the auditor, each naming the event, task or submission.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit_checkpoint.h"
#include "engine/status.h"
#include "engine/task_store.h"

namespace vekha {

// The hash chain and the task ids alone: what the log proves without a key or a replay.
struct AuditVerification {
  int64_t events = 0;
  std::optional<int64_t> first_broken;  // seq of the first event whose hash does not hold
  std::string reason;                   // why, in Russian
  // Tasks whose identity (roadmap, activity, organisation, period key) was edited: their id is the
  // hash of it, so the audit events filed under the id no longer describe them.
  int64_t tasks = 0;
  std::vector<std::string> altered_tasks;
  bool intact() const { return !first_broken && altered_tasks.empty(); }
};

Status VerifyAuditChain(TaskStore& store, AuditVerification& out);

struct AuditCheckOptions {
  // The public key (hex) checkpoints must be signed with: the configured signing key's, or one an
  // auditor names. Empty: none is known, so checkpoints cannot be trusted and are not checked.
  std::string trusted_key;
  // Checkpoint files an auditor kept (`vekha audit checkpoint`), checked like the database's own.
  std::vector<std::string> checkpoint_files;
};

struct AuditReport {
  int64_t events = 0;
  int64_t tasks = 0;
  int64_t submissions = 0;
  int64_t evidence_files = 0;
  int64_t checkpoints = 0;                // checkpoints checked, from every source
  std::optional<AuditCheckpoint> latest;  // the latest checkpoint in the database
  std::vector<std::string> problems;      // signs of tampering: any one fails the check
  std::vector<std::string> notes;         // what the check could not cover, and why
  bool intact() const { return problems.empty(); }
};

// Checks everything above; a Status error only when the check itself cannot run (an unreadable
// database or checkpoint file).
Status VerifyAuditTrail(TaskStore& store, const EvidenceSink& evidence, const AuditCheckOptions& options,
                        AuditReport& report);

}  // namespace vekha
