#include "workflows/audit_verifier.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/timing.h"
#include "workflows/task_service.h"

namespace vekha {

namespace {

// A task as the events leave it.
struct ReplayedTask {
  std::string status;
  std::string opens;
  std::string due;  // "" for none
  std::string effective_due;
  std::string finished_on;
  std::string kind;  // "" when no event carried it (a task only materialised)
  std::string origin;
  int64_t seq = 0;  // the event that last set it
};

// A submission as its "submitted" event describes it.
struct ReplayedSubmission {
  std::string task_id;
  std::string person;
  nlohmann::json details;
  int64_t seq = 0;
};

// Whether a task's identity still hashes to its id: the events filed under the id describe it.
bool IdentityHolds(const TaskRecord& task) {
  return task.id == TaskIdFor(task.roadmap, task.activity, task.organisation, task.key);
}

std::string DateText(const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : ""; }

std::string DateText(const nlohmann::json& value) { return value.is_string() ? value.get<std::string>() : ""; }

ReplayedTask FromAfter(const nlohmann::json& after, int64_t seq) {
  return ReplayedTask{after.value("status", ""),
                      DateText(after.value("opens", nlohmann::json())),
                      DateText(after.value("due", nlohmann::json())),
                      DateText(after.value("effective_due", nlohmann::json())),
                      DateText(after.value("finished_on", nlohmann::json())),
                      after.value("kind", ""),
                      after.value("origin", ""),
                      seq};
}

// The differences between a stored task and what the events say of it, as «field: …» phrases.
std::vector<std::string> Differences(const TaskRecord& stored, const ReplayedTask& replayed) {
  std::vector<std::string> out;
  auto compare = [&](const char* field, const std::string& in_table, const std::string& in_log) {
    if (in_table != in_log) {
      out.push_back(fmt::format("{} в таблице «{}», по журналу «{}»", field, in_table.empty() ? "—" : in_table,
                                in_log.empty() ? "—" : in_log));
    }
  };
  compare("статус", std::string(TaskStatusName(stored.status)), replayed.status);
  compare("открытие", FormatIsoDate(stored.opens), replayed.opens);
  compare("срок", DateText(stored.due), replayed.due);
  compare("срок с переносом", DateText(stored.effective_due), replayed.effective_due);
  compare("дата завершения", DateText(stored.finished_on), replayed.finished_on);
  if (!replayed.kind.empty()) compare("повторение", std::string(RepeatName(stored.kind)), replayed.kind);
  compare("происхождение", stored.origin == TaskOrigin::kManual ? "manual" : "plan", replayed.origin);
  return out;
}

// Where a checkpoint came from, for the findings.
struct SourcedCheckpoint {
  AuditCheckpoint checkpoint;
  std::string source;
};

class Verifier {
 public:
  Verifier(TaskStore& store, const EvidenceSink& evidence, const AuditCheckOptions& options, AuditReport& report)
      : store_(store), evidence_(evidence), options_(options), report_(report) {}

  // One pass over the log (the chain walked as the events are replayed) and one over the tasks.
  Status Run() {
    if (Status gathered = GatherCheckpoints(); !gathered.ok()) return gathered;
    if (Status replayed = Replay(); !replayed.ok()) return replayed;
    if (walker_.first_broken()) {
      report_.problems.push_back(
          fmt::format("цепочка хешей разорвана на событии #{}: {}", *walker_.first_broken(), walker_.reason()));
    }
    CheckCheckpoints();
    if (Status tasks = CompareTasks(); !tasks.ok()) return tasks;
    return CompareSubmissions();
  }

