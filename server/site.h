// Site: what the web pages and the JSON API share — the deployment's state seen through one
// person's access (AccessPolicy): the tasks they may see, a task with its submissions and history,
// the audit history with filters, and the actions they may take, carried out by TaskService with
// their address recorded in the audit log. Uploaded files are staged under the system's temporary
// directory with safe names and removed after the submission; those of a refused submission are
// kept as a draft beside the database (`<database>.drafts/`). Every referenced object must
// outlive the site. Single-threaded: the daemon's event loop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/access_store.h"
#include "engine/clock.h"
#include "engine/model.h"
#include "engine/task_store.h"
#include "notifiers/background_mailer.h"
#include "server/calendar_feed.h"
#include "server/form_data.h"
#include "server/upload_drafts.h"
#include "storage/evidence_store.h"
#include "workflows/access_policy.h"
#include "workflows/indicator_status.h"
#include "workflows/task_service.h"

namespace vekha::server {

struct SiteContext {
  const Deployment& deployment;
  TaskStore& store;
  TaskService& service;
  const storage::EvidenceStore& evidence;
  AccessStore& access;
  const Clock& clock;
  std::string public_url;                // how people reach the server: "http://127.0.0.1:8080"
  notifiers::MailQueue* mail = nullptr;  // sends sign-in links; null: the deployment sends no e-mail
};

struct TaskFilter {
  std::string roadmap;
  std::string organisation;
  std::optional<TaskStatus> status;
  bool overdue = false;     // past the deadline and still waiting for work
  bool unfinished = false;  // not confirmed, done, waived or cancelled
};

struct HistoryFilter {
  std::optional<Date> from;  // local days, inclusive
  std::optional<Date> to;
  std::string organisation;
  std::string roadmap;
  std::string event;  // submitted, confirmed, returned, …; empty: any
  std::string task;
  bool notifications = true;  // the «notification …» events too
};

enum class Verb { kSubmit, kConfirm, kReturn, kWaive, kSetDate };
std::optional<Verb> ParseVerb(std::string_view name);

// The outcome of an action: an HTTP status (200, or 403 not allowed, 422 refused by the engine,
// 413 too large) and a message for the person.
struct ActionResult {
  int status = 200;
  std::string message;
};

// An action's outcome as the pages and the API answer it: 200 with its sentence (OutcomeText), or
// the refusal's HTTP status and reason.
ActionResult ResultOf(const Result<ActionOutcome>& outcome);

class Site {
 public:
  explicit Site(SiteContext context);

  const Deployment& deployment() const { return context_.deployment; }
  const AccessPolicy& policy() const { return context_.service.policy(); }
  TaskService& service() { return context_.service; }
  TaskStore& store() { return context_.store; }
  AccessStore& access() { return context_.access; }
  const storage::EvidenceStore& evidence() const { return context_.evidence; }
  const Clock& clock() const { return context_.clock; }
  const std::string& public_url() const { return context_.public_url; }
  Date Today() const;

  // Tasks the person may see that match, by effective deadline (undated last).
  Status VisibleTasks(const Person& person, const TaskFilter& filter, std::vector<TaskRecord>& out);
  // The task with this id (or unique prefix) when the person may see it; nullopt otherwise, so
  // a stranger cannot tell a hidden task from a missing one.
  Status FindVisible(const Person& person, const std::string& id, std::optional<TaskRecord>& out);
  // What the person's calendar shows: the tasks they are responsible for or confirm, not cancelled.
  Status OwedTasks(const Person& person, std::vector<CalendarEntry>& out);
  // Audit events of tasks the person may see, oldest first.
  Status History(const Person& person, const HistoryFilter& filter, std::vector<AuditEntry>& out);
  // Carries out `verb` on `task` with the form's fields and files, from `address`. A refused
  // submission keeps its files as the person's draft of the task; a document without a file in the
  // form is taken from that draft; a submission that goes through discards it.
  ActionResult Act(const Person& person, const std::string& address, const TaskRecord& task, Verb verb,
                   const FormData& form);

  // What the roadmaps monitor (site_monitoring.cc). Coordinators and auditors see every
  // organisation's event days and indicators; others those of the organisations where they hold a
  // role, and the municipality's.
  bool SeesMonitoringOf(const Person& person, const std::string& organisation) const;
  Status VisibleEventDates(const Person& person, std::vector<EventDate>& out);
  Status VisibleIndicators(const Person& person, const IndicatorFilter& filter, std::vector<IndicatorRow>& out);
  // Records an event's day (fields event, organisation, on, note) and dates the tasks counting from
  // it; records an indicator's value (fields indicator, organisation, year, value, comment). Who
  // may is TaskService's rule; 422 with the reason when refused.
  ActionResult RecordEvent(const Person& person, const std::string& address, const Fields& fields);
  ActionResult RecordIndicator(const Person& person, const std::string& address, const Fields& fields);

  // Names for people: the activity's and roadmap's titles, the organisation's and person's names
  // (the id when it left the YAML).
  std::string ActivityTitle(const TaskRecord& task) const;
  std::string RoadmapTitle(const std::string& roadmap) const;
  std::string OrganisationName(const std::string& organisation) const;
  std::string PersonName(const std::string& person) const;
  // The task's page, absolute.
  std::string TaskLink(const std::string& task) const;
  // The files kept from the person's refused submission of the task.
  std::vector<DraftFile> DraftOf(const std::string& task, const std::string& person) const {
    return drafts_.Files(task, person);
  }

 private:
  ActionResult Submit(const Person& person, const TaskRecord& task, const FormData& form);
  ActionResult Permitted(const Person& person, const TaskRecord& task, Verb verb) const;

  SiteContext context_;
  UploadDrafts drafts_;
};

}  // namespace vekha::server
