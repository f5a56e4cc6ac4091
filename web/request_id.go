package web

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/labstack/echo/v4"
)

// clientRequestIDKey holds what a client sent as its X-Request-Id, cleaned (clientRequestID).
const clientRequestIDKey = "client_request_id"

// maxClientRequestID caps the client's X-Request-Id as logged: enough for any UUID or trace ID.
const maxClientRequestID = 64

// requestID gives every request an ID of the portal's own, in the X-Request-Id response header,
// which the logs and the error pages carry. An X-Request-Id sent by the client is never taken
// for it (echo's middleware adopts it, so a visitor could choose what a page shows and what
// the logs are searched by); it is kept aside, cleaned, for the request's log line.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if sent := req.Header.Get(echo.HeaderXRequestID); sent != "" {
			c.Set(clientRequestIDKey, clientRequestID(sent))
			req.Header.Del(echo.HeaderXRequestID) // no later reader may take it for the portal's
		}
		c.Response().Header().Set(echo.HeaderXRequestID, newRequestID())
		return next(c)
	}
}

// newRequestID returns 128 random bits in hex.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics rather than return an error)
	return hex.EncodeToString(b[:])
}

// clientRequestID cuts s to maxClientRequestID bytes and replaces every byte outside
// [A-Za-z0-9._:-] with '_', so that what the client sent cannot forge or garble a log line.
func clientRequestID(s string) string {
	if len(s) > maxClientRequestID {
		s = s[:maxClientRequestID]
	}
	b := []byte(s)
	for i, ch := range b {
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9', ch == '.', ch == '_', ch == ':', ch == '-':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}
