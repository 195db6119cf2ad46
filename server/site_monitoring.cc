// What the roadmaps monitor, through one person's access: the event days and indicator rows they
// may see, and recording an event's day or an indicator's value from a form (Site's part for the
// monitoring pages and API).
#include <fmt/format.h>

#include <algorithm>

#include "server/site.h"
#include "workflows/input_checks.h"
#include "workflows/outcome_text.h"

namespace vekha::server {

namespace {

// The organisations whose monitoring a person sees: every one for coordinators and auditors
// (nullopt), else those where they hold a role.
std::optional<std::vector<std::string>> MonitoringScope(const AccessPolicy& policy, const Person& person) {
  if (policy.SeesEverything(person) || policy.CoordinatesAny(person)) return std::nullopt;
  std::vector<std::string> organisations;
  for (const RoleAssignment& role : person.roles) {
    if (!role.at.empty()) organisations.push_back(role.at);
  }
  return organisations;
}

bool InScope(const std::optional<std::vector<std::string>>& scope, const std::string& organisation) {
  return !scope || organisation.empty() || std::find(scope->begin(), scope->end(), organisation) != scope->end();
}

}  // namespace

bool Site::SeesMonitoringOf(const Person& person, const std::string& organisation) const {
  return InScope(MonitoringScope(policy(), person), organisation);
}

Status Site::VisibleEventDates(const Person& person, std::vector<EventDate>& out) {
  if (Status status = context_.store.EventDates("", out); !status.ok()) return status;
  std::optional<std::vector<std::string>> scope = MonitoringScope(policy(), person);
  std::erase_if(out, [&](const EventDate& date) { return !InScope(scope, date.organisation); });
  return Status::Ok();
}

Status Site::VisibleIndicators(const Person& person, const IndicatorFilter& filter, std::vector<IndicatorRow>& out) {
  std::vector<IndicatorValue> values;
  if (Status status = context_.store.IndicatorValues("", values); !status.ok()) return status;
  out = IndicatorStatus(context_.deployment, values, Today(), filter);
  std::optional<std::vector<std::string>> scope = MonitoringScope(policy(), person);
  std::erase_if(out, [&](const IndicatorRow& row) {
    return row.organisation != nullptr && !InScope(scope, row.organisation->id);
  });
  return Status::Ok();
}

ActionResult Site::RecordEvent(const Person& person, const std::string& address, const Fields& fields) {
  std::string on_text = FieldValue(fields, "on");
  std::optional<Date> on = ParseIsoDate(on_text);
  if (!on) return {422, fmt::format("Дата «{}» не распознана: укажите день события датой ГГГГ-ММ-ДД.", on_text)};
  context_.service.SetOrigin("web " + address);
  Result<ActionOutcome> recorded = context_.service.RecordEvent(
      FieldValue(fields, "event"), FieldValue(fields, "organisation"), *on, person.id, FieldValue(fields, "note"));
  context_.service.SetOrigin("");
  if (!recorded.ok()) return ResultOf(recorded);
  std::string outcome = OutcomeText(*recorded);
  SyncSummary summary;  // the tasks counting from the event are dated at once
  if (Status synced = context_.service.Sync(summary); !synced.ok())
    return {synced.meaning().http_status, synced.message()};
  if (summary.dated > 0) outcome += fmt::format("; задач получили срок: {}", summary.dated);
  return {200, outcome};
}

ActionResult Site::RecordIndicator(const Person& person, const std::string& address, const Fields& fields) {
  std::string value_text = FieldValue(fields, "value");
  std::optional<double> value = ParseDecimal(value_text);
  if (!value) return {422, fmt::format("Значение «{}» — не число: запишите его как 12,5 или 12.5.", value_text)};
  std::string year_text = FieldValue(fields, "year");
  std::optional<int> year = ParseYear(year_text);
  if (!year) return {422, fmt::format("Год «{}» не распознан: укажите год четырьмя цифрами.", year_text)};
  context_.service.SetOrigin("web " + address);
  Result<ActionOutcome> reported =
      context_.service.RecordIndicator(FieldValue(fields, "indicator"), FieldValue(fields, "organisation"), *year,
                                       *value, person.id, FieldValue(fields, "comment"));
  context_.service.SetOrigin("");
  return ResultOf(reported);
}

}  // namespace vekha::server
