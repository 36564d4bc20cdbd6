// Result<T> holds either a value of type T or a non-ok Status (absl::StatusOr
// in spirit). Accessing the value of an error Result is a programmer error.
//
// Thread safety: a plain value.
#ifndef HEARTH_RESULT_H_
#define HEARTH_RESULT_H_

#include <cassert>
#include <cstdlib>
#include <optional>
#include <utility>

#include "hearth/status.h"

namespace hearth {

template <typename T>
class [[nodiscard]] Result {
 public:
  // REQUIRES: !status.ok()
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("Result constructed from an ok Status");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { Check(); return *value_; }
  const T& value() const& { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const { return ok() ? *value_ : std::move(fallback); }

 private:
  void Check() const {
    if (!value_) std::abort();  // Programmer error: value() of an error Result.
  }
  Status status_;
  std::optional<T> value_;
};

}  // namespace hearth

#define HEARTH_CONCAT_INNER_(a, b) a##b
#define HEARTH_CONCAT_(a, b) HEARTH_CONCAT_INNER_(a, b)

// HEARTH_ASSIGN_OR_RETURN(auto x, Compute()); returns the error Status from the
// enclosing function if Compute() failed.
#define HEARTH_ASSIGN_OR_RETURN(lhs, expr) \
  HEARTH_ASSIGN_OR_RETURN_IMPL_(HEARTH_CONCAT_(hearth_result_, __LINE__), lhs, expr)
#define HEARTH_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#endif  // HEARTH_RESULT_H_
