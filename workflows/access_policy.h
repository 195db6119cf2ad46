// AccessPolicy: what a person may see and do — the one answer for TaskService (which refuses what
// it does not allow, whoever asks: the CLI, the pages, the API, the simulation) and for the web
// pages, the JSON API and the calendar feeds, which show only what it allows.
//   * auditors (role `auditor`) and heads of the department (role `head`) see every task; an
//     auditor changes nothing;
//   * a roadmap's coordinator sees its tasks, submits for any of them, waives and dates them;
//   * a person sees the tasks of the organisations where they hold a role (`at` and a curator's
//     `of`), and every task they are responsible for or confirm; they submit what they are
//     responsible for and confirm or return what they confirm;
//   * coordinators record events and any indicator's value; a person holding a role at an
//     organisation reports that organisation's values;
//   * a coordinator invites the people of their roadmaps: those an activity of theirs names
//     responsible or confirmer at one of its organisations.
// Holds references to the deployment and the service, which must outlive it. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/task.h"

namespace vekha {

class TaskService;

inline constexpr const char* kAuditorRole = "auditor";
inline constexpr const char* kHeadRole = "head";

// True when the person holds `role` at any organisation.
bool HoldsRole(const Person& person, const std::string& role);
// Auditors read everything and change nothing.
bool IsAuditor(const Person& person);

class AccessPolicy {
 public:
  AccessPolicy(const Deployment& deployment, const TaskService& service) : deployment_(deployment), service_(service) {}

  bool SeesEverything(const Person& person) const;
  bool MaySee(const Person& person, const TaskRecord& task) const;
  bool MaySubmit(const Person& person, const TaskRecord& task) const;
  bool MayDecide(const Person& person, const TaskRecord& task) const;  // confirm or return
  bool MayManage(const Person& person, const TaskRecord& task) const;  // waive, set the date
  bool MayRecordEvents(const Person& person) const;
  // Report an indicator's value at `organisation` (empty: the municipality's own).
  bool MayReportAt(const Person& person, const std::string& organisation) const;
  bool Coordinates(const Person& person, const std::string& roadmap) const;
  bool CoordinatesAny(const Person& person) const;
  bool IsResponsible(const Person& person, const TaskRecord& task) const;
  // The people `coordinator` may invite, in the deployment's order (themself left out).
  std::vector<const Person*> InvitablePeople(const Person& coordinator) const;
  bool IsConfirmer(const Person& person, const TaskRecord& task) const;

  // The organisations whose tasks hold every task the person may see, so a listing reads only
  // those; nullopt when that may be any organisation (they see everything, coordinate a roadmap,
  // or are named for tasks of other organisations).
  std::optional<std::vector<std::string>> OrganisationScope(const Person& person) const;

 private:
  bool HoldsRoleAt(const Person& person, const std::string& organisation) const;

  const Deployment& deployment_;
  const TaskService& service_;
};

}  // namespace vekha
