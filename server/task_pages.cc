// The pages of directors and confirmers: «Мои задачи», «На подтверждение», a task with its
// forms, evidence and timeline, the actions' form handlers and evidence downloads.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine/russian_count.h"
#include "engine/whole_file.h"
#include "notifiers/renderer.h"
#include "reports/render.h"
#include "server/page_parts.h"
#include "server/web_app.h"
#include "workflows/audit_description.h"
#include "workflows/event_dating.h"

namespace vekha::server {

namespace {

// What the order itself says of the row: its section and expected result, when the YAML keeps them.
std::string OrderFacts(const Activity* activity) {
  if (activity == nullptr) return "";
  std::string facts;
  if (!activity->group.empty()) facts += "<dt>Раздел</dt><dd>" + Escape(activity->group) + "</dd>\n";
  if (!activity->result.empty()) facts += "<dt>Ожидаемый результат</dt><dd>" + Escape(activity->result) + "</dd>\n";
  return facts;
}

const char* DoneNotice(Verb verb) {
  switch (verb) {
    case Verb::kSubmit:
      return "Отправлено.";
    case Verb::kConfirm:
      return "Подтверждено.";
    case Verb::kReturn:
      return "Возвращено на доработку.";
    case Verb::kWaive:
      return "Задача снята с контроля.";
    case Verb::kSetDate:
      return "Срок назначен.";
  }
  return "";
}

// What a task that is not open waits for, and who must act; an open task shows its form instead.
std::string WaitingFact(const Waiting& waiting) {
  if (waiting.kind == Waiting::Kind::kNothing || waiting.kind == Waiting::Kind::kResponse) return "";
  return fmt::format("<dt>Ждёт</dt><dd id=\"waiting\" data-kind=\"{}\">{}</dd>\n", WaitingKindName(waiting.kind),
                     Escape(waiting.text));
}

// «1,5 МБ», «820 КБ», «12 байт».
std::string FileSizeText(uintmax_t bytes) {
  if (bytes >= 1024 * 1024) return reports::NumberText(static_cast<double>(bytes) / (1024.0 * 1024.0)) + " МБ";
  if (bytes >= 1024) return reports::NumberText(static_cast<double>(bytes) / 1024.0) + " КБ";
  return CountOf(bytes, {"байт", "байта", "байт"});
}

std::string VerbName(Verb verb) {
  switch (verb) {
    case Verb::kSubmit:
      return "submit";
    case Verb::kConfirm:
      return "confirm";
    case Verb::kReturn:
      return "return";
    case Verb::kWaive:
      return "waive";
    case Verb::kSetDate:
      return "set-date";
  }
  return "";
}

std::string FormatTarget(const Deliverable& deliverable) {
  if (!deliverable.target) return "";
  return fmt::format("{} {}{}", deliverable.lower_is_better ? "не более" : "не менее", *deliverable.target,
                     deliverable.unit.empty() ? "" : " " + deliverable.unit);
}

// What the upload form shows: the documents and values asked for (marked when required), the
// size limit, the files kept from a refused attempt, and what was typed in that attempt.
struct SubmitFormState {
  const std::vector<DraftFile>& drafts;
  int64_t max_file_bytes;
  const Fields* typed;  // the refused attempt's fields; nullptr on a first visit
};

std::string SubmitForm(const TaskRecord& task, const Activity& activity, const std::string& csrf,
                       const SubmitFormState& state) {
  std::string required = activity.allow_partial ? "" : R"( <span class="required">обязательно</span>)";
  std::string inputs;
  for (size_t i = 0; i < activity.deliverables.size(); ++i) {
    const Deliverable& deliverable = activity.deliverables[i];
    std::string number = std::to_string(i + 1);
    if (deliverable.kind == Deliverable::Kind::kDocument) {
      auto draft = std::find_if(state.drafts.begin(), state.drafts.end(),
                                [&](const DraftFile& file) { return file.deliverable == number; });
      std::string kept =
          draft == state.drafts.end()
              ? ""
              : fmt::format(
                    R"(<span class="draft" id="draft-{}">Уже загружен: «{}» ({}). Отправится он, если не выбрать другой файл.</span>)",
                    number, Escape(draft->name), FileSizeText(draft->size));
      bool must_choose = !activity.allow_partial && draft == state.drafts.end();
      inputs += fmt::format(
          R"(<label for="file-{0}">Документ: {1}{2}</label>{3}<input type="file" id="file-{0}" name="file-{0}"{4}>
)",
          number, Escape(deliverable.title), required, kept, must_choose ? " required" : "");
    } else {
      std::string typed = state.typed ? FieldValue(*state.typed, "value-" + number) : "";
      inputs += fmt::format(
          R"(<label for="value-{0}">Показатель: {1}{2}{3}</label><input type="text" inputmode="decimal" id="value-{0}" name="value-{0}" value="{4}"{5}> <span class="muted">{6}</span>
)",
          number, Escape(deliverable.title), deliverable.unit.empty() ? "" : ", " + Escape(deliverable.unit), required,
          Escape(typed), activity.allow_partial ? "" : " required", Escape(FormatTarget(deliverable)));
    }
  }
  std::string limits = fmt::format(
      R"(<p class="muted" id="upload-limits">Файлы любого формата (PDF, DOCX, XLSX, JPG…), каждый не больше {}.{}</p>)",
      FileSizeText(static_cast<uintmax_t>(state.max_file_bytes)),
      activity.allow_partial ? " Можно сдать не всё сразу." : "");
  return fmt::format(
      R"(<form method="post" action="/tasks/{}/submit" enctype="multipart/form-data" class="card" id="submit-form">
<h2>Отметить выполнение</h2>
{}{}{}<label for="comment">Комментарий</label><textarea id="comment" name="comment">{}</textarea>
<p><button type="submit" id="submit">Отправить</button></p>
</form>)",
      task.id, CsrfField(csrf), limits, inputs, Escape(state.typed ? FieldValue(*state.typed, "comment") : ""));
}

