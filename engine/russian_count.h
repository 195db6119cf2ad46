// Counts in Russian with the noun's right form: 1 задача, 2 задачи, 5 задач, 11 задач, 21 задача.
// Every number a person reads next to a noun goes through CountOf; the nouns people read are
// declared once here. Pure.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace vekha {

// A noun's three forms after a number: after 1 (and 21, 31, …), after 2–4 (22–24, …), after
// 0, 5–20 (and 25–30, …).
struct NounForms {
  std::string_view one;
  std::string_view few;
  std::string_view many;
};

// The form of `noun` that follows a number of this magnitude.
std::string_view NounForMagnitude(uint64_t magnitude, const NounForms& noun);

// The form of `noun` that follows `count`.
template <std::integral Count>
std::string_view NounFor(Count count, const NounForms& noun) {
  if constexpr (std::is_signed_v<Count>) {
    if (count < 0) return NounForMagnitude(0 - static_cast<uint64_t>(count), noun);
  }
  return NounForMagnitude(static_cast<uint64_t>(count), noun);
}

// "5 задач": the count and its noun.
template <std::integral Count>
std::string CountOf(Count count, const NounForms& noun) {
  return std::to_string(count) + ' ' + std::string(NounFor(count, noun));
}

namespace nouns {
inline constexpr NounForms kTasks{"задача", "задачи", "задач"};
inline constexpr NounForms kDays{"день", "дня", "дней"};
inline constexpr NounForms kMinutes{"минута", "минуты", "минут"};
inline constexpr NounForms kTimes{"раз", "раза", "раз"};
inline constexpr NounForms kRows{"строка", "строки", "строк"};
inline constexpr NounForms kTables{"таблица", "таблицы", "таблиц"};
inline constexpr NounForms kWorkingDays{"рабочий день", "рабочих дня", "рабочих дней"};
inline constexpr NounForms kFiles{"файл", "файла", "файлов"};
inline constexpr NounForms kValues{"значение", "значения", "значений"};
inline constexpr NounForms kOrganisations{"организация", "организации", "организаций"};
inline constexpr NounForms kPeople{"человек", "человека", "человек"};
inline constexpr NounForms kRoadmaps{"дорожная карта", "дорожные карты", "дорожных карт"};
inline constexpr NounForms kActivities{"мероприятие", "мероприятия", "мероприятий"};
inline constexpr NounForms kEvents{"событие", "события", "событий"};
inline constexpr NounForms kSchools{"школа", "школы", "школ"};
inline constexpr NounForms kErrors{"ошибка", "ошибки", "ошибок"};
inline constexpr NounForms kWarnings{"предупреждение", "предупреждения", "предупреждений"};
inline constexpr NounForms kNotifications{"уведомление", "уведомления", "уведомлений"};
}  // namespace nouns

}  // namespace vekha
