#include "tests/app/web_driver.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/app/http_client.h"

namespace vekha::testing_support {

namespace {

constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

std::string Base64Decode(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                               reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) throw std::runtime_error("bad base64 from the browser");
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  bytes.resize(static_cast<size_t>(length) - padding);
  return bytes;
}

}  // namespace

WebDriver::WebDriver(const std::filesystem::path& directory) : port_(FreePort()) {
  driver_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{"/usr/bin/chromedriver", "--port=" + std::to_string(port_)},
      directory / "chromedriver.log");
  bool ready = WaitFor(
      [&] {
        HttpReply status = SendHttp(port_, {"GET", "/status", {}, ""});
        return status.status == 200;
      },
      30);
  if (!ready) throw std::runtime_error("chromedriver did not start");
  nlohmann::json arguments = {"--headless=new",
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-quic",
                              "--no-first-run",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync",
                              "--window-size=1280,1000",
                              "--user-data-dir=" + (directory / "profile").string()};
  nlohmann::json capabilities = {
      {"capabilities",
       {{"alwaysMatch",
         {{"browserName", "chrome"},
          {"goog:chromeOptions", {{"binary", "/usr/bin/chromium"}, {"args", arguments}}}}}}}};
  nlohmann::json created = Command("POST", "/session", capabilities);
  session_ = created["sessionId"];
}

WebDriver::~WebDriver() {
  if (!session_.empty()) {
    try {
      Command("DELETE", "/session/" + session_);
    } catch (const std::exception&) {
      // The driver goes away below in any case.
    }
  }
}

nlohmann::json WebDriver::Command(const std::string& method, const std::string& path, const nlohmann::json& body) {
  HttpCall call;
  call.method = method;
  call.target = path;
  if (method == "POST") {
    call.headers.emplace_back("Content-Type", "application/json");
    call.body = body.is_null() ? "{}" : body.dump();
  }
  HttpReply reply = SendHttp(port_, call);
  nlohmann::json json = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status != 200 || json.is_discarded()) {
    throw std::runtime_error("webdriver " + method + " " + path + ": " + std::to_string(reply.status) + " " +
                             reply.body);
  }
  return json["value"];
}

void WebDriver::Open(const std::string& url) { Command("POST", "/session/" + session_ + "/url", {{"url", url}}); }

std::string WebDriver::Find(const std::string& css) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string last_error;
  while (true) {
    try {
      nlohmann::json element =
          Command("POST", "/session/" + session_ + "/element", {{"using", "css selector"}, {"value", css}});
      if (!element.contains(kElementKey)) throw std::runtime_error("no element in " + element.dump());
      return element[kElementKey];
    } catch (const std::runtime_error& error) {
      last_error = error.what();
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("no element " + css + " on " + Url() + " (" + last_error + "):\n" +
                                 Source().substr(0, 1500));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void WebDriver::Type(const std::string& css, const std::string& text) {
  Command("POST", "/session/" + session_ + "/element/" + Find(css) + "/value", {{"text", text}});
}

void WebDriver::Clear(const std::string& css) {
  Command("POST", "/session/" + session_ + "/element/" + Find(css) + "/clear", nlohmann::json::object());
}

void WebDriver::Click(const std::string& css) {
  Command("POST", "/session/" + session_ + "/element/" + Find(css) + "/click", nlohmann::json::object());
}

std::string WebDriver::Text(const std::string& css) {
  return Command("GET", "/session/" + session_ + "/element/" + Find(css) + "/text");
}

std::string WebDriver::Source() { return Command("GET", "/session/" + session_ + "/source"); }

std::string WebDriver::Url() { return Command("GET", "/session/" + session_ + "/url"); }

void WebDriver::Screenshot(const std::filesystem::path& png) {
  std::string data = Command("GET", "/session/" + session_ + "/screenshot");
  std::filesystem::create_directories(png.parent_path());
  std::ofstream(png, std::ios::binary) << Base64Decode(data);
}

void WebDriver::Resize(int width, int height) {
  Command("POST", "/session/" + session_ + "/window/rect", {{"width", width}, {"height", height}});
}

nlohmann::json WebDriver::Run(const std::string& script) {
  return Command("POST", "/session/" + session_ + "/execute/sync",
                 {{"script", script}, {"args", nlohmann::json::array()}});
}

nlohmann::json WebDriver::RunAsync(const std::string& script) {
  return Command(
      "POST", "/session/" + session_ + "/execute/async",
      {{"script", "const done = arguments[arguments.length - 1];\n" + script}, {"args", nlohmann::json::array()}});
}

}  // namespace vekha::testing_support
