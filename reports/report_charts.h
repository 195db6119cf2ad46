// Charts of a report, drawn on the server as inline SVG (no script): the dashboard pages and the
// HTML report embed the same fragments. Each chart is a <figure> with its caption, the drawing
// (role="img" with a text alternative) and its figures in words, so it reads without colours, on a
// phone and in a screen reader. Labels are HTML text and wrap; only the bars are SVG. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/report.h"

namespace vekha::reports {

// One bar: the tasks of a school or a roadmap split into done on time, done late and overdue
// (waived and not yet due left out), with the on-time share among them as its value.
struct ShareBar {
  std::string key;  // the organisation's or roadmap's id
  std::string label;
  std::string link;  // where the label leads; empty: plain text
  Tally tally;
};

std::vector<ShareBar> BarsByOrganisation(const Report& report);  // in the deployment's order
std::vector<ShareBar> BarsByRoadmap(const Report& report);

std::string OnTimeChart(std::string_view caption, const std::vector<ShareBar>& bars);

// The report's tasks by the month of their deadline, every month of the period (undated left out).
struct MonthTally {
  int year = 0;
  int month = 0;  // 1–12
  Tally tally;
};
std::vector<MonthTally> TallyByMonth(const Report& report);

// Stacked columns per month: done on time, late, overdue and still open.
std::string MonthlyChart(std::string_view caption, const std::vector<MonthTally>& months);

// Each indicator's value against its target (those with a numeric target), at most `limit` of them.
std::string TargetChart(std::string_view caption, const std::vector<TargetLine>& targets, size_t limit);

// The CSS the charts need, for a page's stylesheet or a document's <style>. Colours are attributes
// of the drawings, so a Content-Security-Policy forbidding inline styles keeps them.
std::string_view ChartStyle();

// «73 %», «—» without a settled task.
std::string ShareText(const Tally& tally);

}  // namespace vekha::reports
