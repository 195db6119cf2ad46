#include "engine/audit_checkpoint.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace vekha {

namespace {

// What is signed: a fixed prefix, so a checkpoint's signature can never pass for a signature
// over anything else, then every field on its own line.
std::string SignedText(const AuditCheckpoint& checkpoint) {
  return fmt::format("vekha audit checkpoint v1\n{}\n{}\n{}\n{}\n", checkpoint.first, checkpoint.seq, checkpoint.hash,
                     checkpoint.at);
}

}  // namespace

AuditCheckpoint SignCheckpoint(int64_t first, int64_t seq, const std::string& hash, const std::string& at,
                               const SigningKey& key) {
  AuditCheckpoint checkpoint{first, seq, hash, at, key.public_key(), ""};
  checkpoint.signature = key.Sign(SignedText(checkpoint));
  return checkpoint;
}

bool CheckpointSignatureHolds(const AuditCheckpoint& checkpoint) {
  return SignatureHolds(checkpoint.public_key, SignedText(checkpoint), checkpoint.signature);
}

std::string CheckpointLine(const AuditCheckpoint& checkpoint) {
  nlohmann::ordered_json line = {
      {"seq", checkpoint.seq}, {"first", checkpoint.first},           {"hash", checkpoint.hash},
      {"at", checkpoint.at},   {"public_key", checkpoint.public_key}, {"signature", checkpoint.signature}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status AppendCheckpoint(const std::string& path, const AuditCheckpoint& checkpoint) {
  std::string line = CheckpointLine(checkpoint) + '\n';
  // O_APPEND with one write: lines of several processes never interleave.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Error(fmt::format("не удалось открыть {}: {}", path, std::strerror(errno)));
  ssize_t written = ::write(fd, line.data(), line.size());
  int saved = errno;
  ::close(fd);
  if (written != static_cast<ssize_t>(line.size())) {
    return Status::Error(fmt::format("не удалось дописать контрольную точку в {}: {}", path, std::strerror(saved)));
  }
  return Status::Ok();
}

Status ReadCheckpoints(const std::string& path, std::vector<AuditCheckpoint>& out) {
  std::ifstream in(path);
  if (!in) return Status::Error(fmt::format("не удалось прочитать {}: {}", path, std::strerror(errno)));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto refused = [&](const std::string& what) {
      return Status::Error(
          fmt::format("{}:{}:1: {}; строка контрольной точки — объект JSON с полями seq, first, "
                      "hash, at, public_key и signature, как их выводит vekha audit checkpoint",
                      path, number, what));
    };
    nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return refused("это не JSON-объект");
    AuditCheckpoint checkpoint;
    try {
      checkpoint.seq = json.at("seq").get<int64_t>();
      checkpoint.first = json.at("first").get<int64_t>();
      checkpoint.hash = json.at("hash").get<std::string>();
      checkpoint.at = json.at("at").get<std::string>();
      checkpoint.public_key = json.at("public_key").get<std::string>();
      checkpoint.signature = json.at("signature").get<std::string>();
    } catch (const nlohmann::json::exception&) {
      return refused("не хватает поля или поле не того типа");
    }
    if (checkpoint.seq < 1 || checkpoint.first < 1 || checkpoint.first > checkpoint.seq) {
      return refused("номера событий seq и first должны быть положительными, first не больше seq");
    }
    out.push_back(std::move(checkpoint));
  }
  return Status::Ok();
}

}  // namespace vekha