std::string DecisionForms(const TaskRecord& task, const std::string& csrf) {
  return fmt::format(R"(<form method="post" action="/tasks/{0}/confirm" class="card" id="confirm-form">
<h2>Решение по сданной задаче</h2>{1}
<p><button type="submit" id="confirm">Подтвердить</button></p>
</form>
<form method="post" action="/tasks/{0}/return" class="card" id="return-form">{1}
<label for="return-reason">Причина возврата</label><textarea id="return-reason" name="reason" required></textarea>
<p><button type="submit" class="secondary" id="return">Вернуть на доработку</button></p>
</form>)",
                     task.id, CsrfField(csrf));
}

std::string ManageForms(const TaskRecord& task, const std::string& csrf) {
  std::string forms;
  if (task.kind == Repeat::kExternal || IsWaiting(task.status)) {
    forms += fmt::format(R"(<form method="post" action="/tasks/{}/set-date" class="card" id="set-date-form">
<h2>Срок</h2>{}
<label for="due">Срок выполнения</label><input type="date" id="due" name="due" required>
<label for="opens">Открыть с (необязательно)</label><input type="date" id="opens" name="opens">
<p><button type="submit" id="set-date">Назначить срок</button></p>
</form>)",
                         task.id, CsrfField(csrf));
  }
  if (IsWaiting(task.status) || task.status == TaskStatus::kSubmitted) {
    forms += fmt::format(R"(<form method="post" action="/tasks/{}/waive" class="card" id="waive-form">
<h2>Снять с контроля</h2>{}
<label for="waive-reason">Основание</label><textarea id="waive-reason" name="reason" required></textarea>
<p><button type="submit" class="secondary" id="waive">Снять с контроля</button></p>
</form>)",
                         task.id, CsrfField(csrf));
  }
  return forms;
}

// Hashes are for auditors: `technical` shows each file's SHA-256.
std::string SubmissionsSection(const Site& site, const TaskRecord& task, const std::vector<Submission>& submissions,
                               bool technical) {
  if (submissions.empty()) return "";
  const std::string& zone = site.deployment().settings.time_zone;
  std::string html = "<h2>Сданные материалы</h2>";
  for (const Submission& submission : submissions) {
    html += fmt::format(R"(<section class="card submission"><p><strong>{}</strong> — {}</p>)",
                        LocalTime(submission.at, zone), Escape(site.PersonName(submission.person)));
    if (!submission.comment.empty()) html += fmt::format("<p>{}</p>", Escape(submission.comment));
    if (!submission.files.empty()) {
      html += fmt::format("<table><thead><tr><th>Документ</th><th>Файл</th><th>Размер</th>{}</tr></thead><tbody>",
                          technical ? "<th>SHA-256</th>" : "");
      for (const EvidenceFile& file : submission.files) {
        html += fmt::format(R"(<tr><td>{}</td><td><a href="/evidence/{}?task={}">{}</a></td><td>{}</td>{}</tr>)",
                            Escape(file.deliverable), file.sha256, task.id, Escape(file.original_name),
                            FileSizeText(static_cast<uintmax_t>(file.size)),
                            technical ? fmt::format(R"(<td class="hash">{}</td>)", file.sha256) : "");
      }
      html += "</tbody></table>";
    }
    if (!submission.values.empty()) {
      html += "<table><thead><tr><th>Показатель</th><th>Значение</th></tr></thead><tbody>";
      for (const ReportedValue& value : submission.values) {
        html += fmt::format("<tr><td>{}</td><td>{} {}</td></tr>", Escape(value.name), value.value, Escape(value.unit));
      }
      html += "</tbody></table>";
    }
    html += "</section>";
  }
  return html;
}

