#include "workflows/deployment_loader.h"

#include <date/tz.h>
#include <fmt/format.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "engine/listen_address.h"
#include "engine/occurrences.h"
#include "engine/planner.h"
#include "engine/whole_file.h"
#include "workflows/event_loader.h"
#include "workflows/indicator_loader.h"
#include "workflows/notification_settings.h"
#include "workflows/rule_loader.h"
#include "workflows/structured_timing.h"
#include "workflows/timing_phrase.h"
#include "workflows/yaml_reader.h"

namespace vekha {

namespace fs = std::filesystem;

const std::vector<std::string>& OrganisationKinds() {
  static const std::vector<std::string> kKinds = {"authority",     "method-centre",        "school",
                                                  "kindergarten",  "additional-education", "federal-operator",
                                                  "regional-body", "working-group",        "other"};
  return kKinds;
}

namespace {

const std::vector<std::string> kHttpKeys = {"listen", "public_url", "session_hours", "max_connections_per_address",
                                            "trusted_proxies"};
const std::vector<std::string> kAuditKeys = {"signing_key"};
const std::vector<std::string> kSettingsKeys = {
    "name",  "time_zone",     "shift", "database",      "calendar", "max_evidence_mb", "include",
    "rules", "notifications", "http",  "allow_outside", "audit",    "tracking_from"};
const std::vector<std::string> kRuleSettingsKeys = {"defaults", "off", "files"};
const std::vector<std::string> kCalendarKeys = {"builtin", "files"};
const std::vector<std::string> kFileKeys = {"roles",    "organisations", "people",    "roadmap",
                                            "roadmaps", "events",        "indicators"};
const std::vector<std::string> kOrganisationKeys = {"id", "name", "kind", "parent", "tags", "time_zone"};
const std::vector<std::string> kPersonKeys = {"id", "name", "email", "phone", "roles", "time_zone"};
const std::vector<std::string> kAssignmentKeys = {"role", "at", "of"};
const std::vector<std::string> kRoadmapKeys = {"id",          "title", "source",     "period",    "year", "owner",
                                               "coordinator", "shift", "activities", "rules_off", "rules"};
const std::vector<std::string> kSourceKeys = {"issuer", "number", "date", "reference"};
const std::vector<std::string> kPeriodKeys = {"from", "to"};
const std::vector<std::string> kActivityKeys = {"id",         "title",         "timing", "repeat",    "shift",
                                                "lead_days",  "responsible",   "for",    "confirm",   "deliverables",
                                                "depends_on", "allow_partial", "source", "rules_off", "rules",
                                                "group",      "result"};
const std::vector<std::string> kSelectorKeys = {"kind", "tag", "tags", "orgs"};
const std::vector<std::string> kDeliverableKeys = {"document", "indicator", "unit", "target", "better"};

// The IANA time zone under `map["time_zone"]`, reporting an unknown one; empty when absent or wrong.
std::string ReadTimeZone(const YAML::Node& map, YamlReader& reader) {
  auto name = reader.String(map, "time_zone", false);
  if (!name) return {};
  try {
    if (date::locate_zone(*name) != nullptr) return *name;
  } catch (const std::exception&) {
  }
  reader.Error(
      map["time_zone"],
      fmt::format("неизвестный часовой пояс «{}»; нужно имя IANA, например Europe/Moscow или Asia/Novokuznetsk",
                  *name));
  return {};
}

std::string Describe(const SourcePosition& where) {
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

// Splits "a, b,c" into trimmed items, keeping empty ones so a dangling comma can be reported.
std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    size_t first = item.find_first_not_of(" \t");
    size_t last = item.find_last_not_of(" \t");
    items.push_back(first == std::string::npos ? std::string() : item.substr(first, last - first + 1));
  }
  if (!text.empty() && text.back() == ',') items.emplace_back();
  return items;
}

class DeploymentLoader {
 public:
  DeploymentLoader(Diagnostics& diagnostics, const LoadOptions& options) : diagnostics_(diagnostics) {
    std::error_code ignored;
    for (const std::string& file : options.leave_out) leave_out_.insert(fs::weakly_canonical(file, ignored));
  }

  LoadResult Load(const std::string& path) {
    fs::path settings_path = fs::is_directory(path) ? fs::path(path) / "vekha.yaml" : fs::path(path);
    base_ = settings_path.parent_path();
    LoadResult result;
    result.files.push_back(settings_path.string());
    std::vector<std::string> included;
    if (!LoadSettings(settings_path.string(), included)) return result;
    for (const std::string& file : included) {
      std::error_code ignored;
      if (leave_out_.contains(fs::weakly_canonical(file, ignored))) continue;
      result.files.push_back(file);
      LoadFile(file);
    }
    deployment_.Index();
    ValidateReferences();
    ResolveEventAnchors(deployment_, diagnostics_);
    AddScopedRules();
    ValidateRulesOff();
    if (!diagnostics_.HasErrors()) ValidateTimings();
    if (!diagnostics_.HasErrors()) {
      result.deployment = std::move(deployment_);
      result.rules = std::move(rules_);
    }
    return result;
  }

 private:
  // ----- vekha.yaml

  bool LoadSettings(const std::string& path, std::vector<std::string>& included) {
    YamlReader reader(path, diagnostics_);
    if (!reader.Load()) return false;
    const YAML::Node& root = reader.root();
    reader.CheckKeys(root, kSettingsKeys, "vekha.yaml");
    Settings& settings = deployment_.settings;
    settings.name = reader.String(root, "name", false).value_or("");
    if (std::string zone = ReadTimeZone(root, reader); !zone.empty()) settings.time_zone = zone;
    if (auto policy = ReadShiftPolicy(root, reader)) settings.shift = *policy;
    if (auto database = reader.String(root, "database", false)) settings.database = *database;
    if (fs::path(settings.database).is_relative())
      settings.database = (base_ / settings.database).lexically_normal().string();
    if (auto megabytes = reader.Integer(root, "max_evidence_mb", 1, 4096))
      settings.max_evidence_bytes = int64_t{*megabytes} << 20;
    settings.tracking_from = reader.IsoDate(root, "tracking_from", false);
    for (const std::string& allowed : reader.StringList(root, "allow_outside")) {
      fs::path outside = fs::path(allowed).is_absolute() ? fs::path(allowed) : base_ / allowed;
      allowed_outside_.push_back(fs::weakly_canonical(outside));
    }
    LoadCalendars(reader, root["calendar"]);
    LoadNotificationSettings(reader, root["notifications"], base_, settings.notifications);
    LoadHttpSettings(reader, root["http"], settings);
    LoadAuditSettings(reader, root["audit"], settings);
    LoadRules(reader, root["rules"]);
    for (std::string& file : GlobList(reader, root, "include")) included.push_back(std::move(file));
    if (!root["include"]) reader.Warning(root, "нет «include»: в развёртывании нет ни организаций, ни дорожных карт");
    return true;
  }

