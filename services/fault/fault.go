// Package fault is the portal's one domain error type. A fault carries a code that the HTTP
// layer maps to a status, and the key of a user-safe, localised message; the wrapped cause is
// for logs only and never reaches a user.
package fault

import (
	"errors"
	"fmt"
)

// Codes of the portal's errors.
const (
	EINVALID      = "invalid"      // bad input from the user
	EUNAUTHORIZED = "unauthorized" // not signed in, or sign-in failed
	EFORBIDDEN    = "forbidden"    // signed in but not allowed
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAVAILABLE  = "unavailable" // a dependency (database, registry, identity provider) is down
	EINTERNAL     = "internal"
)

// Error is a domain error.
type Error struct {
	Code    string // one of the codes above
	Message string // key of the user-safe message (see views/i18n)
	Op      string // where it happened, for logs
	Err     error  // cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s (%s): %v", e.Op, e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s (%s)", e.Op, e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns a fault with a code, a message key and the operation that raised it.
func New(code, message, op string) *Error {
	return &Error{Code: code, Message: message, Op: op}
}

// Wrap returns a fault that keeps err as its cause.
func Wrap(code, message, op string, err error) *Error {
	return &Error{Code: code, Message: message, Op: op, Err: err}
}

// Code returns the code of the first fault in err's chain, EINTERNAL for any other error and
// "" for nil.
func Code(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return EINTERNAL
}

// Message returns the message key of the first fault in err's chain, or the generic one.
func Message(err error) string {
	if e, ok := errors.AsType[*Error](err); ok && e.Message != "" {
		return e.Message
	}
	return "error.internal"
}
