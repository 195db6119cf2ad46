// Builds the facts a rule condition sees (rules/task_facts.h) for one stored task on one day, from
// the deployment, the task and its latest submission. The facts view strings owned by the
// arguments, which must outlive them.
#pragma once

#include <optional>
#include <vector>

#include "engine/task_store.h"
#include "rules/rule.h"
#include "rules/task_facts.h"
#include "workflows/task_service.h"

namespace vekha {

rules::TaskFacts FactsFor(const Deployment& deployment, const TaskService& service, const TaskRecord& task,
                          const std::optional<Submission>& latest, const Date& today);

// The rules of `rules` that apply to a task: declared for it (everywhere, or in its roadmap or
// activity) and not switched off by its roadmap or activity; higher priority first, then in the
// order they were declared.
std::vector<const rules::Rule*> RulesFor(const std::vector<rules::Rule>& rules, const TaskService& service,
                                         const TaskRecord& task);

// The people a rule's recipient names for a task (the head: holders of the role «head» at the
// roadmap's owner organisation).
std::vector<const Person*> RecipientsOf(const Deployment& deployment, const TaskService& service,
                                        const TaskRecord& task, const rules::Recipient& recipient);
// Everybody a rule notifies for a task, each once, in the order its `notify` names them.
std::vector<const Person*> RecipientsOf(const Deployment& deployment, const TaskService& service,
                                        const TaskRecord& task, const rules::Rule& rule);

}  // namespace vekha
