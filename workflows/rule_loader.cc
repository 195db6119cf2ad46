#include "workflows/rule_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "engine/embedded_file.h"
#include "workflows/yaml_reader.h"

namespace vekha {

namespace {

const std::vector<std::string> kRuleKeys = {"id",      "title", "subject", "when",  "notify",      "template",
                                            "channel", "flag",  "return",  "stage", "repeat_days", "priority"};
const std::vector<std::string> kSubjects = {"task", "indicator"};
const std::vector<std::string> kChannels = {"log", "file", "webhook", "email"};
const std::vector<std::string> kRelations = {"responsible", "confirmer", "coordinator", "head"};

std::optional<rules::Recipient> ReadRecipient(YamlReader& reader, const YAML::Node& node) {
  auto text = reader.ScalarText(node, "получатель");
  if (!text) return std::nullopt;
  rules::Recipient recipient;
  recipient.text = *text;
  if (size_t at = text->find('@'); at != std::string::npos && at > 0 && at + 1 < text->size()) {
    recipient.kind = rules::Recipient::Kind::kRoleAt;
    recipient.role = text->substr(0, at);
    recipient.organisation = text->substr(at + 1);
    return recipient;
  }
  static const std::vector<std::pair<std::string, rules::Recipient::Kind>> kKinds = {
      {"responsible", rules::Recipient::Kind::kResponsible},
      {"confirmer", rules::Recipient::Kind::kConfirmer},
      {"coordinator", rules::Recipient::Kind::kCoordinator},
      {"head", rules::Recipient::Kind::kHead}};
  for (const auto& [name, kind] : kKinds) {
    if (*text == name) {
      recipient.kind = kind;
      return recipient;
    }
  }
  std::vector<std::string> hints = DidYouMean(*text, kRelations);
  hints.push_back("допустимо responsible, confirmer, coordinator, head или роль@организация");
  reader.Error(node, fmt::format("неизвестный получатель «{}»", *text), std::move(hints));
  return std::nullopt;
}

// An indicator rule notifies: it has no task to flag or return, nor a task's responsible or
// confirmer to write to.
void RefuseTaskActions(YamlReader& reader, const YAML::Node& node, const rules::Rule& rule) {
  for (const char* key : {"flag", "return"}) {
    if (node[key])
      reader.Error(node[key],
                   fmt::format("«{}» неприменимо: у правила показателя нет задачи, оно может только уведомлять", key));
  }
  for (const rules::Recipient& recipient : rule.notify) {
    if (recipient.kind == rules::Recipient::Kind::kResponsible ||
        recipient.kind == rules::Recipient::Kind::kConfirmer) {
      reader.Error(node["notify"], fmt::format("у показателя нет «{}»", recipient.text),
                   {"допустимо coordinator, head или роль@организация"});
    }
  }
}

void ReadRules(YamlReader& reader, std::vector<rules::Rule>& out) {
  const YAML::Node& root = reader.root();
  reader.CheckKeys(root, {"rules"}, "файл правил");
  const YAML::Node& list = root["rules"];
  if (!list) {
    reader.Error(root, "нет обязательного ключа «rules»");
    return;
  }
  ReadRuleList(reader, list, out);
}

}  // namespace

void ReadRuleList(YamlReader& reader, const YAML::Node& list, std::vector<rules::Rule>& out) {
  if (!reader.ExpectSequence(list, "«rules»")) return;
  std::set<std::string> ids;
  for (const YAML::Node& node : list) {
    if (!reader.ExpectMap(node, "каждое правило")) continue;
    reader.CheckKeys(node, kRuleKeys, "правило");
    rules::Rule rule;
    rule.where = reader.PositionOf(node);
    rule.id = reader.String(node, "id", true).value_or("");
    rule.title = reader.String(node, "title", true).value_or("");
    if (!rule.id.empty() && !ids.insert(rule.id).second)
      reader.Error(node["id"], fmt::format("идентификатор правила «{}» повторяется", rule.id));
    if (auto subject = reader.OneOf(node, "subject", kSubjects, "«subject» (предмет правила)")) {
      rule.subject = *subject == "indicator" ? rules::RuleSubject::kIndicator : rules::RuleSubject::kTask;
    }
    if (auto when = reader.String(node, "when", true)) {
      rule.when_text = *when;
      rules::CompileResult compiled = rules::CompileCondition(*when);
      if (compiled.condition) {
        rule.when = compiled.condition;
      } else {
        reader.diagnostics().Error(reader.PositionInScalar(node["when"], compiled.error.column - 1),
                                   fmt::format("правило «{}»: {}", rule.id, compiled.error.message),
                                   compiled.error.hints);
      }
    }
    if (const YAML::Node& notify = node["notify"]; notify) {
      if (notify.IsScalar()) {
        if (auto recipient = ReadRecipient(reader, notify)) rule.notify.push_back(*recipient);
      } else if (reader.ExpectSequence(notify, "«notify»")) {
        for (const YAML::Node& item : notify) {
          if (auto recipient = ReadRecipient(reader, item)) rule.notify.push_back(*recipient);
        }
      }
    }
    rule.template_id = reader.String(node, "template", false).value_or("");
    if (!rule.notify.empty() && rule.template_id.empty())
      reader.Error(node, "правилу, которое уведомляет, нужен «template»");
    if (auto channel = reader.String(node, "channel", false)) {
      if (std::find(kChannels.begin(), kChannels.end(), *channel) == kChannels.end()) {
        std::vector<std::string> hints = DidYouMean(*channel, kChannels);
        hints.push_back("допустимо log, file, webhook или email");
        reader.Error(node["channel"], fmt::format("неизвестный канал «{}»", *channel), std::move(hints));
      } else {
        rule.channel = *channel;
      }
    }
    rule.priority = reader.Integer(node, "priority", -1000, 1000).value_or(0);
    rule.flag = reader.String(node, "flag", false).value_or("");
    rule.return_reason = reader.String(node, "return", false).value_or("");
    if (!node["notify"] && rule.flag.empty() && rule.return_reason.empty()) {
      reader.Error(node, "правилу нужно действие: «notify», «flag» или «return»");
    }
    if (rule.subject == rules::RuleSubject::kIndicator) RefuseTaskActions(reader, node, rule);
    rule.stage = reader.String(node, "stage", false).value_or(rule.id);
    rule.repeat_days = reader.Integer(node, "repeat_days", 1, 366);
    out.push_back(std::move(rule));
  }
}

void LoadRuleFile(const std::string& path, Diagnostics& diagnostics, std::vector<rules::Rule>& out) {
  YamlReader reader(path, diagnostics);
  if (reader.Load()) ReadRules(reader, out);
}

void LoadRuleText(const std::string& text, const std::string& source, Diagnostics& diagnostics,
                  std::vector<rules::Rule>& out) {
  YamlReader reader(source, diagnostics);
  if (reader.LoadText(text)) ReadRules(reader, out);
}

std::vector<rules::Rule> DefaultRules() {
  std::vector<rules::Rule> rules;
  Diagnostics diagnostics;
  for (const EmbeddedFile& file : EmbeddedDefaultRules()) {
    LoadRuleText(std::string(file.contents), "data/rules/" + std::string(file.name), diagnostics, rules);
  }
  return rules;  // tests/workflows/rule_loader_test.cc keeps the shipped set free of errors
}

}  // namespace vekha
