// The documents an order's «Ожидаемый результат» cell names, to be handed in as a task's evidence:
// «Аналитическая справка, меры, управленческие решения/не более 5% …» names one, «Аналитическая
// справка»; «План контрольных тематических проверок. Акты проверок. Управленческие решения» two.
// The cell is cut into phrases at . ; , and /; a phrase names a document when, past a participle
// («Разработана программа») and up to two adjectives («Адресные образовательные программы»), its
// head is a document noun in the nominative — справка, приказ, протокол, план, отчёт, положение,
// акт, дорожная карта, реестр, договор, программа, рекомендации, … Targets and outcomes («100%
// ОО прошли …», «управленческие решения», «меры») are not documents. Pure function.
#pragma once

#include <string>
#include <vector>

namespace vekha::importer {

// Each document the cell names, as written with its first letter capitalised, in cell order,
// each once; a phrase's trailing figures («Заключены договоры 100%») are cut off.
std::vector<std::string> DocumentsNamedIn(const std::string& result_cell);

}  // namespace vekha::importer
