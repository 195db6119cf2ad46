// The audit log under attack, from the CLI: a deployment signs its log (`vekha keys init`), a
// school submits and a curator confirms, then someone with the sqlite3 shell but not the key
// truncates the log, deletes it, rewrites an event and recomputes every later hash, edits a task,
// deletes or invents a submission, swaps an evidence file. `vekha audit verify` names each one.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/cli_support.h"

namespace vekha::testing_support {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;
using testing::Not;

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

class AuditCliTest : public testing::Test {
 protected:
  AuditCliTest() : deployment_(scratch_.CopyExample("kemerovo-okrug-500plus", {"500plus-2022.yaml"})) {
    std::ofstream(deployment_ + "/vekha.yaml", std::ios::app) << "audit:\n  signing_key: keys/audit.key\n";
  }

  void SetUp() override {
    Outcome created = Vekha({"keys", "init", "-d", deployment_});
    ASSERT_EQ(created.status, 0) << created.err;
    ASSERT_EQ(At("2022-03-01", {"sync"}).status, 0);
    questionnaire_ = TaskOf("r04-risk-questionnaire");
    concept_ = TaskOf("r06-concept-documents");
    ASSERT_EQ(At("2022-03-02T09:00:00Z", {"submit", questionnaire_, "--as", "proshletsova"}).status, 0);
    std::string concept_file = (scratch_.path() / "концепция.pdf").string();
    std::string programmes_file = (scratch_.path() / "программы.docx").string();
    std::ofstream(concept_file) << "концепция";
    std::ofstream(programmes_file) << "антирисковые программы";
    Outcome submitted = At("2022-03-10T09:00:00Z", {"submit", concept_, "--as", "proshletsova", "--file",
                                                    "1=" + concept_file, "--file", "2=" + programmes_file});
    ASSERT_EQ(submitted.status, 0) << submitted.err;
    ASSERT_EQ(At("2022-03-11T09:00:00Z", {"confirm", concept_, "--as", "krivosheeva"}).status, 0);
    Outcome verified = Verify();
    ASSERT_EQ(verified.status, 0) << verified.err;
    ASSERT_THAT(verified.out, HasSubstr("Журнал аудита цел"));
  }

  Outcome At(const std::string& now, std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--now", now});
    arguments.insert(arguments.end(), {"-d", deployment_});
    return Vekha(arguments);
  }

  Outcome Verify(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"audit", "verify", "-d", deployment_};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return Vekha(arguments);
  }

  std::string TaskOf(const std::string& activity) {
    Outcome listed = At("2022-03-01", {"tasks", "--format", "json"});
    nlohmann::json tasks = nlohmann::json::parse(listed.out);
    for (const nlohmann::json& task : tasks) {
      if (task["activity"] == activity && task["organisation"] == "metallploshchadka") return task["id"];
    }
    return "";
  }

  // Runs SQL with the sqlite3 shell, as an attacker with write access to the file would.
  void Tamper(const std::string& sql) {
    Outcome edited = Shell("sqlite3 " + Quote(Database()) + " " + Quote(sql));
    ASSERT_EQ(edited.status, 0) << edited.err;
  }

  std::string Query(const std::string& sql) {
    Outcome read = Shell("sqlite3 " + Quote(Database()) + " " + Quote(sql));
    EXPECT_EQ(read.status, 0) << read.err;
    return read.out.substr(0, read.out.find('\n'));
  }

  std::string Database() const { return deployment_ + "/var/vekha.sqlite3"; }

  ScratchDirectory scratch_;
  std::string deployment_;
  std::string questionnaire_;
  std::string concept_;
};