  // `http: {listen: "127.0.0.1:8080", public_url: "https://…", session_hours: 12}`. Without a
  // task link of its own, notifications link to the task's page.
  void LoadHttpSettings(YamlReader& reader, const YAML::Node& node, Settings& settings) {
    if (!node || !reader.ExpectMap(node, "«http»")) return;
    reader.CheckKeys(node, kHttpKeys, "«http»");
    HttpSettings& http = settings.http;
    if (auto listen = reader.String(node, "listen", true)) {
      if (ParseListenAddress(*listen)) {
        http.listen = *listen;
      } else {
        reader.Error(node["listen"], fmt::format("«{}» — не адрес для приёма соединений", *listen),
                     {"write host:port, e.g. 127.0.0.1:8080 or [::1]:8080"});
      }
    }
    if (auto url = reader.String(node, "public_url", false)) {
      if (url->rfind("http://", 0) == 0 || url->rfind("https://", 0) == 0) {
        http.public_url = url->back() == '/' ? url->substr(0, url->size() - 1) : *url;
      } else {
        reader.Error(node["public_url"], fmt::format("«{}» — не адрес http или https", *url));
      }
    }
    if (auto hours = reader.Integer(node, "session_hours", 1, 24 * 30)) http.session = std::chrono::hours{*hours};
    if (auto cap = reader.Integer(node, "max_connections_per_address", 1, 256)) http.max_connections_per_address = *cap;
    std::vector<std::string> proxies = reader.StringList(node, "trusted_proxies");
    std::string bad;
    if (auto parsed = TrustedProxies::Parse(proxies, bad)) {
      http.trusted_proxies = std::move(*parsed);
    } else {
      const YAML::Node& list = node["trusted_proxies"];
      YAML::Node at = list;
      for (const YAML::Node& entry : list) {
        if (entry.IsScalar() && entry.Scalar() == bad) at = entry;
      }
      reader.Error(at, fmt::format("«{}» — не IP-адрес и не сеть", bad),
                   {"укажите адреса или сети прокси-серверов, например 127.0.0.1, ::1 или 10.0.0.0/8"});
    }
    if (settings.notifications.link.empty() && !http.listen.empty()) {
      settings.notifications.link = http.BaseUrl() + "/tasks/{task}";
    }
  }

  // `audit: {signing_key: /etc/vekha/audit.key}`: the Ed25519 key that signs the audit log's
  // checkpoints, kept out of the database (and best out of the deployment's backups too).
  void LoadAuditSettings(YamlReader& reader, const YAML::Node& node, Settings& settings) {
    if (!node || !reader.ExpectMap(node, "«audit»")) return;
    reader.CheckKeys(node, kAuditKeys, "«audit»");
    if (auto key = reader.String(node, "signing_key", true)) {
      settings.audit_signing_key = fs::path(*key).is_absolute() ? *key : (base_ / *key).lexically_normal().string();
    }
  }

  void LoadCalendars(YamlReader& reader, const YAML::Node& node) {
    bool builtin = true;
    std::vector<std::string> files;
    if (node) {
      if (!reader.ExpectMap(node, "«calendar»")) return;
      reader.CheckKeys(node, kCalendarKeys, "«calendar»");
      if (auto name = reader.String(node, "builtin", false)) {
        if (*name == "none") {
          builtin = false;
        } else if (*name != "ru") {
          reader.Error(node["builtin"],
                       fmt::format("неизвестный встроенный календарь «{}»; допустимо: ru или none", *name));
        }
      }
      files = GlobList(reader, node, "files");
    }
    if (builtin) deployment_.calendar = WorkCalendar::RussianBuiltin();
    for (const std::string& file : files) {
      SourcePosition where{file, 0, 0};
      Status status = deployment_.calendar.AddXmlCalendar(ReadWholeFile(file).value_or(""), file, &where);
      if (!status.ok()) diagnostics_.Error(where, fmt::format("производственный календарь: {}", status.message()));
    }
  }

  // rules: {defaults: true, off: [ids], files: [globs]}
  void LoadRules(YamlReader& reader, const YAML::Node& node) {
    bool defaults = true;
    std::vector<std::string> off;
    if (node) {
      if (!reader.ExpectMap(node, "«rules»")) return;
      reader.CheckKeys(node, kRuleSettingsKeys, "«rules»");
      defaults = reader.Boolean(node, "defaults").value_or(true);
      off = reader.StringList(node, "off");
    }
    if (defaults) rules_ = DefaultRules();
    std::vector<rules::Rule> own;
    if (node) {
      for (const std::string& file : GlobList(reader, node, "files")) LoadRuleFile(file, diagnostics_, own);
    }
    for (rules::Rule& rule : own) {
      auto same = std::find_if(rules_.begin(), rules_.end(), [&](const rules::Rule& r) { return r.id == rule.id; });
      if (same != rules_.end()) {
        *same = std::move(rule);  // a deployment's rule replaces the default of that id
      } else {
        rules_.push_back(std::move(rule));
      }
    }
    for (const std::string& id : off) {
      auto found = std::find_if(rules_.begin(), rules_.end(), [&](const rules::Rule& r) { return r.id == id; });
      if (found == rules_.end()) {
        reader.Error(node["off"], fmt::format("нет правила «{}»", id), DidYouMean(id, RuleIds()));
      } else {
        rules_.erase(found);
      }
    }
  }

  // Rules declared inside a roadmap or an activity apply to its tasks only; their ids must be new.
  void ReadScopedRules(YamlReader& reader, const YAML::Node& list, const std::string& roadmap,
                       const std::string& activity) {
    std::vector<rules::Rule> scoped;
    ReadRuleList(reader, list, scoped);
    for (rules::Rule& rule : scoped) {
      if (rule.subject == rules::RuleSubject::kIndicator) {
        diagnostics_.Error(
            rule.where, fmt::format("правило «{}» смотрит на показатели, а не на задачи этой дорожной карты", rule.id),
            {"объявите правила показателей в файле правил (vekha.yaml: rules: {files: [...]})"});
        continue;
      }
      rule.only_roadmap = roadmap;
      rule.only_activity = activity;
      scoped_rules_.push_back(std::move(rule));
    }
  }

