// libFuzzer target: a deployment's vekha.yaml — settings, includes, calendar, notifications,
// rules, HTTP — loaded over the Zaozersk directory the way `vekha check` loads it. Whatever the
// file holds, the loader must answer with diagnostics that have a position, never crash or hang.
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
    std::ofstream settings(std::filesystem::path(deployment) / "vekha.yaml", std::ios::binary | std::ios::trunc);
    settings.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  vekha::Diagnostics diagnostics;
  (void)vekha::LoadDeployment(deployment, diagnostics);
  return 0;
}
