// The command line in Russian: CLI11's help (its headings, type names and the help flag) and its
// parse errors, which CLI11 words in English, said in the words of the rest of the CLI.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace vekha::app {

// Russian headings, groups and help flags for `app` and all its subcommands, and Russian parse
// errors. Call once every subcommand and option is added.
void UseRussian(CLI::App& app);

// A CLI11 parse error's message in Russian; an unknown form is kept, introduced in Russian.
std::string RussianParseError(std::string_view message);

}  // namespace vekha::app
