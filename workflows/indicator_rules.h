// Indicator rules (`subject: indicator`): each catalogue indicator's value for a year — at each
// organisation it covers, for an organisation's indicator — is an expected report, and the rules
// judge it as they judge a task, with the same condition language:
//   status         «open» until a value is reported for the year, «done» after
//   kind           «indicator»;  activity: the indicator's id;  key: the year («2023»)
//   opens          1 January of the year;  due, effective_due: the day the value is due
//   overdue        no value after the day it was due
//   values, targets, off_target  by the indicator's id (off target: missed in its direction, or
//                  no positive dynamics against the year before)
//   organisation…  the organisation's, for an organisation's indicator (else empty)
// Recipients: `coordinator` is each roadmap's coordinator, `head` the head of each roadmap's owner,
// role@organisation is resolved at the indicator's organisation (the first roadmap's owner for
// the municipality's). Firings, messages and audit entries name the subject
// "indicator/ID/YEAR" or "indicator/ID@ORGANISATION/YEAR".
#pragma once

#include <string>
#include <vector>

#include "engine/task_store.h"
#include "rules/rule.h"
#include "rules/task_facts.h"
#include "workflows/indicator_status.h"
#include "workflows/rule_runner.h"

namespace vekha {

// Evaluates the indicator rules on every indicator's year and fires those that hold, inside the
// firing pass's `transaction`: each (rule, subject, stage) once, again every `repeat_days`, under
// the catch-up `policy` as task rules are.
void FireIndicatorRules(const Deployment& deployment, const std::vector<rules::Rule>& rules,
                        const std::vector<IndicatorValue>& values, const Date& today, CatchUpPolicy policy,
                        TaskStore::Transaction& transaction, FireSummary& summary);

// The facts of one indicator's year; they view `row`, `year_key` and the deployment.
rules::TaskFacts IndicatorFacts(const IndicatorRow& row, const IndicatorYear& year, const std::string& year_key,
                                const Date& today, const WorkCalendar& calendar);

std::string IndicatorSubjectId(const IndicatorRow& row, int year);

// Whether a firing's subject (a message's or an audit entry's task id) is an indicator's year.
bool IsIndicatorSubject(std::string_view subject);
// What a firing's subject is, for people: «показатель p1-01 (school-1) за 2022» or «задача ID».
std::string SubjectText(std::string_view subject);

}  // namespace vekha
