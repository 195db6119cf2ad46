// `check` of a deployment with 1,000 roadmap files of the Zaozersk size (docs/product.md, «Qualities»: about a second),
// beside the floor of merely parsing the same files with yaml-cpp in the same run.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "workflows/deployment_loader.h"

namespace vekha {
namespace {

namespace fs = std::filesystem;

constexpr int kRoadmapFiles = 1000;

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// A deployment directory: the Zaozersk organisations and people, and 1,000 roadmap files made
// from its seven roadmaps and the order's clauses, each with its own id.
class LargeDeployment {
 public:
  LargeDeployment() {
    root_ = fs::temp_directory_path() / fmt::format("vekha-bench-{}", ::getpid());
    fs::path example = fs::path(VEKHA_SOURCE_DIR) / "examples" / "zaozersk";
    fs::create_directories(root_ / "roadmaps");
    fs::copy_file(example / "vekha.yaml", root_ / "vekha.yaml");
    fs::copy_file(example / "organisations.yaml", root_ / "organisations.yaml");
    fs::copy_file(example / "people.yaml", root_ / "people.yaml");
    std::vector<std::string> templates;
    for (const auto& entry : fs::directory_iterator(example / "roadmaps")) templates.push_back(ReadFile(entry.path()));
    std::sort(templates.begin(), templates.end());
    std::regex id_line(R"(\n  id: ([a-z0-9-]+)\n)");
    for (int i = 0; i < kRoadmapFiles; ++i) {
      const std::string& source = templates[static_cast<size_t>(i) % templates.size()];
      std::string renamed = std::regex_replace(source, id_line, fmt::format("\n  id: $1-{}\n", i),
                                               std::regex_constants::format_first_only);
      std::ofstream(root_ / "roadmaps" / fmt::format("roadmap-{:04}.yaml", i)) << renamed;
      bytes_ += renamed.size();
    }
  }
  ~LargeDeployment() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }
  std::string path() const { return root_.string(); }
  size_t bytes() const { return bytes_; }

 private:
  fs::path root_;
  size_t bytes_ = 0;
};

const LargeDeployment& Deployment1000() {
  static const LargeDeployment kDeployment;
  return kDeployment;
}

void BM_Check1000RoadmapFiles(benchmark::State& state) {
  const LargeDeployment& deployment = Deployment1000();
  size_t activities = 0;
  for (auto _ : state) {
    Diagnostics diagnostics;
    LoadResult loaded = LoadDeployment(deployment.path(), diagnostics);
    if (!loaded.deployment || diagnostics.warnings() > 0) state.SkipWithError("the generated deployment is not clean");
    activities = 0;
    for (const Roadmap& roadmap : loaded.deployment->roadmaps) activities += roadmap.activities.size();
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["files"] = kRoadmapFiles;
  state.counters["activities"] = static_cast<double>(activities);
  state.SetBytesProcessed(static_cast<int64_t>(deployment.bytes()) * state.iterations());
}
BENCHMARK(BM_Check1000RoadmapFiles)->Unit(benchmark::kMillisecond)->MinTime(3);

// Baseline: yaml-cpp parsing the same files, with no validation at all.
void BM_YamlParseOnly1000RoadmapFiles(benchmark::State& state) {
  const LargeDeployment& deployment = Deployment1000();
  for (auto _ : state) {
    for (const auto& entry : fs::directory_iterator(fs::path(deployment.path()) / "roadmaps")) {
      YAML::Node node = YAML::LoadFile(entry.path().string());
      benchmark::DoNotOptimize(node);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(deployment.bytes()) * state.iterations());
}
BENCHMARK(BM_YamlParseOnly1000RoadmapFiles)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace vekha
