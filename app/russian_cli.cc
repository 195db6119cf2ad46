#include "app/russian_cli.h"

#include <fmt/format.h>

#include <regex>
#include <vector>

namespace vekha::app {

namespace {

// CLI11's messages (CLI/Error.hpp, CLI/Validators.hpp) and their Russian; $1… are the groups.
struct Translation {
  std::regex pattern;
  const char* russian;
};

const std::vector<Translation>& Translations() {
  static const std::vector<Translation> kTranslations = [] {
    std::vector<std::pair<const char*, const char*>> forms = {
        {R"(^A subcommand is required$)", "не указана команда: выберите одну из перечисленных в vekha --help"},
        {R"(^(.+) is required$)", "не указан обязательный аргумент $1"},
        {R"(^Could not convert: (.+) = (.+)$)", "$1: значение «$2» не подходит"},
        {R"(^The value (.+) is not an allowed value for (.+)$)", "$2: значение «$1» не допускается"},
        {R"(^(.+): (\d+) required (.+) missing$)", "$1: не хватает значения ($3)"},
        {R"(^Expected exactly (\d+) arguments to (.+), got (\d+)$)", "$2: нужно значений — $1, а дано $3"},
        {R"(^Expected at least (\d+) arguments to (.+), got (\d+)$)", "$2: нужно значений — не меньше $1, а дано $3"},
        {R"(^(.+): too many inputs for a flag$)", "$1: у флага не бывает значений"},
        {R"(^(.+): Should be true/false or a number$)", "$1: нужно true/false или число"},
        {R"(^(.+) requires (.+)$)", "$1 требует $2"},
        {R"(^(.+) excludes (.+)$)", "$1 нельзя указывать вместе с $2"},
        {R"(^(.+): (.+) not in \{(.+)\}$)", "$1: «$2» — недопустимое значение; допустимо: $3"},
        {R"(^(.+): Value (.+) not in range (.+) to (.+)$)", "$1: значение $2 вне промежутка от $3 до $4"},
        {R"(^(.+): Value (.+) could not be converted$)", "$1: значение «$2» не подходит"},
        {R"(^(.+) was not readable \(missing\?\)$)", "файл $1 не читается (его нет?)"},
    };
    std::vector<Translation> translations;
    for (const auto& [pattern, russian] : forms) translations.push_back({std::regex(pattern), russian});
    return translations;
  }();
  return kTranslations;
}

// Option types as people read them: «МОМЕНТ», not «TEXT:МОМЕНТ», when a validator names the form.
class RussianFormatter final : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* option) const override {
    static const std::regex kTextBeforeForm(R"(\bTEXT:)");
    static const std::regex kRange(R"(\bINT:INT in \[(-?\d+) - (-?\d+)\])");
    static const std::regex kFile(R"(\bFILE\b)");
    std::string opts = std::regex_replace(CLI::Formatter::make_option_opts(option), kTextBeforeForm, "");
    opts = std::regex_replace(opts, kRange, "ЧИСЛО от $1 до $2");
    return std::regex_replace(opts, kFile, "ФАЙЛ");
  }
};

// CLI11 lists unexpected arguments last first; people typed them first first.
std::string InTypedOrder(const std::string& reversed) {
  std::vector<std::string> words;
  for (size_t start = 0; start <= reversed.size();) {
    size_t space = reversed.find(' ', start);
    if (space == std::string::npos) space = reversed.size();
    words.push_back(reversed.substr(start, space - start));
    start = space + 1;
  }
  std::string typed;
  for (auto word = words.rbegin(); word != words.rend(); ++word) typed += (typed.empty() ? "" : " ") + *word;
  return typed;
}

bool SaysRussian(const std::string& text) {
  return text.find("\xD0") != std::string::npos || text.find("\xD1") != std::string::npos;
}

}  // namespace

std::string RussianParseError(std::string_view message) {
  std::string text(message);
  static const std::regex kExtras(R"(^The following arguments? (?:was|were) not expected: (.+)$)");
  if (std::smatch extras; std::regex_match(text, extras, kExtras))
    return "лишние аргументы: " + InTypedOrder(extras[1]);
  if (SaysRussian(text)) return text;  // the project's own validators speak Russian
  for (const Translation& translation : Translations()) {
    if (std::regex_match(text, translation.pattern))
      return std::regex_replace(text, translation.pattern, translation.russian);
  }
  return "неверная командная строка: " + text;
}

void UseRussian(CLI::App& app) {
  auto formatter = std::make_shared<RussianFormatter>();
  for (const auto& [label, russian] : std::vector<std::pair<const char*, const char*>>{
           {"Usage", "Запуск"},
           {"OPTIONS", "ПАРАМЕТРЫ"},
           {"SUBCOMMAND", "КОМАНДА"},
           {"SUBCOMMANDS", "КОМАНДЫ"},
           {"Positionals", "Аргументы"},
           {"REQUIRED", "ОБЯЗАТЕЛЬНО"},
           {"Env", "переменная окружения"},
           {"Needs", "Требует"},
           {"Excludes", "Несовместим с"},
           {"TEXT", "ТЕКСТ"},
           {"INT", "ЧИСЛО"},
           {"UINT", "ЧИСЛО"},
           {"FLOAT", "ЧИСЛО"},
       }) {
    formatter->label(label, russian);
  }
  auto failure = [](const CLI::App*, const CLI::Error& error) {
    return fmt::format("ошибка: {}\nСправка: vekha --help, vekha КОМАНДА --help\n", RussianParseError(error.what()));
  };
  std::function<void(CLI::App&)> apply = [&](CLI::App& command) {
    command.formatter(formatter);
    command.failure_message(failure);
    if (!command.get_group().empty()) command.group("Команды");
    command.set_help_flag("-h,--help", "Показать эту справку и выйти");
    for (CLI::Option* option : command.get_options()) {
      if (option->get_group() == "Options") option->group("Параметры");
    }
    for (CLI::App* subcommand : command.get_subcommands({})) apply(*subcommand);
  };
  apply(app);
}

}  // namespace vekha::app