  // Adds the roadmaps' and activities' own rules to those in force.
  void AddScopedRules() {
    for (rules::Rule& rule : scoped_rules_) {
      if (std::any_of(rules_.begin(), rules_.end(), [&](const rules::Rule& other) { return other.id == rule.id; })) {
        diagnostics_.Error(rule.where, fmt::format("правило с кодом «{}» уже действует; выберите другой код", rule.id));
        continue;
      }
      rules_.push_back(std::move(rule));
    }
  }

  std::vector<std::string> RuleIds() const {
    std::vector<std::string> ids;
    for (const rules::Rule& rule : rules_) ids.push_back(rule.id);
    return ids;
  }

  // rules_off of roadmaps and activities must name rules in force.
  void ValidateRulesOff() {
    std::vector<std::string> ids = RuleIds();
    auto check = [&](const std::vector<std::string>& off, const SourcePosition& where) {
      for (const std::string& id : off) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
          diagnostics_.Error(where, fmt::format("нет правила «{}» (в «rules_off»)", id), DidYouMean(id, ids));
        }
      }
    };
    for (const Roadmap& roadmap : deployment_.roadmaps) {
      check(roadmap.rules_off, roadmap.rules_off_where);
      for (const Activity& activity : roadmap.activities) check(activity.rules_off, activity.rules_off_where);
    }
  }

  // The files the globs under map[key] name, in order and each once. A file name that names no
  // file is an error; a pattern that matches none yet (roadmaps/*.yaml in a new deployment) is a
  // warning.
  std::vector<std::string> GlobList(YamlReader& reader, const YAML::Node& map, const std::string& key) const {
    std::vector<std::string> files;
    for (const std::string& pattern : reader.StringList(map, key)) {
      std::vector<std::string> matches = Glob(pattern);
      if (matches.empty()) {
        std::string message = fmt::format("под «{}» не подходит ни один файл в {}", pattern, base_.string());
        if (pattern.find_first_of("*?[") == std::string::npos) {
          reader.Error(map[key], std::move(message));
        } else {
          reader.Warning(map[key], std::move(message));
        }
      }
      for (std::string& match : matches) {
        if (!Readable(reader, map[key], match)) continue;
        if (std::find(files.begin(), files.end(), match) == files.end()) files.push_back(std::move(match));
      }
    }
    return files;
  }

  // Whether a file an include, calendar or rule glob names may be read: a regular file (not a
  // FIFO that would block, a device that never ends, a directory), within the size limit, inside
  // the deployment's directory once symbolic links are followed — or under one of the paths
  // `allow_outside:` lists. Otherwise an error at the key that named it.
  bool Readable(YamlReader& reader, const YAML::Node& where, const std::string& path) const {
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (error || !fs::is_regular_file(status)) {
      const char* what = fs::is_fifo(status) ? "именованный канал"
                         : fs::is_character_file(status) || fs::is_block_file(status) ? "устройство"
                         : fs::is_directory(status)                                   ? "каталог"
                         : error || status.type() == fs::file_type::not_found ? "не найден (битая ссылка?)"
                                                                              : "не обычный файл";
      reader.Error(where,
                   fmt::format("«{}» — {}: читаются только обычные файлы", fs::path(path).filename().string(), what));
      return false;
    }
    if (uintmax_t size = fs::file_size(path, error); !error && size > kMaxYamlBytes) {
      reader.Error(where, fmt::format("«{}» — {} МиБ; файл настроек может быть не больше {} МиБ",
                                      fs::path(path).filename().string(), size >> 20, kMaxYamlBytes >> 20));
      return false;
    }
    fs::path real = fs::weakly_canonical(path, error);
    auto under = [&](const fs::path& directory) {
      auto [end, ignored] = std::mismatch(directory.begin(), directory.end(), real.begin(), real.end());
      return end == directory.end();
    };
    if (under(fs::weakly_canonical(base_)) || std::any_of(allowed_outside_.begin(), allowed_outside_.end(), under)) {
      return true;
    }
    reader.Error(where, fmt::format("«{}» вне каталога развёртывания {}", real.string(), base_.string()),
                 {"move it into the deployment, or list it (or its directory) in vekha.yaml's «allow_outside:»"});
    return false;
  }

  std::vector<std::string> Glob(const std::string& pattern) const {
    std::string full = fs::path(pattern).is_absolute() ? pattern : (base_ / pattern).string();
    glob_t found{};
    std::vector<std::string> paths;
    if (glob(full.c_str(), 0, nullptr, &found) == 0) {
      for (size_t i = 0; i < found.gl_pathc; ++i) paths.emplace_back(found.gl_pathv[i]);
    }
    globfree(&found);
    return paths;
  }

  // ----- included files

  void LoadFile(const std::string& path) {
    YamlReader reader(path, diagnostics_);
    if (!reader.Load()) return;
    const YAML::Node& root = reader.root();
    reader.CheckKeys(root, kFileKeys, "файл развёртывания");
    if (root["roles"] && reader.ExpectMap(root["roles"], "«roles» (код: название)")) {
      for (const auto& entry : root["roles"]) ReadRole(reader, entry.first, entry.second);
    }
    ForEachItem(reader, root["organisations"], "«organisations»",
                [&](const YAML::Node& item) { ReadOrganisation(reader, item); });
    ForEachItem(reader, root["people"], "«people»", [&](const YAML::Node& item) { ReadPerson(reader, item); });
    if (root["roadmap"]) ReadRoadmap(reader, root["roadmap"]);
    ForEachItem(reader, root["roadmaps"], "«roadmaps»", [&](const YAML::Node& item) { ReadRoadmap(reader, item); });
    ForEachItem(reader, root["events"], "«events»", [&](const YAML::Node& item) {
      std::optional<EventDefinition> event = ReadEventDefinition(reader, item);
      if (event && Declare(event_ids_, event->id, event->where, "событие"))
        deployment_.events.push_back(std::move(*event));
    });
    ForEachItem(reader, root["indicators"], "«indicators»", [&](const YAML::Node& item) {
      std::optional<Indicator> indicator = ReadIndicator(reader, item);
      if (indicator && Declare(indicator_ids_, indicator->id, indicator->where, "показатель")) {
        deployment_.indicators.push_back(std::move(*indicator));
      }
    });
  }

  template <typename Fn>
  void ForEachItem(YamlReader& reader, const YAML::Node& list, std::string_view what, Fn&& read) {
    if (!list || !reader.ExpectSequence(list, what)) return;
    for (const YAML::Node& item : list) {
      if (reader.ExpectMap(item, fmt::format("элемент {}", what))) read(item);
    }
  }

  // Records a declaration and reports a duplicate id; false when `id` was already taken.
  bool Declare(std::map<std::string, SourcePosition>& ids, const std::string& id, const SourcePosition& where,
               std::string_view what) {
    auto [existing, inserted] = ids.emplace(id, where);
    if (!inserted) {
      diagnostics_.Error(where, fmt::format("код «{}» повторяется ({})", id, what),
                         {fmt::format("впервые объявлен: {}", Describe(existing->second))});
    }
    return inserted;
  }

  std::optional<std::string> ReadId(YamlReader& reader, const YAML::Node& map) {
    auto id = reader.String(map, "id", true);
    if (!id) return std::nullopt;
    bool valid = std::all_of(id->begin(), id->end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
    if (!valid) {
      reader.Error(map["id"], fmt::format("в коде «{}» допустимы только a-z, 0-9, «-», «_» и «.»", *id));
      return std::nullopt;
    }
    return id;
  }

  void ReadRole(YamlReader& reader, const YAML::Node& key, const YAML::Node& value) {
    auto id = reader.ScalarText(key, "код роли");
    auto title = reader.ScalarText(value, "название роли");
    if (!id || !title) return;
    if (Declare(role_ids_, *id, reader.PositionOf(key), "роль")) deployment_.roles[*id] = *title;
  }

  void ReadOrganisation(YamlReader& reader, const YAML::Node& node) {
    reader.CheckKeys(node, kOrganisationKeys, "организация");
    auto id = ReadId(reader, node);
    Organisation organisation;
    organisation.name = reader.String(node, "name", true).value_or("");
    organisation.kind = reader.String(node, "kind", true).value_or("");
    const std::vector<std::string>& kinds = OrganisationKinds();
    if (!organisation.kind.empty() && std::find(kinds.begin(), kinds.end(), organisation.kind) == kinds.end()) {
      std::vector<std::string> hints = DidYouMean(organisation.kind, kinds);
      hints.push_back(fmt::format("допустимо: {}", fmt::join(kinds, ", ")));
      reader.Error(node["kind"], fmt::format("неизвестный вид организации «{}»", organisation.kind), std::move(hints));
    }
    organisation.parent = reader.String(node, "parent", false).value_or("");
    organisation.tags = reader.StringList(node, "tags");
    organisation.time_zone = ReadTimeZone(node, reader);
    organisation.where = reader.PositionOf(node["id"] ? node["id"] : node);
    if (node["parent"]) pending_organisations_.push_back({organisation.parent, reader.PositionOf(node["parent"])});
    if (!id || !Declare(organisation_ids_, *id, organisation.where, "организация")) return;
    organisation.id = *id;
    deployment_.organisations.push_back(std::move(organisation));
  }

  void ReadPerson(YamlReader& reader, const YAML::Node& node) {
    reader.CheckKeys(node, kPersonKeys, "человек");
    auto id = ReadId(reader, node);
    Person person;
    person.name = reader.String(node, "name", true).value_or("");
    person.email = reader.EmailAddress(node, "email", false).value_or("");
    if (auto phone = reader.String(node, "phone", false)) {
      // Digits with the usual separators, at least five digits: «+7 (81556) 3-12-45», «8 800 100-00-00».
      auto digits = std::count_if(phone->begin(), phone->end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits < 5 || phone->find_first_not_of("0123456789 +-()") != std::string::npos) {
        reader.Error(node["phone"],
                     fmt::format("«{}» — не номер телефона; напишите, например, +7 (81556) 3-12-45", *phone));
      } else {
        person.phone = *phone;
      }
    }
    person.time_zone = ReadTimeZone(node, reader);
    person.where = reader.PositionOf(node["id"] ? node["id"] : node);
    if (const YAML::Node& roles = node["roles"]; roles && reader.ExpectSequence(roles, "«roles»")) {
      for (const YAML::Node& role : roles) {
        if (auto assignment = ReadAssignment(reader, role)) person.roles.push_back(std::move(*assignment));
      }
    }
    if (!id || !Declare(person_ids_, *id, person.where, "человек")) return;
    person.id = *id;
    deployment_.people.push_back(std::move(person));
  }

  // "role@organisation", or {role, at, of: [organisations]}.
  std::optional<RoleAssignment> ReadAssignment(YamlReader& reader, const YAML::Node& node) {
    RoleAssignment assignment;
    assignment.where = reader.PositionOf(node);
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      size_t at = text.find('@');
      if (at == std::string::npos || at == 0 || at + 1 == text.size()) {
        reader.Error(node, fmt::format("«{}»: роль пишется как роль@организация, например director@school-1", text));
        return std::nullopt;
      }
      assignment.role = text.substr(0, at);
      assignment.at = text.substr(at + 1);
      return assignment;
    }
    if (!reader.ExpectMap(node, "роль")) return std::nullopt;
    reader.CheckKeys(node, kAssignmentKeys, "роль");
    auto role = reader.String(node, "role", true);
    auto at = reader.String(node, "at", true);
    if (!role || !at) return std::nullopt;
    assignment.role = *role;
    assignment.at = *at;
    assignment.of = reader.StringList(node, "of");
    return assignment;
  }

  void ReadRoadmap(YamlReader& reader, const YAML::Node& node) {
    if (!reader.ExpectMap(node, "дорожная карта")) return;
    reader.CheckKeys(node, kRoadmapKeys, "дорожная карта");
    auto id = ReadId(reader, node);
    Roadmap roadmap;
    roadmap.id = id.value_or("");  // its activities' own rules are scoped to it
    roadmap.where = reader.PositionOf(node["id"] ? node["id"] : node);
    roadmap.title = reader.String(node, "title", true).value_or("");
    if (const YAML::Node& source = node["source"]; source && reader.ExpectMap(source, "«source»")) {
      reader.CheckKeys(source, kSourceKeys, "«source»");
      roadmap.source.issuer = reader.String(source, "issuer", false).value_or("");
      roadmap.source.number = reader.String(source, "number", false).value_or("");
      roadmap.source.date = reader.IsoDate(source, "date", false);
      roadmap.source.reference = reader.String(source, "reference", false).value_or("");
    }
    const YAML::Node& period = node["period"];
    std::optional<Date> from;
    std::optional<Date> to;
    if (!period) {
      reader.Error(node, "не хватает обязательного ключа «period» ({from: ГГГГ-ММ-ДД, to: ГГГГ-ММ-ДД})");
    } else if (reader.ExpectMap(period, "«period»")) {
      reader.CheckKeys(period, kPeriodKeys, "«period»");
      from = reader.IsoDate(period, "from", true);
      to = reader.IsoDate(period, "to", true);
      if (from && to && *to < *from) reader.Error(period["to"], "период кончается раньше, чем начинается");
    }
    if (auto year = reader.String(node, "year", false)) {
      if (*year == "academic") {
        roadmap.year_type = YearType::kAcademic;
      } else if (*year != "calendar") {
        reader.Error(node["year"], fmt::format("неизвестный вид года «{}»; допустимо: calendar или academic", *year),
                     DidYouMean(*year, {"calendar", "academic"}));
      }
    }
    roadmap.owner = reader.String(node, "owner", true).value_or("");
    roadmap.coordinator = reader.String(node, "coordinator", false).value_or("");
    if (node["owner"]) pending_organisations_.push_back({roadmap.owner, reader.PositionOf(node["owner"])});
    if (node["coordinator"]) pending_people_.push_back({roadmap.coordinator, reader.PositionOf(node["coordinator"])});
    roadmap.shift = ReadShiftPolicy(node, reader);
    if (from && to) {
      roadmap.from = *from;
      roadmap.to = *to;
    }
    roadmap.rules_off = reader.StringList(node, "rules_off");
    if (node["rules_off"]) roadmap.rules_off_where = reader.PositionOf(node["rules_off"]);
    if (node["rules"]) ReadScopedRules(reader, node["rules"], id.value_or(""), "");
    std::map<std::string, SourcePosition> activity_ids;
    if (const YAML::Node& activities = node["activities"]; !activities) {
      reader.Error(node, "не хватает обязательного ключа «activities»");
    } else if (reader.ExpectSequence(activities, "«activities»")) {
      for (const YAML::Node& item : activities) {
        if (!reader.ExpectMap(item, "каждое мероприятие")) continue;
        Activity activity = ReadActivity(reader, item, roadmap, from && to);
        if (activity.id.empty() || !Declare(activity_ids, activity.id, activity.where, "мероприятие")) continue;
        roadmap.activities.push_back(std::move(activity));
      }
    }
    if (!id || !Declare(roadmap_ids_, *id, roadmap.where, "дорожная карта")) return;
    roadmap.id = *id;
    deployment_.roadmaps.push_back(std::move(roadmap));
  }

  Activity ReadActivity(YamlReader& reader, const YAML::Node& node, const Roadmap& roadmap, bool has_period) {
    reader.CheckKeys(node, kActivityKeys, "мероприятие");
    Activity activity;
    activity.where = reader.PositionOf(node["id"] ? node["id"] : node);
    activity.id = ReadId(reader, node).value_or("");
    activity.title = reader.String(node, "title", true).value_or("");
    activity.source = reader.String(node, "source", false).value_or("");
    activity.group = reader.String(node, "group", false).value_or("");
    activity.result = reader.String(node, "result", false).value_or("");
    ReadTiming(reader, node, roadmap, has_period, activity);
    if (const YAML::Node& responsible = node["responsible"]) {
      activity.responsible = ReadParties(reader, responsible);
    } else {
      reader.Warning(node, fmt::format("у мероприятия «{}» не указан ответственный", activity.id));
    }
    if (const YAML::Node& confirm = node["confirm"]) ReadConfirm(reader, confirm, activity);
    if (const YAML::Node& selector = node["for"]; selector && reader.ExpectMap(selector, "«for»")) {
      reader.CheckKeys(selector, kSelectorKeys, "«for»");
      activity.for_organisations.kinds = reader.StringList(selector, "kind");
      // «tag: shnor» reads as «tags: [shnor]».
      if (selector["tag"] && selector["tags"]) reader.Error(selector["tag"], "укажите «tag» или «tags», но не оба");
      activity.for_organisations.tags = reader.StringList(selector, selector["tag"] ? "tag" : "tags");
      activity.for_organisations.ids = reader.StringList(selector, "orgs");
      activity.for_organisations.where = reader.PositionOf(selector);
      if (activity.for_organisations.empty()) reader.Error(selector, "в «for» нужен «kind», «tags» или «orgs»");
    }
    if (const YAML::Node& deliverables = node["deliverables"];
        deliverables && reader.ExpectSequence(deliverables, "«deliverables»")) {
      for (const YAML::Node& item : deliverables) {
        if (auto deliverable = ReadDeliverable(reader, item)) activity.deliverables.push_back(std::move(*deliverable));
      }
    }
    activity.depends_on = reader.StringList(node, "depends_on");
    if (node["depends_on"]) activity.depends_on_where = reader.PositionOf(node["depends_on"]);
    activity.allow_partial = reader.Boolean(node, "allow_partial").value_or(false);
    activity.rules_off = reader.StringList(node, "rules_off");
    if (node["rules_off"]) activity.rules_off_where = reader.PositionOf(node["rules_off"]);
    if (node["rules"]) ReadScopedRules(reader, node["rules"], roadmap.id, activity.id);
    return activity;
  }

  void ReadTiming(YamlReader& reader, const YAML::Node& node, const Roadmap& roadmap, bool has_period,
                  Activity& activity) {
    const YAML::Node& timing = node["timing"];
    if (!timing) {
      reader.Error(node, "не хватает обязательного ключа «timing»");
      return;
    }
    activity.timing_where = reader.PositionOf(timing);
    if (timing.IsMap()) {
      if (auto spec = ReadStructuredTiming(timing, reader)) activity.timing = *spec;
    } else if (auto text = reader.ScalarText(timing, "«timing»")) {
      activity.timing_text = *text;
      int year_hint = has_period ? YearOf(roadmap.from) : 0;
      PhraseResult parsed = ParseTimingPhrase(*text, year_hint);
      if (!parsed.ok) {
        std::vector<std::string> hints;
        for (const std::string& suggestion : parsed.error.suggestions) {
          hints.push_back(fmt::format("ближайшая допустимая запись: «{}»", suggestion));
        }
        diagnostics_.Error(reader.PositionInScalar(timing, parsed.error.column - 1),
                           fmt::format("срок «{}» не прочитан: {}", *text, parsed.error.message), std::move(hints));
        return;
      }
      for (const std::string& warning : parsed.warnings) {
        reader.Warning(timing, fmt::format("срок «{}»: {}", *text, warning));
      }
      activity.timing = parsed.spec;
      WarnOfMonthInTitle(reader, timing, activity);
    }
    // Structured-only features usable beside a phrase.
    if (auto repeat = reader.String(node, "repeat", false)) {
      if (*repeat == "once" || *repeat == "yearly") {
        if (activity.timing.repeat == Repeat::kAuto) {
          activity.timing.repeat = *repeat == "once" ? Repeat::kOnce : Repeat::kYearly;
          if (*repeat == "once" && !activity.timing.year && !activity.timing.by && has_period) {
            activity.timing.year = YearOf(roadmap.from);
          }
        } else {
          reader.Error(node["repeat"], "«repeat» уточняет только срок без года и без периодичности");
        }
      } else {
        reader.Error(node["repeat"], fmt::format("«repeat: {}» рядом с фразой: допустимо once или yearly", *repeat));
      }
    }
    if (auto shift = ReadShiftPolicy(node, reader)) activity.timing.shift = shift;
    if (auto lead = reader.Integer(node, "lead_days", 0, 3650)) activity.timing.lead_days = *lead;
  }

  // «Обсуждение на августовском совещании» with the timing «Ежегодно»: the timing wins, but the
  // coordinator probably meant a month.
  void WarnOfMonthInTitle(YamlReader& reader, const YAML::Node& timing, const Activity& activity) {
    const TimingSpec& spec = activity.timing;
    bool whole_year = spec.repeat == Repeat::kYearly && spec.months.empty() && !spec.window && !spec.quarter &&
                      !spec.half && !spec.by;
    if (!whole_year) return;
    if (std::optional<int> month = MonthHintedByTitle(activity.title)) {
      static constexpr const char* kMonths[] = {"Январь", "Февраль", "Март",     "Апрель",  "Май",    "Июнь",
                                                "Июль",   "Август",  "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"};
      reader.Warning(timing,
                     fmt::format("срок «{}» охватывает весь год, а в названии указан месяц", activity.timing_text),
                     {fmt::format("может быть, «{} ежегодно»?", kMonths[*month - 1])});
    }
  }

  // `confirm: curator`, or `confirm: {by: curator, not_by_submitter: false}` where the one who
  // submitted may confirm their own work (by default they may not).
  void ReadConfirm(YamlReader& reader, const YAML::Node& confirm, Activity& activity) {
    if (confirm.IsMap()) {
      reader.CheckKeys(confirm, {"by", "not_by_submitter"}, "«confirm»");
      if (auto not_by_submitter = reader.Boolean(confirm, "not_by_submitter")) {
        activity.confirm_not_by_submitter = *not_by_submitter;
      }
      if (!confirm["by"]) {
        reader.Error(confirm, "в «confirm» нужен «by»: роль или человек, который подтверждает");
        return;
      }
      ReadConfirmer(reader, confirm["by"], activity);
      return;
    }
    ReadConfirmer(reader, confirm, activity);
  }

  void ReadConfirmer(YamlReader& reader, const YAML::Node& by, Activity& activity) {
    std::vector<PartyRef> confirmers = ReadParties(reader, by);
    if (confirmers.size() > 1) reader.Error(by, "в «confirm» указывают одну роль или одного человека");
    if (!confirmers.empty()) activity.confirmer = confirmers.front();
  }

  std::vector<PartyRef> ReadParties(YamlReader& reader, const YAML::Node& node) {
    std::vector<std::pair<std::string, SourcePosition>> items;
    if (node.IsScalar()) {
      for (std::string& item : SplitCommas(node.Scalar())) items.emplace_back(std::move(item), reader.PositionOf(node));
    } else if (reader.ExpectSequence(node, "список ролей или людей")) {
      for (const YAML::Node& item : node) {
        if (auto text = reader.ScalarText(item, "роль или человек")) items.emplace_back(*text, reader.PositionOf(item));
      }
    }
    std::vector<PartyRef> parties;
    for (auto& [text, where] : items) {
      if (text.empty()) {
        diagnostics_.Warning(where, "пустой элемент (лишняя запятая?): похоже, пропущен соисполнитель");
        continue;
      }
      PartyRef party;
      party.text = text;
      party.where = where;
      parties.push_back(std::move(party));
    }
    return parties;
  }

  std::optional<Deliverable> ReadDeliverable(YamlReader& reader, const YAML::Node& node) {
    if (!reader.ExpectMap(node, "результат мероприятия")) return std::nullopt;
    reader.CheckKeys(node, kDeliverableKeys, "результат мероприятия");
    Deliverable deliverable;
    if (auto document = reader.String(node, "document", false)) {
      deliverable.title = *document;
      if (node["indicator"] || node["unit"] || node["target"] || node["better"]) {
        reader.Error(node, "результат — это либо «document», либо «indicator» (с unit, target, better)");
      }
      return deliverable;
    }
    auto indicator = reader.String(node, "indicator", false);
    if (!indicator) {
      reader.Error(node, "в результате нужен «document: название» или «indicator: название»");
      return std::nullopt;
    }
    deliverable.kind = Deliverable::Kind::kIndicator;
    deliverable.title = *indicator;
    deliverable.unit = reader.String(node, "unit", false).value_or("");
    deliverable.target = reader.Number(node, "target");
    if (auto better = reader.String(node, "better", false)) {
      if (*better != "higher" && *better != "lower") {
        reader.Error(node["better"], fmt::format("«better: {}»: допустимо higher или lower", *better));
      }
      deliverable.lower_is_better = *better == "lower";
    }
    return deliverable;
  }

  // ----- cross-references, after every file is read

  void ValidateReferences() {
    std::vector<std::string> organisation_ids = Keys(organisation_ids_);
    std::vector<std::string> person_ids = Keys(person_ids_);
    std::vector<std::string> role_ids = Keys(role_ids_);
    auto check = [&](const std::string& id, const SourcePosition& where, const std::vector<std::string>& known,
                     std::string_view what) {
      if (std::find(known.begin(), known.end(), id) != known.end()) return true;
      diagnostics_.Error(where, fmt::format("нет {} «{}»", what, id), DidYouMean(id, known));
      return false;
    };
    for (const auto& [id, where] : pending_organisations_) check(id, where, organisation_ids, "организации");
    for (const auto& [id, where] : pending_people_) check(id, where, person_ids, "человека");
    for (const auto& [id, where] : role_ids_) {
      if (person_ids_.contains(id)) diagnostics_.Error(where, fmt::format("«{}» — код и роли, и человека", id));
    }
    CheckParentCycles();
    for (const Person& person : deployment_.people) {
      for (const RoleAssignment& assignment : person.roles) {
        check(assignment.role, assignment.where, role_ids, "роли");
        check(assignment.at, assignment.where, organisation_ids, "организации");
        for (const std::string& of : assignment.of) check(of, assignment.where, organisation_ids, "организации");
      }
    }
    for (Roadmap& roadmap : deployment_.roadmaps) {
      std::vector<std::string> activity_ids;
      for (const Activity& activity : roadmap.activities) activity_ids.push_back(activity.id);
      for (Activity& activity : roadmap.activities) {
        for (PartyRef& party : activity.responsible) ResolvePartyText(party, role_ids, person_ids, organisation_ids);
        if (activity.confirmer) ResolvePartyText(*activity.confirmer, role_ids, person_ids, organisation_ids);
        const OrganisationSelector& selector = activity.for_organisations;
        for (const std::string& kind : selector.kinds)
          check(kind, selector.where, OrganisationKinds(), "вида организаций");
        for (const std::string& id : selector.ids) check(id, selector.where, organisation_ids, "организации");
        for (const std::string& tag : selector.tags) {
          if (std::none_of(deployment_.organisations.begin(), deployment_.organisations.end(),
                           [&](const Organisation& o) {
                             return std::find(o.tags.begin(), o.tags.end(), tag) != o.tags.end();
                           })) {
            diagnostics_.Warning(selector.where, fmt::format("ни у одной организации нет метки «{}»", tag));
          }
        }
        for (const std::string& id : activity.depends_on)
          check(id, activity.depends_on_where, activity_ids, "мероприятия");
        if (activity.timing.after)
          check(activity.timing.after->activity, activity.timing_where, activity_ids, "мероприятия");
      }
      CheckActivityCycles(roadmap);
    }
  }

  void ResolvePartyText(PartyRef& party, const std::vector<std::string>& roles, const std::vector<std::string>& people,
                        const std::vector<std::string>& organisations) {
    const std::string& text = party.text;
    if (size_t at = text.find('@'); at != std::string::npos) {
      party.kind = PartyRef::Kind::kRoleAt;
      party.role = text.substr(0, at);
      party.organisation = text.substr(at + 1);
      if (!role_ids_.contains(party.role)) {
        diagnostics_.Error(party.where, fmt::format("нет роли «{}» (в «{}»)", party.role, text),
                           DidYouMean(party.role, roles));
      }
      if (!organisation_ids_.contains(party.organisation)) {
        diagnostics_.Error(party.where, fmt::format("нет организации «{}» (в «{}»)", party.organisation, text),
                           DidYouMean(party.organisation, organisations));
      }
    } else if (role_ids_.contains(text)) {
      party.kind = PartyRef::Kind::kRole;
      party.role = text;
    } else if (person_ids_.contains(text)) {
      party.kind = PartyRef::Kind::kPerson;
      party.person = text;
    } else {
      std::vector<std::string> known = roles;
      known.insert(known.end(), people.begin(), people.end());
      std::vector<std::string> hints = DidYouMean(text, known);
      hints.push_back("нужна роль, роль@организация или код человека");
      diagnostics_.Error(party.where, fmt::format("нет роли или человека «{}»", text), std::move(hints));
    }
  }

  void CheckParentCycles() {
    for (const Organisation& start : deployment_.organisations) {
      std::set<std::string> seen{start.id};
      const Organisation* current = &start;
      while (current && !current->parent.empty()) {
        if (!seen.insert(current->parent).second) {
          if (current->parent == start.id) {
            diagnostics_.Error(
                start.where, fmt::format("организация «{}» оказывается своей же вышестоящей (цикл parent)", start.id));
          }
          break;
        }
        current = deployment_.FindOrganisation(current->parent);
      }
    }
  }

  // Dependencies (depends_on and after) must form no cycle; reports each cycle once.
  void CheckActivityCycles(const Roadmap& roadmap) {
    std::map<std::string, std::vector<std::string>> edges;
    std::map<std::string, const Activity*> by_id;
    for (const Activity& activity : roadmap.activities) {
      by_id[activity.id] = &activity;
      edges[activity.id] = activity.depends_on;
      if (activity.timing.after) edges[activity.id].push_back(activity.timing.after->activity);
    }
    std::map<std::string, int> state;  // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    auto visit = [&](const std::string& id, auto& self) -> void {
      state[id] = 1;
      stack.push_back(id);
      for (const std::string& next : edges[id]) {
        if (!by_id.contains(next)) continue;
        if (state[next] == 1) {
          auto begin = std::find(stack.begin(), stack.end(), next);
          std::vector<std::string> cycle(begin, stack.end());
          cycle.push_back(next);
          diagnostics_.Error(by_id[id]->depends_on_where.line > 0 ? by_id[id]->depends_on_where : by_id[id]->where,
                             fmt::format("цикл зависимостей: {}", fmt::join(cycle, " → ")));
        } else if (state[next] == 0) {
          self(next, self);
        }
      }
      stack.pop_back();
      state[id] = 2;
    };
    for (const Activity& activity : roadmap.activities) {
      if (state[activity.id] == 0) visit(activity.id, visit);
    }
  }

  // Expansion-time findings: bare months in multi-year roadmaps, years beyond the calendar,
  // once-timings outside the period, roles nobody holds.
  void ValidateTimings() {
    std::set<int> uncovered_reported;  // the calendar gap is reported once per year
    for (const Roadmap& roadmap : deployment_.roadmaps) {
      ExpansionContext context = ContextFor(deployment_, roadmap);
      CheckDependencies(roadmap, context);
      for (const Activity& activity : roadmap.activities) {
        CheckAssignments(roadmap, activity);
        if (activity.timing.after) continue;  // dated from its predecessor
        Expansion expansion = ExpandTiming(activity.timing, context);
        std::string what = activity.timing_text.empty() ? "срок" : fmt::format("срок «{}»", activity.timing_text);
        for (const std::string& warning : expansion.warnings) {
          diagnostics_.Warning(activity.timing_where, fmt::format("{}: {}", what, warning));
        }
        for (int year : expansion.uncovered_years) {
          if (uncovered_reported.insert(year).second) {
            diagnostics_.Warning(activity.timing_where, fmt::format("{}: {}", what, UncoveredYearWarning(year)));
          }
        }
      }
    }
  }

  // Dependencies that cannot hold: a deadline counted from an activity that is never done once
  // (continuous, on demand), and occurrences that open before any occurrence of what they depend
  // on (they would open on their own; the task sync waits for the same period or the latest
  // earlier one).
  void CheckDependencies(const Roadmap& roadmap, const ExpansionContext& context) {
    std::map<std::string, const Activity*> by_id;
    for (const Activity& activity : roadmap.activities) by_id[activity.id] = &activity;
    std::map<std::string, Expansion> expanded;
    auto expansion = [&](const Activity& activity) -> const Expansion& {
      auto found = expanded.find(activity.id);
      if (found == expanded.end()) found = expanded.emplace(activity.id, ExpandTiming(activity.timing, context)).first;
      return found->second;
    };
    for (const Activity& activity : roadmap.activities) {
      if (const std::optional<RelativeDeadline>& after = activity.timing.after) {
        auto predecessor = by_id.find(after->activity);
        if (predecessor != by_id.end()) {
          Repeat kind = predecessor->second->timing.repeat;
          if (kind == Repeat::kContinuous || kind == Repeat::kOnDemand) {
            diagnostics_.Error(
                activity.timing_where,
                fmt::format("«after: {}» отсчитывается от завершения того мероприятия, но его срок — {}: "
                            "разово выполняемых задач у него нет; задайте «{}» свой срок",
                            after->activity, RepeatName(kind), activity.id));
          }
        }
      }
      if (activity.timing.after) continue;
      for (const std::string& dependency : activity.depends_on) {
        auto predecessor = by_id.find(dependency);
        if (predecessor == by_id.end() || predecessor->second->timing.after) continue;
        const Expansion& before = expansion(*predecessor->second);
        if (before.kind == Repeat::kOnDemand) {
          diagnostics_.Warning(
              activity.depends_on_where,
              fmt::format("«{}» зависит от «{}», которое выполняется по запросу: его задачи ждут только "
                          "задач, созданных вручную",
                          activity.id, dependency));
          continue;
        }
        std::vector<std::string> unheld;
        for (const Occurrence& occurrence : expansion(activity).occurrences) {
          bool held = std::any_of(before.occurrences.begin(), before.occurrences.end(), [&](const Occurrence& earlier) {
            return earlier.key == occurrence.key || !(occurrence.opens < earlier.opens);
          });
          if (!held) unheld.push_back(occurrence.key);
        }
        // A recurring predecessor whose first period falls just after the roadmap's start leaves
        // the first occurrence without one: that one covers work from before the roadmap.
        bool start_of_roadmap = before.kind != Repeat::kOnce && unheld.size() == 1 &&
                                unheld.front() == expansion(activity).occurrences.front().key;
        if (unheld.empty() || start_of_roadmap) continue;
        diagnostics_.Warning(
            activity.depends_on_where,
            fmt::format("«{}» зависит от «{}», но периоды ({} из {}: {}) открываются раньше любого периода «{}»: "
                        "для них зависимость не действует, и они открываются сами",
                        activity.id, dependency, unheld.size(), expansion(activity).occurrences.size(),
                        unheld.size() > 3 ? fmt::format("{} … {}", unheld.front(), unheld.back())
                                          : fmt::format("{}", fmt::join(unheld, ", ")),
                        dependency));
      }
    }
  }

  void CheckAssignments(const Roadmap& roadmap, const Activity& activity) {
    std::vector<const Organisation*> organisations = SelectOrganisations(deployment_, roadmap, activity);
    if (organisations.empty()) {
      diagnostics_.Warning(
          activity.for_organisations.where.line > 0 ? activity.for_organisations.where : activity.where,
          fmt::format("мероприятие «{}» не выбирает ни одной организации: задач не будет", activity.id));
      return;
    }
    for (const PartyRef& party : activity.responsible) {
      std::vector<std::string> nobody;
      for (const Organisation* organisation : organisations) {
        if (ResolveParty(deployment_, party, *organisation).empty()) nobody.push_back(organisation->id);
      }
      if (!nobody.empty()) {
        diagnostics_.Warning(
            party.where, fmt::format("никто не занимает роль «{}» в {}: у этих задач нет ответственного", party.text,
                                     fmt::join(nobody, ", ")));
      }
    }
    if (activity.confirmer && activity.confirm_not_by_submitter) CheckSelfConfirmation(activity, organisations);
  }

  // A confirmer never confirms their own submission: warns where a task's only confirmer is also
  // its only responsible person, so that nothing submitted could ever be confirmed.
  void CheckSelfConfirmation(const Activity& activity, const std::vector<const Organisation*>& organisations) {
    std::vector<std::string> stuck;
    for (const Organisation* organisation : organisations) {
      std::vector<const Person*> confirmers = ResolveParty(deployment_, *activity.confirmer, *organisation);
      if (confirmers.size() != 1) continue;
      bool only_they_submit = true;
      for (const PartyRef& party : activity.responsible) {
        for (const Person* holder : ResolveParty(deployment_, party, *organisation)) {
          only_they_submit = only_they_submit && holder == confirmers.front();
        }
      }
      if (only_they_submit) stuck.push_back(organisation->id);
    }
    if (stuck.empty()) return;
    diagnostics_.Warning(
        activity.confirmer->where,
        fmt::format("«{}» — и единственный ответственный, и единственный подтверждающий в {}: сданное ими "
                    "некому подтвердить (никто не подтверждает собственный ответ)",
                    activity.confirmer->text, fmt::join(stuck, ", ")),
        {"назначьте другого подтверждающего, уберите «confirm» или напишите confirm: {by: …, not_by_submitter: "
         "false}"});
  }

  static std::vector<std::string> Keys(const std::map<std::string, SourcePosition>& map) {
    std::vector<std::string> keys;
    for (const auto& [key, where] : map) keys.push_back(key);
    return keys;
  }

  std::set<fs::path> leave_out_;
  Diagnostics& diagnostics_;
  fs::path base_;
  Deployment deployment_;
  std::map<std::string, SourcePosition> role_ids_;
  std::map<std::string, SourcePosition> organisation_ids_;
  std::map<std::string, SourcePosition> person_ids_;
  std::map<std::string, SourcePosition> roadmap_ids_;
  std::map<std::string, SourcePosition> event_ids_;
  std::map<std::string, SourcePosition> indicator_ids_;
  std::vector<std::pair<std::string, SourcePosition>> pending_organisations_;
  std::vector<std::pair<std::string, SourcePosition>> pending_people_;
  std::vector<rules::Rule> rules_;
  std::vector<rules::Rule> scoped_rules_;
  std::vector<fs::path> allowed_outside_;  // canonical paths a deployment may read outside itself
};

}  // namespace

LoadResult LoadDeployment(const std::string& path, Diagnostics& diagnostics, const LoadOptions& options) {
  return DeploymentLoader(diagnostics, options).Load(path);
}

}  // namespace vekha
