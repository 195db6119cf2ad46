#include "storage/evidence_store.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <utility>

#include "engine/sha256.h"
#include "engine/text.h"

namespace vekha::storage {

namespace fs = std::filesystem;

std::string MediaTypeOf(const std::string& file_name) {
  static constexpr std::array<std::pair<const char*, const char*>, 14> kTypes = {{
      {".pdf", "application/pdf"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xls", "application/vnd.ms-excel"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".odt", "application/vnd.oasis.opendocument.text"},
      {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
      {".txt", "text/plain"},
      {".csv", "text/csv"},
      {".html", "text/html"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".zip", "application/zip"},
  }};
  std::string extension = fs::path(file_name).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

namespace {

// Reads `in` to its end in 64 KiB chunks, handing each to `chunk`.
template <typename Fn>
void ForEachChunk(std::istream& in, Fn&& chunk) {
  std::array<char, 1 << 16> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    chunk(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
  }
}

}  // namespace

EvidenceStore::EvidenceStore(std::string root, int64_t max_bytes) : root_(std::move(root)), max_bytes_(max_bytes) {}

std::string EvidenceStore::PathOf(const std::string& sha256) const {
  return (fs::path(root_) / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256).string();
}

Status EvidenceStore::Holds(const std::string& sha256, int64_t size) const {
  std::string path = PathOf(sha256);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return Status::Corrupt("файла нет в хранилище");
  if (auto stored = static_cast<int64_t>(fs::file_size(path, error)); error || stored != size) {
    return Status::Corrupt(fmt::format("в хранилище {} байт вместо {}", error ? 0 : stored, size));
  }
  std::ifstream in(path, std::ios::binary);
  Sha256 hash;
  ForEachChunk(in, [&](std::string_view chunk) { hash.Update(chunk); });
  if (in.bad()) return Status::Corrupt("файл в хранилище не читается");
  if (hash.FinishHex() != sha256) return Status::Corrupt("содержимое файла в хранилище подменено: его хеш иной");
  return Status::Ok();
}

Status EvidenceStore::Put(const std::string& source, EvidenceFile& stored) const {
  // Messages name the file, never where it is: on the server that is a staging directory.
  std::string name = ReplaceInvalidUtf8(fs::path(source).filename().string());
  std::error_code error;
  if (!fs::is_regular_file(source, error))
    return Status::Error(fmt::format("«{}» — не файл, который можно прочитать", name));
  auto size = static_cast<int64_t>(fs::file_size(source, error));
  if (error) return Status::Error(fmt::format("не удалось прочитать «{}»: {}", name, error.message()));
  if (size > max_bytes_) {
    return Status::Error(fmt::format("«{}» — {} байт, а файл может быть не больше {} байт", name, size, max_bytes_));
  }
  // Hash while copying into a temporary file in the store, then rename it under its hash.
  fs::create_directories(root_, error);
  // Named by process and a counter, never by the source's name, which may be too long to add to.
  static std::atomic<uint64_t> next_temporary{0};
  std::string temporary = (fs::path(root_) / fmt::format(".incoming-{}-{}", ::getpid(), next_temporary++)).string();
  Sha256 hash;
  {
    std::ifstream in(source, std::ios::binary);
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!in || !out) return Status::Error(fmt::format("не удалось скопировать «{}» в хранилище документов", name));
    ForEachChunk(in, [&](std::string_view chunk) {
      hash.Update(chunk);
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    });
    out.flush();
    if (!out) {
      fs::remove(temporary, error);
      return Status::Error(fmt::format("не удалось записать «{}» в хранилище документов", name));
    }
  }
  stored.sha256 = hash.FinishHex();
  stored.size = size;
  // A name from another system's encoding (a cp1251 archive) is kept readable, not refused.
  stored.original_name = name;
  stored.media_type = MediaTypeOf(stored.original_name);
  fs::path target = PathOf(stored.sha256);
  if (fs::exists(target, error)) {
    fs::remove(temporary, error);  // stored once: the same content is already there
    return Status::Ok();
  }
  fs::create_directories(target.parent_path(), error);
  fs::rename(temporary, target, error);
  if (error) return Status::Error(fmt::format("не удалось сохранить «{}»: {}", name, error.message()));
  return Status::Ok();
}

}  // namespace vekha::storage
