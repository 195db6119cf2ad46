#include "engine/task.h"

#include <array>
#include <cctype>
#include <utility>

#include "engine/sha256.h"

namespace vekha {

namespace {

struct StatusInfo {
  TaskStatus status;
  std::string_view name;
  std::string_view title;
};

constexpr std::array<StatusInfo, 9> kStatuses = {{
    {TaskStatus::kScheduled, "scheduled", "запланирована"},
    {TaskStatus::kOpen, "open", "открыта"},
    {TaskStatus::kSubmitted, "submitted", "сдана на проверку"},
    {TaskStatus::kConfirmed, "confirmed", "подтверждена"},
    {TaskStatus::kDone, "done", "выполнена"},
    {TaskStatus::kReturned, "returned", "возвращена на доработку"},
    {TaskStatus::kWaived, "waived", "снята координатором"},
    {TaskStatus::kCancelled, "cancelled", "отменена"},
    {TaskStatus::kUntracked, "untracked", "до начала учёта"},
}};

}  // namespace

std::string_view TaskStatusName(TaskStatus status) {
  for (const StatusInfo& info : kStatuses) {
    if (info.status == status) return info.name;
  }
  return "scheduled";
}

std::string_view TaskStatusTitle(TaskStatus status) {
  for (const StatusInfo& info : kStatuses) {
    if (info.status == status) return info.title;
  }
  return "";
}

std::optional<TaskStatus> ParseTaskStatus(std::string_view name) {
  for (const StatusInfo& info : kStatuses) {
    if (info.name == name) return info.status;
  }
  return std::nullopt;
}

bool IsFinished(TaskStatus status) {
  return status == TaskStatus::kConfirmed || status == TaskStatus::kDone || status == TaskStatus::kWaived;
}

bool ClearsDependents(TaskStatus status) { return IsFinished(status) || status == TaskStatus::kUntracked; }

bool HasWork(TaskStatus status) {
  return status == TaskStatus::kSubmitted || status == TaskStatus::kReturned || IsFinished(status);
}

bool IsWaiting(TaskStatus status) {
  return status == TaskStatus::kScheduled || status == TaskStatus::kOpen || status == TaskStatus::kReturned;
}

bool IsOverdue(const TaskRecord& task, const Date& today) {
  return IsWaiting(task.status) && task.effective_due && *task.effective_due < today;
}

std::string TaskIdFor(std::string_view roadmap, std::string_view activity, std::string_view organisation,
                      std::string_view key) {
  std::string identity;
  for (std::string_view part : {roadmap, activity, organisation, key}) {
    identity.append(part);
    identity.push_back('\x1f');  // unit separator: no id contains it
  }
  Sha256Bytes digest = Sha256Digest(identity);
  static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  // Twelve characters of five bits each from the digest's first 60 bits (its first fifteen hex
  // digits).
  uint64_t bits = 0;
  for (size_t i = 0; i < 8; ++i) bits = (bits << 8) | digest[i];
  bits >>= 4;
  std::string id(kTaskIdLength, '0');
  for (int i = kTaskIdLength - 1; i >= 0; --i, bits >>= 5) id[static_cast<size_t>(i)] = kCrockford[bits & 31];
  return id;
}

std::string NormalizeTaskId(std::string_view text) {
  std::string id;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    id.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return id;
}

}  // namespace vekha