std::string Timeline(const Site& site, const std::vector<AuditEntry>& entries, AuditAudience audience) {
  const std::string& zone = site.deployment().settings.time_zone;
  std::string rows;
  for (const AuditEntry& entry : entries) {
    rows += fmt::format(
        "<tr><td data-label=\"Время\">{}</td><td data-label=\"Событие\">{}</td><td "
        "data-label=\"Кто\">{}</td><td>{}</td></tr>\n",
        LocalTime(entry.at, zone), Escape(EventTitle(entry.event)),
        Escape(entry.actor == "vekha" ? "Веха" : site.PersonName(entry.actor)),
        Escape(DescribeAuditDetails(entry.details, audience)));
  }
  return fmt::format(R"(<h2>История задачи</h2>
<table id="timeline"><thead><tr><th>Время</th><th>Событие</th><th>Кто</th><th>Подробности</th></tr></thead>
<tbody>
{}</tbody></table>)",
                     rows);
}

}  // namespace

HttpResponse WebApp::MyTasksPage(const Call& call) {
  TaskFilter filter;
  filter.unfinished = true;
  std::vector<TaskRecord> visible;
  if (Status status = site_.VisibleTasks(call.person(), filter, visible); !status.ok()) {
    return Page(call, status.meaning().http_status, "Мои задачи", "", status.message(), true);
  }
  std::vector<TaskRecord> mine;
  for (TaskRecord& task : visible) {
    if (task.status == TaskStatus::kScheduled && task.opens > AddDays(site_.Today(), 30)) continue;
    if (site_.policy().IsResponsible(call.person(), task)) mine.push_back(std::move(task));
  }
  std::string body = fmt::format(
      "<p>Задачи, за которые вы отвечаете: открытые, возвращённые, сданные на проверку и открывающиеся в ближайшие 30 "
      "дней. Цвет строки — срочность: красный — просрочено, оранжевый — не более 2 рабочих дней, жёлтый — не более "
      "недели.</p>\n{}",
      TaskTable(site_, mine, site_.Today()));
  return Page(call, 200, "Мои задачи", body);
}

HttpResponse WebApp::ToConfirmPage(const Call& call) {
  TaskFilter filter;
  filter.status = TaskStatus::kSubmitted;
  std::vector<TaskRecord> submitted;
  if (Status status = site_.VisibleTasks(call.person(), filter, submitted); !status.ok()) {
    return Page(call, status.meaning().http_status, "На подтверждение", "", status.message(), true);
  }
  std::erase_if(submitted, [&](const TaskRecord& task) { return !site_.policy().MayDecide(call.person(), task); });
  std::string body = fmt::format(
      "<p>Сданные задачи, которые подтверждаете вы. Откройте задачу, проверьте материалы и "
      "подтвердите или верните с указанием причины.</p>\n{}",
      TaskTable(site_, submitted, site_.Today()));
  return Page(call, 200, "На подтверждение", body);
}

