// The Russian sentence for what a TaskService action did, as the CLI prints it and the pages show
// it: «Задача … сдана на проверку (2 файл., 0 знач.); подтверждает: …».
#pragma once

#include <string>

#include "workflows/action_outcome.h"

namespace vekha {

std::string OutcomeText(const ActionOutcome& outcome);
// «Иванова И.И. (ivanova), Петров П.П. (petrov)», or «никто не назначен».
std::string PeopleText(const std::vector<const Person*>& people);

}  // namespace vekha
