// libFuzzer target: a roadmap YAML file as coordinators write it, loaded with the Zaozersk
// directory the way `vekha check` loads a deployment. Every malformed file — broken YAML, anchors
// and aliases, deep nesting, wrong types, bad dates and phrases — must end as diagnostics with a
// position, never as a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_deployment.h"
#include "workflows/deployment_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& deployment = vekha::fuzz::ScratchZaozersk(/*roadmaps=*/false);
  {
    std::ofstream roadmap(std::filesystem::path(deployment) / "roadmaps" / "fuzzed.yaml",
                          std::ios::binary | std::ios::trunc);
    roadmap.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  vekha::Diagnostics diagnostics;
  (void)vekha::LoadDeployment(deployment, diagnostics);
  return 0;
}
