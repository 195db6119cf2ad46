// TempDeployment: a deployment directory written to a fresh temporary folder for one test, with
// a small valid base (vekha.yaml, organisations, people) that tests add roadmaps to or overwrite.
// Removed when the object goes away.
#pragma once

#include <filesystem>
#include <string>

#include "workflows/deployment_loader.h"

namespace vekha::testing_support {

class TempDeployment {
 public:
  TempDeployment();
  ~TempDeployment();
  TempDeployment(const TempDeployment&) = delete;
  TempDeployment& operator=(const TempDeployment&) = delete;

  // Writes `contents` to `relative_path` under the deployment directory.
  void Write(const std::string& relative_path, const std::string& contents) const;
  // Writes roadmaps/test.yaml: a roadmap 2021-06-01..2023-12-31 owned by «mku» with the given
  // activities (YAML list items indented by four spaces).
  void WriteRoadmap(const std::string& activities) const;

  std::string path() const { return root_.string(); }
  std::string File(const std::string& relative_path) const { return (root_ / relative_path).string(); }

  // Loads the deployment and returns every diagnostic formatted, one per line.
  std::string Check(Diagnostics& diagnostics) const;

 private:
  std::filesystem::path root_;
};

}  // namespace vekha::testing_support
