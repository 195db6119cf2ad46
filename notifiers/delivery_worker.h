// DeliveryWorker: sends what the outbox holds (docs/product.md, «The daemon and notifications»). Each due message is
// rendered, held when it would reach a person inside their quiet hours (until the next allowed minute, no attempt
// counted) or before their daily digest, bundled with the others due for the same person and
// channel into one digest (at the digest minute, or when more than the burst limit are due at
// once), sent through its channel (the log when the deployment configures none of that name),
// and its outcome written with an audit event: sent; or tried
// again later with exponential backoff and jitter; or, after the last attempt or a permanent
// error, parked as failed (kept, visible in `vekha outbox`, re-sendable with Requeue).
//
// Delivery is at least once: the state is written after the channel returns, so a crash between
// the two sends the message again — with the same idempotency key (webhook header, e-mail
// Message-ID) for the receiver to recognise it. By default each state is committed before the
// next message is sent; a simulation, whose channels send nothing, groups them (`states_per_commit`).
// Not thread-safe: one worker per thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "engine/clock.h"
#include "engine/model.h"
#include "engine/task_store.h"
#include "notifiers/channel.h"

namespace vekha::notifiers {

using ChannelSet = std::map<std::string, std::unique_ptr<Channel>, std::less<>>;

// The channels a deployment configures; log is always there. Secrets come from the environment
// variables the settings name; a missing one is an error in `problem` (and no channels).
ChannelSet MakeChannels(const Deployment& deployment, const Clock& clock, std::string& problem);
// The deployment's e-mail channel alone (nullptr when it configures none); a missing secret is an
// error in `problem`.
std::unique_ptr<Channel> MakeEmailChannel(const Deployment& deployment, const Clock& clock, std::string& problem);
// The same channel names as MakeChannels, each a DryRunChannel: for simulations.
ChannelSet MakeDryRunChannels(const Deployment& deployment);

struct DeliverySummary {
  int sent = 0;
  int retrying = 0;  // failed this time, to be tried again
  int failed = 0;    // parked as failed
  int held = 0;      // held for quiet hours or the recipient's digest
  int digests = 0;   // of the sent messages, bundles sent as one (each counts its members in `sent`)

  int handled() const { return sent + retrying + failed + held; }
  DeliverySummary& operator+=(const DeliverySummary& other);
};

class DeliveryWorker {
 public:
  // All references must outlive the worker. `seed` drives the retry jitter.
  DeliveryWorker(const Deployment& deployment, TaskStore& store, ChannelSet& channels, const Clock& clock,
                 uint64_t seed = std::random_device{}(), int states_per_commit = 1);

  // Delivers at most `limit` messages that are due now, oldest first.
  Status DeliverDue(int limit, DeliverySummary& summary);
  // When the next queued message is due (now when one is due already); nullopt when none is.
  Status NextDue(std::optional<Clock::TimePoint>& out);
  // Puts a failed (or queued) message back in the queue for an attempt now, with its attempts
  // reset; audited as requeued by `actor`.
  Status Requeue(int64_t id, const std::string& actor);

 private:
  // The channel a message goes by: its own, or the log when the deployment configures none of
  // that name; nullptr when there is no log either.
  Channel* ChannelFor(const std::string& name);
  // When a message to a person must wait — for their digest minute (a fresh message with a daily
  // digest) or past their quiet hours; nullopt when it may go now.
  std::optional<Clock::TimePoint> HoldUntil(const OutboxMessage& outbox, Clock::TimePoint now) const;
  // When a send that asks to be tried again should be (backoff with jitter after `attempts_before`
  // attempts); nullopt for any other outcome.
  std::optional<Clock::TimePoint> RetryAt(const SendResult& result, int attempts_before);
  // Applies a send's outcome to one message — sent, retried at `retry_at`, or failed — and saves it.
  Status Record(OutboxMessage& outbox, const SendResult& result, std::optional<Clock::TimePoint> retry_at,
                const std::string& digest_key, DeliverySummary& summary);
  // Writes a message's delivery state, with an audit `event` when it is not null (naming the
  // digest it went in), in the open transaction (begun when none is), committing every
  // `states_per_commit_` states.
  Status Save(const OutboxMessage& message, const char* event, const std::string& digest_key = "");
  Status CommitPending();

  const Deployment& deployment_;
  TaskStore& store_;
  ChannelSet& channels_;
  const Clock& clock_;
  std::mt19937_64 random_;
  int states_per_commit_;
  std::unique_ptr<TaskStore::Transaction> pending_;
  int pending_states_ = 0;
};

}  // namespace vekha::notifiers