 private:
  Status GatherCheckpoints() {
    std::vector<AuditCheckpoint> stored;
    if (Status status = store_.Checkpoints(stored); !status.ok()) return status;
    for (AuditCheckpoint& checkpoint : stored) {
      database_seqs_.insert(checkpoint.seq);
      database_.push_back(checkpoint);
      all_.push_back({std::move(checkpoint), "база данных"});
    }
    if (!database_.empty()) report_.latest = database_.back();
    auto read = [&](const std::string& path) -> Status {
      std::vector<AuditCheckpoint> read_back;
      if (Status status = ReadCheckpoints(path, read_back); !status.ok()) return status;
      std::string source = fmt::format("файл {}", std::filesystem::path(path).filename().string());
      for (AuditCheckpoint& checkpoint : read_back) {
        file_checkpoints_.push_back({checkpoint, source});
        all_.push_back({std::move(checkpoint), source});
      }
      return Status::Ok();
    };
    std::error_code ignored;
    if (std::filesystem::exists(store_.checkpoint_file(), ignored)) {
      if (Status status = read(store_.checkpoint_file()); !status.ok()) return status;
    }
    for (const std::string& path : options_.checkpoint_files) {
      if (Status status = read(path); !status.ok()) return status;
    }
    for (const SourcedCheckpoint& sourced : all_) wanted_hashes_.emplace(sourced.checkpoint.seq, "");
    return Status::Ok();
  }

  Status Replay() {
    return store_.ScanAudit([&](const AuditEntry& entry) -> Status {
      walker_.Visit(entry);
      ++report_.events;
      head_ = entry.seq;
      if (auto wanted = wanted_hashes_.find(entry.seq); wanted != wanted_hashes_.end()) wanted->second = entry.hash;
      if (entry.task_id.empty()) return Status::Ok();
      bool materialised = entry.event == "materialised";
      // Only events that carry a task's state are parsed: most of a large log is notifications.
      if (!materialised && entry.details.find("\"after\":") == std::string::npos && entry.event != "submitted") {
        return Status::Ok();
      }
      nlohmann::json details = nlohmann::json::parse(entry.details, nullptr, false);
      if (details.is_discarded() || !details.is_object()) return Status::Ok();  // the chain check saw its hash
      if (materialised) {
        tasks_[entry.task_id] = ReplayedTask{std::string(TaskStatusName(TaskStatus::kScheduled)),
                                             DateText(details.value("opens", nlohmann::json())),
                                             DateText(details.value("due", nlohmann::json())),
                                             DateText(details.value("effective_due", nlohmann::json())),
                                             "",
                                             "",
                                             "plan",
                                             entry.seq};
      } else if (details.contains("after") && details["after"].is_object()) {
        tasks_[entry.task_id] = FromAfter(details["after"], entry.seq);
      }
      if (entry.event == "submitted" && details.contains("submission")) {
        int64_t id = details["submission"].is_number_integer() ? details["submission"].get<int64_t>() : 0;
        submissions_[id] = ReplayedSubmission{entry.task_id, entry.actor, std::move(details), entry.seq};
      }
      return Status::Ok();
    });
  }

