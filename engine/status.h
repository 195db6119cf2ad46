// Status: errors as values inside Vekha (leveldb style). A Status is either OK or carries a
// human-readable message. Third-party exceptions are converted at the layer that calls the library.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace vekha {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kEmpty;
    return message_ ? *message_ : kEmpty;
  }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::optional<std::string> message_;
};

}  // namespace vekha
