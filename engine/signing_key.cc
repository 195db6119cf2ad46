#include "engine/signing_key.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "engine/hex.h"

namespace vekha {

namespace {

constexpr size_t kPublicKeyBytes = 32;
constexpr size_t kSignatureBytes = 64;

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdContext = std::unique_ptr<EVP_MD_CTX, MdContextDeleter>;

}  // namespace

Status SigningKey::Create(const std::string& path) {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return Status::Error("OpenSSL не смог создать ключ Ed25519");
  // O_EXCL: never replace a key; 0600 from the start, so the key is never readable by others.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Error(
        errno == EEXIST
            ? fmt::format(
                  "{} уже существует: ключ никогда не заменяется, иначе подписи, сделанные им, нечем будет проверить",
                  path)
            : fmt::format("не удалось создать {}: {}", path, std::strerror(errno)));
  }
  FILE* file = ::fdopen(fd, "w");
  if (file == nullptr) {
    ::close(fd);
    return Status::Error(fmt::format("не удалось записать {}", path));
  }
  bool written = PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  written = std::fflush(file) == 0 && ::fsync(fd) == 0 && written;
  written = std::fclose(file) == 0 && written;
  if (!written) {
    ::unlink(path.c_str());
    return Status::Error(fmt::format("не удалось записать {}", path));
  }
  return Status::Ok();
}

std::unique_ptr<SigningKey> SigningKey::Load(const std::string& path, Status& status) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    status = Status::Error(fmt::format("{}: {}", path, std::strerror(errno)));
    return nullptr;
  }
  if (!S_ISREG(info.st_mode)) {
    status = Status::Error(fmt::format("{} — не обычный файл", path));
    return nullptr;
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    status = Status::Error(fmt::format("{} могут читать не только его владелец: выполните chmod 600 {}", path, path));
    return nullptr;
  }
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    status = Status::Error(fmt::format("не удалось прочитать {}: {}", path, std::strerror(errno)));
    return nullptr;
  }
  Pkey key(PEM_read_PrivateKey(file, nullptr, nullptr, nullptr));
  std::fclose(file);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    status = Status::Error(fmt::format("в {} нет закрытого ключа Ed25519 в формате PEM", path));
    return nullptr;
  }
  std::unique_ptr<SigningKey> loaded(new SigningKey(key.release()));
  unsigned char raw[kPublicKeyBytes];
  size_t size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(static_cast<EVP_PKEY*>(loaded->key_), raw, &size) != 1 || size != sizeof raw) {
    status = Status::Error(fmt::format("{}: не удалось получить открытый ключ", path));
    return nullptr;
  }
  loaded->public_key_ = HexOfBytes(std::span<const uint8_t>(raw, size));
  status = Status::Ok();
  return loaded;
}

SigningKey::SigningKey(void* key) : key_(key) {}

SigningKey::~SigningKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(key_)); }

std::string SigningKey::Sign(std::string_view message) const {
  MdContext context(EVP_MD_CTX_new());
  unsigned char signature[kSignatureBytes];
  size_t size = sizeof signature;
  // Ed25519 hashes the message itself: no digest is named, and the one-shot call is the only one.
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, static_cast<EVP_PKEY*>(key_)) != 1 ||
      EVP_DigestSign(context.get(), signature, &size, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    // A loaded Ed25519 key signs any message; failing here means OpenSSL itself is broken.
    std::abort();
  }
  return HexOfBytes(std::span<const uint8_t>(signature, size));
}

bool IsPublicKey(std::string_view hex) { return BytesOfHex(hex, kPublicKeyBytes).has_value(); }

bool SignatureHolds(const std::string& public_key, std::string_view message, const std::string& signature) {
  std::optional<std::vector<uint8_t>> key_bytes = BytesOfHex(public_key, kPublicKeyBytes);
  std::optional<std::vector<uint8_t>> signature_bytes = BytesOfHex(signature, kSignatureBytes);
  if (!key_bytes || !signature_bytes) return false;
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key_bytes->data(), key_bytes->size()));
  MdContext context(EVP_MD_CTX_new());
  return key && context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(context.get(), signature_bytes->data(), signature_bytes->size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

}  // namespace vekha
