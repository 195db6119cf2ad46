// A signed checkpoint of the audit log, as Certificate Transparency signs its tree heads: after a
// commit that appends events, the chain head (its sequence number and hash), the first event the
// commit appended, the instant, and an Ed25519 signature over them by a key kept outside the
// database. Whoever can write the database but not read the key cannot make a shorter, longer
// or rewritten log agree with a checkpoint. Checkpoints travel as one JSON object per line: in
// the file beside the database, in what `vekha audit checkpoint` exports for an auditor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/signing_key.h"
#include "engine/status.h"

namespace vekha {

struct AuditCheckpoint {
  int64_t first = 0;  // the first event the commit appended
  int64_t seq = 0;    // the chain head after the commit
  std::string hash;   // the hash of event `seq`
  std::string at;     // ISO 8601 UTC instant of the commit
  std::string public_key;
  std::string signature;
};

// Signs the head `seq`/`hash` after a commit that appended events `first`…`seq`.
AuditCheckpoint SignCheckpoint(int64_t first, int64_t seq, const std::string& hash, const std::string& at,
                               const SigningKey& key);
// Whether the checkpoint's signature holds under its own public key (whether that key is the
// deployment's is the caller's question).
bool CheckpointSignatureHolds(const AuditCheckpoint& checkpoint);

// One line of JSON, without the newline.
std::string CheckpointLine(const AuditCheckpoint& checkpoint);
// Appends the checkpoint's line to `path` in one write, creating the file (0644) when missing.
Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& checkpoint);
// Reads every checkpoint line of `path` (blank lines skipped); a line that is not a checkpoint is
// an error naming its line and what a line must hold.
Status ReadCheckpoints(const std::string& path, std::vector<AuditCheckpoint>& out);

}  // namespace vekha
