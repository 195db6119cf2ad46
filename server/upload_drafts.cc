#include "server/upload_drafts.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <system_error>

#include "engine/whole_file.h"
#include "server/form_data.h"

namespace vekha::server {

namespace {

// Each document's draft: the name as uploaded in `name`, the data in `file/` under a name the file
// system takes, keeping the extension the evidence store reads the media type from.
constexpr const char* kNameFile = "name";
constexpr const char* kDataDirectory = "file";

std::optional<std::filesystem::path> DataOf(const std::filesystem::path& directory) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory / kDataDirectory, error)) return entry.path();
  return std::nullopt;
}

}  // namespace

UploadDrafts::UploadDrafts(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path UploadDrafts::DirectoryOf(const std::string& task, const std::string& person) const {
  // Task ids are Crockford base-32 and person ids a-z, 0-9, «-», «_», «.»: both are safe path parts.
  return root_ / task / person;
}

std::vector<DraftFile> UploadDrafts::Files(const std::string& task, const std::string& person) const {
  std::vector<DraftFile> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(DirectoryOf(task, person), error)) {
    std::optional<std::filesystem::path> data = DataOf(entry.path());
    std::optional<std::string> name = ReadWholeFile((entry.path() / kNameFile).string());
    std::error_code size_error;
    uintmax_t size = data ? std::filesystem::file_size(*data, size_error) : 0;
    if (!data || !name || size_error) continue;  // a draft cut short by a crash: as if never kept
    files.push_back({entry.path().filename().string(), *name, *data, size});
  }
  std::sort(files.begin(), files.end(),
            [](const DraftFile& a, const DraftFile& b) { return a.deliverable < b.deliverable; });
  return files;
}

Status UploadDrafts::Keep(const std::string& task, const std::string& person, const std::string& deliverable,
                          const std::string& name, std::string_view data) {
  // The number is a path component: digits only, so a form's field name never leaves the draft.
  if (deliverable.empty() || deliverable.size() > 4 || deliverable.find_first_not_of("0123456789") != std::string::npos)
    return Status::Error(fmt::format("черновик не сохранён: «{}» — не номер документа", deliverable));
  std::filesystem::path directory = DirectoryOf(task, person) / deliverable;
  std::error_code error;
  std::filesystem::remove_all(directory, error);
  std::filesystem::create_directories(directory, error);
  if (error) return Status::Error(fmt::format("не удалось сохранить черновик: {}", error.message()));
  // The data first, the name last: a draft without its name is not listed.
  std::filesystem::path path = directory / kDataDirectory / FileSystemName(name);
  std::filesystem::create_directories(path.parent_path(), error);
  std::ofstream(path, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
  std::ofstream(directory / kNameFile, std::ios::binary) << name;
  std::error_code size_error;
  if (std::filesystem::file_size(path, size_error) != data.size() || size_error) {
    std::filesystem::remove_all(directory, error);
    return Status::Error("не удалось сохранить черновик: диск заполнен или недоступен");
  }
  return Status::Ok();
}

void UploadDrafts::Discard(const std::string& task, const std::string& person) {
  std::error_code error;
  std::filesystem::remove_all(DirectoryOf(task, person), error);
}

}  // namespace vekha::server
