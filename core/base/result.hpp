#pragma once
// A value or a user-facing error message (already translated). Used across core/ so that
// failures always carry a sentence a user can act on, never an error code alone.
#include <optional>
#include <string>
#include <utility>

namespace rb {

template <class T>
class Result {
public:
    static Result ok(T value) { Result r; r.value_.emplace(std::move(value)); return r; }
    static Result fail(std::string message) { Result r; r.error_ = std::move(message); return r; }

    explicit operator bool() const { return value_.has_value(); }
    bool has_value() const { return value_.has_value(); }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& value() { return *value_; }
    const T& value() const { return *value_; }
    const std::string& error() const { return error_; }

private:
    Result() = default;
    std::optional<T> value_;
    std::string error_;
};

// For operations that return nothing but can fail.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Status::ok(Unit{}); }

}  // namespace rb
