// libFuzzer target: raw bytes from a client of `vekha run`'s web server. They are parsed by
// Boost.Beast with the server's own limits and, when they make a request, handled by the web
// application over a real store of the Zaozersk example — as an anonymous client, or with a
// coordinator's or a director's bearer token when the input carries one (the seed corpus does).
// Smuggling, oversize headers, broken forms and uploads, path traversal in file names: each must
// be refused with a status, never crash or trip a sanitizer.
// Every input starts from the same store (a copy of one synced once) and a new web application,
// so an input that fails does so alone and replays from its file.
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/clock.h"
#include "fuzz/fuzz_deployment.h"
#include "server/authenticator.h"
#include "server/beast_request.h"
#include "server/http_server.h"
#include "server/web_app.h"
#include "storage/evidence_store.h"
#include "storage/sqlite_access_store.h"
#include "storage/sqlite_task_store.h"
#include "workflows/deployment_loader.h"
#include "workflows/task_service.h"

namespace {

namespace http = boost::beast::http;

// The tokens the seed corpus uses: a coordinator's and a director's.
constexpr const char* kCoordinatorToken = "vk_fuzzcoordinator000000000000000000000000000000000";
constexpr const char* kDirectorToken = "vk_fuzzdirector000000000000000000000000000000000000";

// What every input shares: the deployment, the clock and a pristine store, synced once, with the
// two tokens.
struct Pristine {
  Pristine() : clock(std::chrono::sys_days{vekha::MakeDate(2022, 3, 1)} + std::chrono::hours(9)) {
    path = vekha::fuzz::ScratchZaozersk(/*roadmaps=*/true);
    vekha::Diagnostics diagnostics;
    vekha::LoadResult loaded = vekha::LoadDeployment(path, diagnostics);
    if (!loaded.deployment) std::abort();
    deployment = std::make_unique<vekha::Deployment>(std::move(*loaded.deployment));
    vekha::Status status;
    auto store = vekha::storage::OpenSqliteTaskStore(StorePath(), clock, status);
    auto access = vekha::storage::OpenSqliteAccessStore(StorePath(), clock, status);
    if (!store || !access) std::abort();
    vekha::storage::EvidenceStore evidence(path + "/evidence", 1 << 20);
    vekha::TaskService service(*deployment, *store, evidence, clock, 1000);
    vekha::SyncSummary summary;
    if (!service.Sync(summary).ok()) std::abort();
    for (auto [token, person] : {std::pair{kCoordinatorToken, "legkaya"}, std::pair{kDirectorToken, "markina"}}) {
      vekha::AccessToken issued;
      issued.person = person;
      if (!access->AddToken(vekha::server::SecretHash(token), issued).ok()) std::abort();
    }
  }  // the stores close here; each input copies the file (and its WAL, should one be left)

  std::string StorePath() const { return path + "/pristine.sqlite3"; }

  vekha::FakeClock clock;
  std::string path;
  std::unique_ptr<vekha::Deployment> deployment;
};

// One input's world: a fresh copy of the pristine store, an empty evidence directory and a new
// web application (its sign-in throttle included).
struct WebFixture {
  explicit WebFixture(const Pristine& pristine) {
    namespace fs = std::filesystem;
    std::string working = pristine.path + "/input.sqlite3";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(working + suffix);
    fs::remove_all(pristine.path + "/input-evidence");
    for (const char* suffix : {"", "-wal"}) {
      if (fs::exists(pristine.StorePath() + suffix)) fs::copy_file(pristine.StorePath() + suffix, working + suffix);
    }
    vekha::Status status;
    store = vekha::storage::OpenSqliteTaskStore(working, pristine.clock, status);
    access = vekha::storage::OpenSqliteAccessStore(working, pristine.clock, status);
    if (!store || !access) std::abort();
    evidence = std::make_unique<vekha::storage::EvidenceStore>(pristine.path + "/input-evidence", 1 << 20);
    service = std::make_unique<vekha::TaskService>(*pristine.deployment, *store, *evidence, pristine.clock, 1000);
    app = std::make_unique<vekha::server::WebApp>(vekha::server::SiteContext{
        *pristine.deployment, *store, *service, *evidence, *access, pristine.clock, "http://127.0.0.1:8080"});
  }

  std::unique_ptr<vekha::TaskStore> store;
  std::unique_ptr<vekha::AccessStore> access;
  std::unique_ptr<vekha::storage::EvidenceStore> evidence;
  std::unique_ptr<vekha::TaskService> service;
  std::unique_ptr<vekha::server::WebApp> app;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Pristine pristine;
  vekha::server::HttpLimits limits;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser.body_limit(limits.body_bytes);
  parser.eager(true);
  boost::beast::error_code error;
  size_t used = parser.put(boost::asio::buffer(data, size), error);
  if (error == http::error::need_more) error = {};
  // The end of the connection: a request without a length ends there (put_eof needs a header).
  if (!error && used == size && parser.got_some() && !parser.is_done()) parser.put_eof(error);
  if (error || !parser.is_done()) return 0;  // the server answers 400, 413 or 431 and closes
  WebFixture fixture(pristine);
  vekha::server::HttpResponse response = fixture.app->Handle(vekha::server::FromBeast(parser.release(), "127.0.0.1"));
  if (response.status < 200 || response.status > 599) std::abort();
  return 0;
}
