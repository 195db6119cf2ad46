// Rendering: an outbox message becomes a Message in the recipient's words — its template (the
// deployment's, which the loader has merged over the defaults of data/templates/) filled with the
// task's titles from the deployment, the deadline as 25.03.2022, the days left or late as of
// `today`, and the task's link. Pure function; thread-safe.
#pragma once

#include "engine/date.h"
#include "engine/model.h"
#include "notifiers/message.h"

namespace vekha::notifiers {

// The template used when a message names one the deployment does not have.
inline constexpr const char* kFallbackTemplate = "notice";

Message RenderMessage(const Deployment& deployment, const OutboxMessage& outbox, const Date& today);

}  // namespace vekha::notifiers