HttpResponse WebApp::TaskPage(const Call& call, const std::string& id, int status, std::string notice, bool error,
                              const Fields* typed) {
  std::optional<TaskRecord> found;
  if (Status read = site_.FindVisible(call.person(), id, found); !read.ok())
    return Page(call, read.meaning().http_status, "Задача", "", read.message(), true);
  if (!found) return Page(call, 404, "Задача не найдена", "<p>Такой задачи нет или она вам не доступна.</p>");
  const TaskRecord& task = *found;
  if (notice.empty()) {
    if (auto verb = ParseVerb(FieldValue(call.query, "done"))) notice = DoneNotice(*verb);
  }
  const Activity* activity = site_.service().ActivityOf(task);
  std::vector<Submission> submissions;
  std::vector<AuditEntry> history;
  HistoryQuery query;
  query.task_id = task.id;
  if (Status read = site_.store().SubmissionsOf(task.id, submissions); !read.ok())
    return Page(call, read.meaning().http_status, "Задача", "", read.message(), true);
  if (Status read = site_.store().History(query, history); !read.ok())
    return Page(call, read.meaning().http_status, "Задача", "", read.message(), true);

  auto names = [](const std::vector<const Person*>& people) {
    std::string text;
    for (const Person* person : people) text += (text.empty() ? "" : ", ") + person->name;
    return text.empty() ? std::string("никто не назначен") : text;
  };
  Result<Waiting> waiting = site_.service().WhyWaiting(task);
  if (!waiting.ok())
    return Page(call, waiting.status().meaning().http_status, "Задача", "", waiting.status().message(), true);
  Date today = site_.Today();
  std::string deliverables;
  if (activity != nullptr) {
    for (const Deliverable& deliverable : activity->deliverables) {
      deliverables += fmt::format(
          "<li>{}: {}{}</li>", deliverable.kind == Deliverable::Kind::kDocument ? "документ" : "показатель",
          Escape(deliverable.title), deliverable.target ? " (" + Escape(FormatTarget(deliverable)) + ")" : "");
    }
  }
  std::string body = fmt::format(
      R"(<dl class="facts" id="task-facts">
<dt>Задача</dt><dd><code>{}</code></dd>
<dt>Дорожная карта</dt><dd>{}</dd>
<dt>Организация</dt><dd>{}</dd>
<dt>Сроки по документу</dt><dd>{}</dd>
<dt>Открыта с</dt><dd>{}</dd>
<dt>Срок</dt><dd class="{}">{} — {}</dd>
<dt>Статус</dt><dd id="task-status">{}</dd>
<dt>Ответственные</dt><dd>{}</dd>
<dt>Подтверждает</dt><dd>{}</dd>
{}</dl>
{})",
      task.id, Escape(site_.RoadmapTitle(task.roadmap)), Escape(site_.OrganisationName(task.organisation)),
      Escape(activity && !activity->timing_text.empty() ? activity->timing_text : "—"), DottedDate(task.opens),
      UrgencyClass(task, today, site_.deployment().calendar), DeadlineText(task), Escape(UrgencyText(task, today)),
      Escape(TaskStatusTitle(task.status)), Escape(names(site_.service().ResponsibleFor(task))),
      Escape(activity && activity->confirmer ? names(site_.service().ConfirmersOf(task)) : std::string("не требуется")),
      OrderFacts(activity) + WaitingFact(*waiting),
      deliverables.empty() ? "" : "<h2>Что сдать</h2><ul>" + deliverables + "</ul>");
  std::string csrf = call.principal.session ? call.principal.session->csrf : "";
  const AccessPolicy& policy = site_.policy();
  if (activity != nullptr && policy.MaySubmit(call.person(), task) &&
      (task.status == TaskStatus::kOpen || task.status == TaskStatus::kReturned)) {
    std::vector<DraftFile> drafts = site_.DraftOf(task.id, call.person().id);
    body += SubmitForm(task, *activity, csrf,
                       SubmitFormState{drafts, site_.deployment().settings.max_evidence_bytes, typed});
  }
  if (task.status == TaskStatus::kSubmitted && policy.MayDecide(call.person(), task)) body += DecisionForms(task, csrf);
  if (policy.MayManage(call.person(), task)) body += ManageForms(task, csrf);
  bool auditor = IsAuditor(call.person());
  body += SubmissionsSection(site_, task, submissions, auditor);
  body += Timeline(site_, history, auditor ? AuditAudience::kAuditors : AuditAudience::kPeople);
  return Page(call, status, site_.ActivityTitle(task), body, std::move(notice), error);
}

HttpResponse WebApp::TaskAction(const Call& call, const std::string& id, Verb verb, const FormData& form) {
  std::optional<TaskRecord> task;
  if (Status read = site_.FindVisible(call.person(), id, task); !read.ok())
    return Page(call, read.meaning().http_status, "Задача", "", read.message(), true);
  if (!task) return Page(call, 404, "Задача не найдена", "<p>Такой задачи нет или она вам не доступна.</p>");
  ActionResult result = site_.Act(call.person(), call.request.remote_address, *task, verb, form);
  if (result.status == 200) return HttpResponse::Redirect(fmt::format("/tasks/{}?done={}", task->id, VerbName(verb)));
  return TaskPage(call, task->id, result.status, result.message, true, &form.fields);
}

HttpResponse WebApp::Evidence(const Call& call, const std::string& sha256) {
  std::string task_id = FieldValue(call.query, "task");
  std::optional<TaskRecord> task;
  if (Status read = site_.FindVisible(call.person(), task_id, task); !read.ok()) {
    return HttpResponse::Text(500, "text/plain; charset=utf-8", read.message());
  }
  std::vector<Submission> submissions;
  if (task && site_.store().SubmissionsOf(task->id, submissions).ok()) {
    for (const Submission& submission : submissions) {
      for (const EvidenceFile& file : submission.files) {
        if (file.sha256 != sha256) continue;
        std::optional<std::string> contents = ReadWholeFile(site_.evidence().PathOf(file.sha256));
        if (!contents)
          return HttpResponse::Text(
              500, "text/plain; charset=utf-8",
              "Сохранённый файл не читается: сообщите администратору (vekha audit verify покажет, что с ним).");
        return HttpResponse::Text(200, file.media_type, std::move(*contents))
            .With("Content-Disposition",
                  fmt::format("attachment; filename*=UTF-8''{}", PercentEncode(file.original_name)));
      }
    }
  }
  return Page(call, 404, "Файл не найден", "<p>Такого файла у доступных вам задач нет.</p>");
}

}  // namespace vekha::server