TEST_F(AuditCliTest, TheKeyIsMadeOnceReadableByItsOwnerOnlyAndEveryCommitIsSigned) {
  struct stat info {};
  ASSERT_EQ(::stat((deployment_ + "/keys/audit.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  Outcome again = Vekha({"keys", "init", "-d", deployment_});
  EXPECT_EQ(again.status, 1);
  EXPECT_THAT(again.err, HasSubstr("уже существует: ключ никогда не заменяется"));

  // One checkpoint per commit that appended events, chained without gaps, in the table and the file.
  int checkpoints = std::stoi(Query("SELECT count(*) FROM audit_checkpoints"));
  EXPECT_GE(checkpoints, 5);  // keys init, the sync, two submissions and a confirmation at least
  EXPECT_EQ(Query("SELECT count(*) FROM audit_checkpoints a JOIN audit_checkpoints b ON b.first = a.seq + 1"),
            std::to_string(checkpoints - 1));
  EXPECT_EQ(Query("SELECT max(seq) FROM audit_checkpoints"), Query("SELECT max(seq) FROM audit_log"));
  std::string copies = ReadFile(Database() + ".checkpoints");
  EXPECT_EQ(std::count(copies.begin(), copies.end(), '\n'), checkpoints);

  Outcome exported = Vekha({"audit", "checkpoint", "-d", deployment_});
  ASSERT_EQ(exported.status, 0) << exported.err;
  nlohmann::json checkpoint = nlohmann::json::parse(exported.out);
  EXPECT_EQ(std::to_string(checkpoint["seq"].get<int64_t>()), Query("SELECT max(seq) FROM audit_log"));
  EXPECT_EQ(checkpoint["signature"].get<std::string>().size(), 128u);

  ::chmod((deployment_ + "/keys/audit.key").c_str(), 0640);
  Outcome exposed = Verify();
  EXPECT_EQ(exposed.status, 1);
  EXPECT_THAT(exposed.err, HasSubstr("могут читать не только его владелец"));
}

TEST_F(AuditCliTest, DeletingTheLastEventsIsCaught) {
  Tamper("DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)");
  Outcome verified = Verify();
  EXPECT_EQ(verified.status, 1);
  EXPECT_THAT(verified.err, HasSubstr("журнал короче подписанного"));
  EXPECT_THAT(verified.err, HasSubstr("события удалены"));
}

TEST_F(AuditCliTest, DeletingTheWholeLogIsCaughtByTheFileBesideItOrByTheAuditorsCopy) {
  std::string kept = (scratch_.path() / "auditor.jsonl").string();
  ASSERT_EQ(Shell(Quote(VEKHA_BINARY) + " audit checkpoint -d " + Quote(deployment_) + " >> " + Quote(kept)).status, 0);

  Tamper("DELETE FROM audit_log; DELETE FROM audit_checkpoints;");
  Outcome verified = Verify();
  EXPECT_EQ(verified.status, 1);
  EXPECT_THAT(verified.err, HasSubstr("а последнее событие в журнале — нет ни одного; события удалены"));

  // The attacker found the file too: only what the auditor kept tells.
  fs::remove(Database() + ".checkpoints");
  EXPECT_EQ(Verify().status, 1);  // the tasks and submissions are still there, with no event
  Tamper("DELETE FROM evidence_files; DELETE FROM reported_values; DELETE FROM submissions; DELETE FROM tasks;");
  EXPECT_EQ(Verify().status, 0);  // nothing left to compare: an empty database is consistent
  Outcome with_copy = Verify({"--checkpoint", kept});
  EXPECT_EQ(with_copy.status, 1);
  EXPECT_THAT(with_copy.err, HasSubstr("(файл auditor.jsonl)"));
  EXPECT_THAT(with_copy.err, HasSubstr("события удалены"));
}

TEST_F(AuditCliTest, AnEventRewrittenWithEveryLaterHashRecomputedIsCaught) {
  // Who confirmed is rewritten, and the chain recomputed from there so that it holds again.
  Outcome dumped = Shell("sqlite3 -json " + Quote(Database()) +
                         " 'SELECT seq, at, actor, event, task_id, details, hash FROM audit_log ORDER BY seq'");
  ASSERT_EQ(dumped.status, 0) << dumped.err;
  nlohmann::json events = nlohmann::json::parse(dumped.out);
  std::string previous(64, '0');
  std::string sql = "BEGIN;";
  for (nlohmann::json& event : events) {
    if (event["event"] == "confirmed") event["actor"] = "mikhailova";
    nlohmann::json canonical = {{"actor", event["actor"]},
                                {"at", event["at"]},
                                {"details", nlohmann::json::parse(event["details"].get<std::string>())},
                                {"event", event["event"]},
                                {"seq", event["seq"]},
                                {"task", event["task_id"]}};
    std::string hash = Sha256Hex(previous + "\n" + canonical.dump());
    sql += fmt::format("UPDATE audit_log SET actor = '{}', hash = '{}' WHERE seq = {};",
                       event["actor"].get<std::string>(), hash, event["seq"].get<int64_t>());
    previous = hash;
  }
  Tamper(sql + "COMMIT;");
  Outcome verified = Verify();
  EXPECT_EQ(verified.status, 1);
  EXPECT_THAT(verified.err, Not(HasSubstr("цепочка хешей разорвана")));  // the chain itself holds
  EXPECT_THAT(verified.err, HasSubstr("журнал переписан и хеши пересчитаны"));
}

TEST_F(AuditCliTest, AnEventAppendedAroundVekhaIsCaught) {
  std::string head = Query("SELECT max(seq) FROM audit_log");
  std::string hash = Query("SELECT hash FROM audit_log WHERE seq = " + head);
  int64_t seq = std::stoll(head) + 1;
  nlohmann::json canonical = {{"actor", "krivosheeva"},
                              {"at", "2022-03-12T09:00:00Z"},
                              {"details", nlohmann::json::object()},
                              {"event", "waived"},
                              {"seq", seq},
                              {"task", questionnaire_}};
  Tamper(fmt::format(
      "INSERT INTO audit_log VALUES ({}, '2022-03-12T09:00:00Z', 'krivosheeva', 'waived', '{}', '{{}}', '{}')", seq,
      questionnaire_, Sha256Hex(hash + "\n" + canonical.dump())));
  Outcome verified = Verify();
  EXPECT_EQ(verified.status, 1);
  EXPECT_THAT(verified.err, HasSubstr(fmt::format("события #{}–#{} не подписаны", seq, seq)));
}

TEST_F(AuditCliTest, StateThatNoEventExplainsIsCaught) {
  Tamper("UPDATE tasks SET status = 'confirmed', finished_on = '2022-03-15' WHERE id = '" +
         TaskOf("r11-development-programmes") + "'");
  Outcome status = Verify();
  EXPECT_EQ(status.status, 1);
  EXPECT_THAT(status.err, HasSubstr("изменена в обход журнала"));
  EXPECT_THAT(status.err, HasSubstr("статус в таблице «confirmed», по журналу «open»"));
}

TEST_F(AuditCliTest, ADeletedOrInventedSubmissionIsCaught) {
  Tamper("INSERT INTO submissions (task_id, person, submitted_at, comment) VALUES ('" + questionnaire_ +
         "', 'proshletsova', '2022-03-03T09:00:00Z', 'задним числом')");
  Outcome invented = Verify();
  EXPECT_EQ(invented.status, 1);
  EXPECT_THAT(invented.err, HasSubstr("есть в таблице, но ни одно событие его не записало"));
  Tamper("DELETE FROM submissions WHERE comment = 'задним числом'");

  std::string submission = Query("SELECT id FROM submissions WHERE task_id = '" + concept_ + "'");
  Tamper("DELETE FROM evidence_files WHERE submission_id = " + submission +
         "; DELETE FROM submissions WHERE id = " + submission);
  Outcome deleted = Verify();
  EXPECT_EQ(deleted.status, 1);
  EXPECT_THAT(deleted.err, HasSubstr(fmt::format("ответ #{} по задаче {} есть в журнале", submission, concept_)));
  EXPECT_THAT(deleted.err, HasSubstr("но удалён из таблицы"));
}

TEST_F(AuditCliTest, ASwappedEvidenceFileIsCaught) {
  std::string sha = Query("SELECT sha256 FROM evidence_files ORDER BY rowid LIMIT 1");
  fs::path stored = fs::path(Database() + ".evidence") / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  ASSERT_TRUE(fs::exists(stored));
  fs::permissions(stored, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(stored, std::ios::trunc) << "подменённый";
  Outcome swapped = Verify();
  EXPECT_EQ(swapped.status, 1);
  EXPECT_THAT(swapped.err, HasSubstr("в хранилище"));

  fs::remove(stored);
  Outcome removed = Verify();
  EXPECT_EQ(removed.status, 1);
  EXPECT_THAT(removed.err, HasSubstr("файла нет в хранилище"));
}

TEST_F(AuditCliTest, CheckpointsSignedWithAnotherKeyAreRefused) {
  Outcome verified = Verify({"--public-key", std::string(64, 'a')});
  EXPECT_EQ(verified.status, 1);
  EXPECT_THAT(verified.err, HasSubstr("подписана чужим ключом"));

  Outcome malformed = Verify({"--public-key", "ABC"});
  EXPECT_EQ(malformed.status, 2);
  EXPECT_THAT(malformed.err, HasSubstr("64 шестнадцатеричные цифры"));
}

}  // namespace
}  // namespace vekha::testing_support
