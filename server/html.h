// HTML for the server-rendered pages: escaping, and the layout every page shares (title, the
// navigation a person's roles call for, a notice, the sign-out form with its CSRF token). Pure.
#pragma once

#include <string>
#include <string_view>

#include "engine/model.h"
#include "engine/text.h"

namespace vekha::server {

inline std::string Escape(std::string_view text) { return EscapeHtml(text); }

// What the layout shows: the deployment's name, who is signed in (nullptr on the sign-in page)
// and which sections they have.
struct PageFrame {
  std::string site_name;
  const Person* person = nullptr;
  std::string csrf;
  bool coordinator = false;  // «Просроченные» and dating external tasks
  bool events = false;       // the deployment names events: «События»
  bool indicators = false;   // it has an indicator catalogue: «Показатели»
  bool people = false;       // a roadmap's coordinator: «Люди», to invite its people
  std::string notice;        // a message after an action
  bool notice_is_error = false;
};

std::string RenderPage(const PageFrame& frame, std::string_view title, std::string_view body);

// A hidden CSRF field for a form.
std::string CsrfField(const std::string& csrf);

}  // namespace vekha::server