  void CheckCheckpoints() {
    if (options_.trusted_key.empty()) {
      if (!all_.empty()) {
        report_.notes.push_back(
            "ключ подписи не настроен (audit.signing_key), поэтому подписи контрольных точек не проверены; "
            "аудитор может указать открытый ключ параметром --public-key");
      } else {
        report_.notes.push_back(
            "журнал не подписывается: без ключа (audit.signing_key) удаление последних событий или всего журнала "
            "и пересчёт хешей не обнаруживаются");
      }
      return;
    }
    for (const SourcedCheckpoint& sourced : all_) {
      const AuditCheckpoint& checkpoint = sourced.checkpoint;
      ++report_.checkpoints;
      if (checkpoint.public_key != options_.trusted_key) {
        report_.problems.push_back(fmt::format("контрольная точка #{} ({}) подписана чужим ключом {}", checkpoint.seq,
                                               sourced.source, checkpoint.public_key));
        continue;
      }
      if (!CheckpointSignatureHolds(checkpoint)) {
        report_.problems.push_back(fmt::format("подпись контрольной точки #{} ({}) не сходится: точка подделана",
                                               checkpoint.seq, sourced.source));
        continue;
      }
      if (checkpoint.seq > head_) {
        report_.problems.push_back(fmt::format(
            "журнал короче подписанного: контрольная точка #{} ({}) от {}, а последнее событие в журнале — {}; "
            "события удалены",
            checkpoint.seq, sourced.source, checkpoint.at, head_ == 0 ? "нет ни одного" : fmt::format("#{}", head_)));
        continue;
      }
      if (wanted_hashes_[checkpoint.seq] != checkpoint.hash) {
        report_.problems.push_back(fmt::format(
            "событие #{} не то, что подписано в контрольной точке ({}) от {}: журнал переписан и хеши пересчитаны",
            checkpoint.seq, sourced.source, checkpoint.at));
      }
    }
    for (const SourcedCheckpoint& sourced : file_checkpoints_) {
      if (sourced.checkpoint.seq <= head_ && !database_seqs_.contains(sourced.checkpoint.seq) &&
          sourced.checkpoint.public_key == options_.trusted_key) {
        report_.problems.push_back(fmt::format("контрольная точка #{} есть в {}, но удалена из базы данных",
                                               sourced.checkpoint.seq, sourced.source));
      }
    }
    // Each commit checkpoints what it appended, so the database's checkpoints follow one another
    // without gaps up to the last event.
    int64_t covered = 0;
    for (const AuditCheckpoint& checkpoint : database_) {
      if (checkpoint.public_key != options_.trusted_key) continue;
      if (covered == 0 && checkpoint.first > 1) {
        report_.notes.push_back(
            fmt::format("события #1–#{} записаны до того, как журнал стал подписываться", checkpoint.first - 1));
      } else if (covered != 0 && checkpoint.first > covered + 1) {
        report_.problems.push_back(
            fmt::format("события #{}–#{} добавлены в обход Vekha: ни одна подписанная запись их не добавляла",
                        covered + 1, checkpoint.first - 1));
      }
      covered = std::max(covered, checkpoint.seq);
    }
    if (head_ > covered) {
      report_.problems.push_back(
          covered == 0
              ? fmt::format("ни одно из {} событий не подписано, хотя ключ подписи настроен; если подпись только что "
                            "включена, выполните vekha keys init — он подпишет журнал в первый раз",
                            head_)
              : fmt::format("события #{}–#{} не подписаны: их добавили в обход Vekha", covered + 1, head_));
    }
  }

  Status CompareTasks() {
    std::vector<TaskRecord> stored;
    if (Status status = store_.ListTasks(TaskQuery{}, stored); !status.ok()) return status;
    report_.tasks = static_cast<int64_t>(stored.size());
    std::unordered_set<std::string> seen;
    for (const TaskRecord& task : stored) {
      seen.insert(task.id);
      if (!IdentityHolds(task)) {
        report_.problems.push_back(fmt::format(
            "задача {} изменена: её план, мероприятие, организация или период больше не дают её номер", task.id));
      }
      auto replayed = tasks_.find(task.id);
      if (replayed == tasks_.end()) {
        report_.problems.push_back(
            fmt::format("задача {} ({}, {}, {}, {}) есть в таблице, но ни одно событие её не создало", task.id,
                        task.roadmap, task.activity, task.organisation, task.key));
        continue;
      }
      std::vector<std::string> differences = Differences(task, replayed->second);
      if (!differences.empty()) {
        report_.problems.push_back(fmt::format("задача {} изменена в обход журнала (последнее событие #{}): {}",
                                               task.id, replayed->second.seq, fmt::join(differences, "; ")));
      }
    }
    std::vector<std::string> missing;
    for (const auto& [id, replayed] : tasks_) {
      if (!seen.contains(id)) missing.push_back(id);
    }
    std::sort(missing.begin(), missing.end());
    for (const std::string& id : missing) {
      report_.problems.push_back(
          fmt::format("задача {} есть в журнале (событие #{}), но удалена из таблицы", id, tasks_[id].seq));
    }
    return Status::Ok();
  }

