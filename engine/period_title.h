// An occurrence's period key as people read it: «август 2022», «III квартал 2022», «I полугодие
// 2022/23 учебного года», «2022 год», «2022/23 учебный год», «разовое», «по запросу № 3». Keys of
// any other form are returned as they are. Pure.
#pragma once

#include <string>
#include <string_view>

namespace vekha {

std::string PeriodTitle(std::string_view key);

}  // namespace vekha
