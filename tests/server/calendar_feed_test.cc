// The iCalendar feed is valid RFC 5545 as libical (Debian) reads it — long Cyrillic lines folded
// without splitting a character, text escaped, dates as DATE values — and the form parsers refuse
// what is malformed and keep uploaded file names inside their directory.
#include "server/calendar_feed.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include "server/form_data.h"
#include "tests/status_matchers.h"

namespace vekha::server {
namespace {

CalendarEntry Entry(const std::string& id, TaskStatus status, std::optional<Date> due) {
  CalendarEntry entry;
  entry.task.id = id;
  entry.task.status = status;
  entry.task.opens = MakeDate(2022, 3, 1);
  entry.task.due = due;
  entry.task.effective_due = due;
  entry.title =
      "Разработка школами проекта концептуальных документов, антирисковых программ и размещение их в ИС МЭДК; "
      "подготовка аналитической справки, протокола совещания";
  entry.organisation = "МБОУ «Металлплощадская СОШ имени Унгулова Е.С.»";
  entry.roadmap = "Муниципальная дорожная карта мероприятий в рамках реализации проекта «500+» на 2022 год";
  entry.link = "http://127.0.0.1:8080/tasks/" + id;
  return entry;
}

TEST(CalendarFeedTest, IsValidForLibicalWithFoldedCyrillicLines) {
  std::vector<CalendarEntry> entries = {Entry("Q6PMCEV7D6EW", TaskStatus::kOpen, MakeDate(2022, 3, 25)),
                                        Entry("BK6DMWKQ84AF", TaskStatus::kConfirmed, MakeDate(2022, 1, 31)),
                                        Entry("DEVN71S9ZWSK", TaskStatus::kScheduled, std::nullopt)};
  std::string text =
      RenderCalendar("Веха: Прошлецова А.В.", entries, Clock::TimePoint{std::chrono::seconds{1647939600}});
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << "every line ends in CRLF";
    EXPECT_LE(end - start, 75u) << text.substr(start, end - start);
    start = end + 2;
  }
  icalcomponent* calendar = icalparser_parse_string(text.c_str());
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0);
  EXPECT_NE(icalrestriction_check(calendar), 0) << "RFC 5545 restrictions";
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0) << icalcomponent_as_ical_string(calendar);
  EXPECT_EQ(icalcomponent_count_components(calendar, ICAL_VTODO_COMPONENT), 3);
  icalcomponent* todo = icalcomponent_get_first_component(calendar, ICAL_VTODO_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_uid(todo), "Q6PMCEV7D6EW@vekha");
  EXPECT_STREQ(icalcomponent_get_summary(todo), entries[0].title.c_str()) << "unfolded and unescaped as written";
  struct icaltimetype due = icalcomponent_get_due(todo);
  EXPECT_EQ(due.is_date, 1);
  EXPECT_EQ(due.year * 10000 + due.month * 100 + due.day, 20220325);
  EXPECT_EQ(icalcomponent_get_status(todo), ICAL_STATUS_NEEDSACTION);
  todo = icalcomponent_get_next_component(calendar, ICAL_VTODO_COMPONENT);
  EXPECT_EQ(icalcomponent_get_status(todo), ICAL_STATUS_COMPLETED);
  icalcomponent_free(calendar);
}

TEST(FormDataTest, MultipartKeepsFilesAndFieldsApart) {
  std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nразмещено\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"file-1\"; filename=\"Концепция.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n%PDF\r\n\r\n--b--\r\n";
  FormData form;
  ASSERT_THAT(ParseMultipart(body, MultipartBoundary("multipart/form-data; boundary=b"), form), IsOk());
  EXPECT_EQ(form.fields.at("comment"), "размещено");
  ASSERT_EQ(form.files.size(), 1u);
  EXPECT_EQ(form.files[0].file_name, "Концепция.pdf");
  EXPECT_EQ(form.files[0].data, "%PDF\r\n");
}

TEST(FormDataTest, MalformedInputIsRefused) {
  FormData form;
  EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end", "b", form).ok());
  EXPECT_FALSE(ParseMultipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b", form).ok());
  EXPECT_EQ(MultipartBoundary("text/plain"), "");
  EXPECT_FALSE(ParseUrlEncoded("a=%D0%B").has_value());
  EXPECT_FALSE(ParseUrlEncoded("a=%zz").has_value());
  EXPECT_EQ(ParseUrlEncoded("a=%D0%B0+b&c=").value().at("a"), "а b");
}

TEST(FormDataTest, UploadedFileNamesCannotLeaveTheirDirectory) {
  EXPECT_EQ(SafeFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SafeFileName("C:\\Users\\school\\справка.docx"), "справка.docx");
  EXPECT_EQ(SafeFileName(".."), "file");
  EXPECT_EQ(SafeFileName("a\nb\x01.txt"), "ab.txt");
  EXPECT_EQ(SafeFileName(""), "file");
}

}  // namespace
}  // namespace vekha::server