  Status CompareSubmissions() {
    std::set<int64_t> seen;
    std::unordered_map<std::string, std::string> checked_files;  // sha256 → problem ("" when held)
    Status scanned = store_.ScanSubmissions([&](const Submission& submission) -> Status {
      ++report_.submissions;
      seen.insert(submission.id);
      auto replayed = submissions_.find(submission.id);
      if (replayed == submissions_.end()) {
        report_.problems.push_back(
            fmt::format("ответ #{} по задаче {} есть в таблице, но ни одно событие его не записало", submission.id,
                        submission.task_id));
      } else {
        const ReplayedSubmission& expected = replayed->second;
        // The table's submission as Submit would have recorded it, beside what its event recorded.
        nlohmann::json stored = nlohmann::json::parse(SubmittedJson(submission.id, submission));
        std::vector<std::string> differences;
        if (expected.task_id != submission.task_id) differences.push_back("задача");
        if (expected.person != submission.person) differences.push_back("автор");
        for (const auto& [key, word] :
             {std::pair{"comment", "комментарий"}, {"files", "файлы"}, {"values", "значения"}}) {
          if (expected.details.value(key, nlohmann::json()) != stored[key]) differences.push_back(word);
        }
        if (!differences.empty()) {
          report_.problems.push_back(fmt::format("ответ #{} по задаче {} изменён в обход журнала (событие #{}): {}",
                                                 submission.id, submission.task_id, expected.seq,
                                                 fmt::join(differences, ", ")));
        }
      }
      for (const EvidenceFile& file : submission.files) {
        ++report_.evidence_files;
        auto checked = checked_files.find(file.sha256);
        if (checked == checked_files.end()) {
          Status held = evidence_.Holds(file.sha256, file.size);
          checked = checked_files.emplace(file.sha256, held.ok() ? "" : held.message()).first;
        }
        if (!checked->second.empty()) {
          report_.problems.push_back(fmt::format("файл «{}» ответа #{} по задаче {}: {}", file.original_name,
                                                 submission.id, submission.task_id, checked->second));
        }
      }
      return Status::Ok();
    });
    if (!scanned.ok()) return scanned;
    for (const auto& [id, expected] : submissions_) {
      if (!seen.contains(id)) {
        report_.problems.push_back(
            fmt::format("ответ #{} по задаче {} есть в журнале (событие #{}), но удалён из таблицы", id,
                        expected.task_id, expected.seq));
      }
    }
    return Status::Ok();
  }

  TaskStore& store_;
  const EvidenceSink& evidence_;
  const AuditCheckOptions& options_;
  AuditReport& report_;
  ChainWalker walker_;
  int64_t head_ = 0;
  std::vector<SourcedCheckpoint> all_;
  std::vector<SourcedCheckpoint> file_checkpoints_;
  std::vector<AuditCheckpoint> database_;
  std::set<int64_t> database_seqs_;
  std::unordered_map<int64_t, std::string> wanted_hashes_;  // checkpoint seq → the log's hash there
  std::unordered_map<std::string, ReplayedTask> tasks_;
  std::map<int64_t, ReplayedSubmission> submissions_;
};

}  // namespace

Status VerifyAuditChain(TaskStore& store, AuditVerification& out) {
  ChainWalker walker;
  if (Status scanned = store.ScanAudit([&](const AuditEntry& entry) {
        walker.Visit(entry);
        return Status::Ok();
      });
      !scanned.ok()) {
    return scanned;
  }
  out.events = walker.events();
  out.first_broken = walker.first_broken();
  out.reason = walker.reason();
  std::vector<TaskRecord> tasks;
  if (Status listed = store.ListTasks(TaskQuery{}, tasks); !listed.ok()) return listed;
  out.tasks = static_cast<int64_t>(tasks.size());
  for (const TaskRecord& task : tasks) {
    if (!IdentityHolds(task)) out.altered_tasks.push_back(task.id);
  }
  return Status::Ok();
}

Status VerifyAuditTrail(TaskStore& store, const EvidenceSink& evidence, const AuditCheckOptions& options,
                        AuditReport& report) {
  return Verifier(store, evidence, options, report).Run();
}

}  // namespace vekha
