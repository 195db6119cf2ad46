#include "tests/workflows/test_deployment.h"

#include <fstream>
#include <random>

namespace vekha::testing_support {

namespace fs = std::filesystem;

TempDeployment::TempDeployment() {
  std::random_device random;
  root_ = fs::temp_directory_path() / ("vekha-test-" + std::to_string(random()) + std::to_string(random()));
  fs::create_directories(root_ / "roadmaps");
  Write("vekha.yaml",
        "name: Тест\n"
        "time_zone: Europe/Moscow\n"
        "include: [organisations.yaml, people.yaml, roadmaps/*.yaml]\n");
  Write("organisations.yaml",
        "roles:\n"
        "  specialist: Специалист\n"
        "  director: Директор\n"
        "organisations:\n"
        "  - {id: mku, name: МКУ, kind: authority}\n"
        "  - {id: school-1, name: Школа 1, kind: school, parent: mku, tags: [500plus]}\n"
        "  - {id: school-2, name: Школа 2, kind: school, parent: mku, time_zone: Asia/Novokuznetsk}\n");
  Write("people.yaml",
        "people:\n"
        "  - {id: ivanova, name: Иванова И.И., email: ivanova@example.org, roles: [specialist@mku]}\n"
        "  - {id: petrov, name: Петров П.П., email: petrov@example.org, roles: [director@school-1]}\n"
        "  - {id: sidorova, name: Сидорова С.С., email: sidorova@example.org, roles: [director@school-2]}\n");
}

TempDeployment::~TempDeployment() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void TempDeployment::Write(const std::string& relative_path, const std::string& contents) const {
  fs::path file = root_ / relative_path;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << contents;
}

void TempDeployment::WriteRoadmap(const std::string& activities) const {
  Write("roadmaps/test.yaml",
        "roadmap:\n"
        "  id: test\n"
        "  title: Тестовая дорожная карта\n"
        "  period: {from: 2021-06-01, to: 2023-12-31}\n"
        "  owner: mku\n"
        "  coordinator: ivanova\n"
        "  activities:\n" +
            activities);
}

std::string TempDeployment::Check(Diagnostics& diagnostics) const {
  LoadDeployment(path(), diagnostics);
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics.entries()) {
    std::string line = FormatDiagnostic(diagnostic);
    if (line.starts_with(root_.string() + "/")) line.erase(0, root_.string().size() + 1);
    text += line + "\n";
  }
  return text;
}

}  // namespace vekha::testing_support
