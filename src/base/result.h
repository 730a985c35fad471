#pragma once
// Result<T>: the value of an operation that can fail on user input, or the diagnostic saying why.
// (g++ 12 has no std::expected.) Our own bugs are asserts, not Results.
#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "base/diagnostics.h"

namespace nashr {

template <class E>
struct Failure {
  E error;
};

template <class E>
Failure<std::decay_t<E>> fail(E&& error) {
  return {std::forward<E>(error)};
}

template <class T, class E = Diagnostic>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = E;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure<E> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() on a failure");
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok() && "Result::value() on a failure");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok() && "Result::value() on a failure");
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const {
    assert(!ok() && "Result::error() on a success");
    return std::get<1>(state_);
  }

  template <class U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }

  // Applies f to the value; a failure passes through unchanged.
  template <class F>
  auto map(F&& f) && -> Result<std::invoke_result_t<F, T&&>, E> {
    if (!ok()) return Failure<E>{std::get<1>(std::move(state_))};
    return std::forward<F>(f)(std::get<0>(std::move(state_)));
  }

 private:
  std::variant<T, E> state_;
};

// Success without a value.
struct Ok {};

template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(Ok) {}                                                                 // NOLINT: implicit by design
  Result(Failure<E> failure) : error_(std::move(failure.error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const E& error() const {
    assert(!ok_ && "Result::error() on a success");
    return error_;
  }

 private:
  E error_{};
  bool ok_ = true;
};

}  // namespace nashr
