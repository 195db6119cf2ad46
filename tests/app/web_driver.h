// A W3C WebDriver client for the browser test: Debian's chromedriver driving headless Chromium
// (/usr/bin/chromium) over loopback — open a page, find elements by CSS, type (file inputs take
// a path), click, read the page, resize the window, run a script, save a screenshot.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/app/loopback_server.h"

namespace vekha::testing_support {

class WebDriver {
 public:
  // Starts chromedriver and a browser session with a fresh profile under `directory`; throws
  // std::runtime_error when either does not come up.
  explicit WebDriver(const std::filesystem::path& directory);
  ~WebDriver();
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  void Open(const std::string& url);
  // The element matching `css`, waiting up to 10 s for it; throws when there is none.
  std::string Find(const std::string& css);
  void Type(const std::string& css, const std::string& text);
  void Clear(const std::string& css);
  void Click(const std::string& css);
  std::string Text(const std::string& css);
  std::string Source();
  std::string Url();
  void Screenshot(const std::filesystem::path& png);
  // Sets the browser window's size in CSS pixels.
  void Resize(int width, int height);
  // Runs `script` (a function body; `return` gives the result) in the page.
  nlohmann::json Run(const std::string& script);
  // Runs `script`, which calls `done(result)` when it has finished, and returns the result.
  nlohmann::json RunAsync(const std::string& script);

 private:
  nlohmann::json Command(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

  int port_ = 0;
  std::unique_ptr<BackgroundProcess> driver_;
  std::string session_;
};

}  // namespace vekha::testing_support
