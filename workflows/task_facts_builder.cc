#include "workflows/task_facts_builder.h"

#include <algorithm>

#include "engine/planner.h"

namespace vekha {

namespace {

bool Submitted(const Submission& submission, const Deliverable& deliverable) {
  if (deliverable.kind == Deliverable::Kind::kDocument) {
    return std::any_of(submission.files.begin(), submission.files.end(),
                       [&](const EvidenceFile& file) { return file.deliverable == deliverable.title; });
  }
  return std::any_of(submission.values.begin(), submission.values.end(),
                     [&](const ReportedValue& value) { return value.name == deliverable.title; });
}

}  // namespace

rules::TaskFacts FactsFor(const Deployment& deployment, const TaskService& service, const TaskRecord& task,
                          const std::optional<Submission>& latest, const Date& today) {
  rules::TaskFacts facts;
  facts.status = TaskStatusName(task.status);
  facts.kind = RepeatName(task.kind);
  facts.roadmap = task.roadmap;
  facts.activity = task.activity;
  facts.key = task.key;
  facts.organisation = task.organisation;
  if (const Organisation* organisation = deployment.FindOrganisation(task.organisation)) {
    facts.organisation_kind = organisation->kind;
    for (const std::string& tag : organisation->tags) facts.organisation_tags.push_back(tag);
  }
  facts.today = today;
  facts.opens = task.opens;
  facts.due = task.due;
  facts.effective_due = task.effective_due;
  if (task.effective_due)
    facts.working_days_until_due = deployment.calendar.WorkingDaysBetween(today, *task.effective_due);

  const Activity* activity = service.ActivityOf(task);
  const Organisation* organisation = deployment.FindOrganisation(task.organisation);
  if (activity != nullptr && organisation != nullptr) {
    facts.responsible_assigned =
        !activity->responsible.empty() &&
        std::all_of(activity->responsible.begin(), activity->responsible.end(),
                    [&](const PartyRef& party) { return !ResolveParty(deployment, party, *organisation).empty(); });
    facts.confirmer_assigned =
        activity->confirmer && !ResolveParty(deployment, *activity->confirmer, *organisation).empty();
    for (const Deliverable& deliverable : activity->deliverables) {
      facts.deliverables.push_back(deliverable.title);
      if (!latest || !Submitted(*latest, deliverable)) facts.missing_deliverables.push_back(deliverable.title);
      if (deliverable.kind == Deliverable::Kind::kIndicator && deliverable.target) {
        facts.targets.emplace_back(deliverable.title, *deliverable.target);
      }
    }
  }
  if (latest) {
    for (const ReportedValue& value : latest->values) facts.values.emplace_back(value.name, value.value);
    if (std::optional<Date> day = ParseIsoDate(latest->at.substr(0, 10))) {
      facts.submitted_on = day;
      facts.working_days_since_submission = deployment.calendar.WorkingDaysBetween(*day, today);
    }
    if (activity != nullptr) {
      for (const Deliverable& deliverable : activity->deliverables) {
        if (deliverable.kind != Deliverable::Kind::kIndicator || !deliverable.target) continue;
        for (const ReportedValue& value : latest->values) {
          if (value.name != deliverable.title) continue;
          bool off =
              deliverable.lower_is_better ? value.value > *deliverable.target : value.value < *deliverable.target;
          if (off) facts.off_target.push_back(deliverable.title);
        }
      }
    }
  }
  return facts;
}

std::vector<const rules::Rule*> RulesFor(const std::vector<rules::Rule>& rules, const TaskService& service,
                                         const TaskRecord& task) {
  const Roadmap* roadmap = service.RoadmapOf(task);
  const Activity* activity = service.ActivityOf(task);
  auto off = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  std::vector<const rules::Rule*> applicable;
  for (const rules::Rule& rule : rules) {
    if (rule.subject != rules::RuleSubject::kTask) continue;
    if (!rule.only_roadmap.empty() && rule.only_roadmap != task.roadmap) continue;
    if (!rule.only_activity.empty() && rule.only_activity != task.activity) continue;
    if (roadmap != nullptr && off(roadmap->rules_off, rule.id)) continue;
    if (activity != nullptr && off(activity->rules_off, rule.id)) continue;
    applicable.push_back(&rule);
  }
  std::stable_sort(applicable.begin(), applicable.end(),
                   [](const rules::Rule* a, const rules::Rule* b) { return a->priority > b->priority; });
  return applicable;
}

std::vector<const Person*> RecipientsOf(const Deployment& deployment, const TaskService& service,
                                        const TaskRecord& task, const rules::Recipient& recipient) {
  const Roadmap* roadmap = service.RoadmapOf(task);
  const Organisation* organisation = deployment.FindOrganisation(task.organisation);
  switch (recipient.kind) {
    case rules::Recipient::Kind::kResponsible:
      return service.ResponsibleFor(task);
    case rules::Recipient::Kind::kConfirmer:
      return service.ConfirmersOf(task);
    case rules::Recipient::Kind::kCoordinator:
      if (roadmap != nullptr) {
        if (const Person* coordinator = deployment.FindPerson(roadmap->coordinator)) return {coordinator};
      }
      return {};
    case rules::Recipient::Kind::kHead: {
      if (roadmap == nullptr) return {};
      PartyRef head{PartyRef::Kind::kRoleAt, "head", roadmap->owner, "", "head@" + roadmap->owner, {}};
      const Organisation* owner = deployment.FindOrganisation(roadmap->owner);
      return owner != nullptr ? ResolveParty(deployment, head, *owner) : std::vector<const Person*>{};
    }
    case rules::Recipient::Kind::kRoleAt: {
      if (organisation == nullptr) return {};
      PartyRef party{PartyRef::Kind::kRoleAt, recipient.role, recipient.organisation, "", recipient.text, {}};
      return ResolveParty(deployment, party, *organisation);
    }
  }
  return {};
}

std::vector<const Person*> RecipientsOf(const Deployment& deployment, const TaskService& service,
                                        const TaskRecord& task, const rules::Rule& rule) {
  std::vector<const Person*> recipients;
  for (const rules::Recipient& recipient : rule.notify) {
    for (const Person* person : RecipientsOf(deployment, service, task, recipient)) {
      if (std::find(recipients.begin(), recipients.end(), person) == recipients.end()) recipients.push_back(person);
    }
  }
  return recipients;
}

}  // namespace vekha
