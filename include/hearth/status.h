// A Status is the result of an operation that may fail: ok, or a canonical
// code plus a human-readable message. Modelled on absl::Status, with leveldb's
// factory style (Status::NotFound("food", "99999")).
//
// Thread safety: a Status is a plain value; const methods are safe to call
// concurrently.
#ifndef HEARTH_STATUS_H_
#define HEARTH_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace hearth {

// Canonical error codes. Stored as strings in JSON and databases; add new
// values only at the end.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // The caller gave bad input (a field out of range, a malformed file).
  kNotFound,            // A named thing does not exist.
  kAlreadyExists,       // Creating something that exists.
  kFailedPrecondition,  // The system is not in a state for this (e.g. data not loaded).
  kAborted,             // Concurrency conflict; retrying the whole operation may work.
  kUnavailable,         // Transient; retrying the same call may work.
  kUnimplemented,       // Not supported (yet).
  kInternal,            // A bug: an invariant was broken.
  kPermissionDenied,    // The actor may not do this to this object.
  kUnauthenticated,     // No valid credentials.
  kResourceExhausted,   // A limit was hit (rate, size).
};

// Returns the stable lower-case name of `code` ("invalid_argument", ...).
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An ok status.
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kInvalidArgument, msg, msg2);
  }
  static Status NotFound(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kNotFound, msg, msg2);
  }
  static Status AlreadyExists(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kAlreadyExists, msg, msg2);
  }
  static Status FailedPrecondition(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kFailedPrecondition, msg, msg2);
  }
  static Status Aborted(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kAborted, msg, msg2);
  }
  static Status Unavailable(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kUnavailable, msg, msg2);
  }
  static Status Unimplemented(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kUnimplemented, msg, msg2);
  }
  static Status Internal(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kInternal, msg, msg2);
  }
  static Status PermissionDenied(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kPermissionDenied, msg, msg2);
  }
  static Status Unauthenticated(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kUnauthenticated, msg, msg2);
  }
  static Status ResourceExhausted(std::string_view msg, std::string_view msg2 = {}) {
    return Make(StatusCode::kResourceExhausted, msg, msg2);
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message". Ok stays ok.
  Status WithContext(std::string_view context) const;

  // "invalid_argument: message", or "ok".
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  static Status Make(StatusCode code, std::string_view msg, std::string_view msg2) {
    std::string m(msg);
    if (!msg2.empty()) {
      m += ": ";
      m += msg2;
    }
    return Status(code, std::move(m));
  }

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace hearth

// Evaluates `expr` (a Status); returns it from the enclosing function if not ok.
#define HEARTH_RETURN_IF_ERROR(expr)              \
  do {                                            \
    ::hearth::Status hearth_status_ = (expr);     \
    if (!hearth_status_.ok()) return hearth_status_; \
  } while (0)

#endif  // HEARTH_STATUS_H_
