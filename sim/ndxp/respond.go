package ndxp

import (
	"encoding/json"
	"net/http"
)

// apiError is the body of every error response.
type apiError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, encoded := encodeJSON(v)
	if encoded != http.StatusOK {
		status = encoded
	}
	writeBody(w, status, body)
}

// encodeJSON encodes v as a response body; status is 200, or 500 with an error body when v
// cannot be encoded.
func encodeJSON(v any) (body []byte, status int) {
	body, err := json.Marshal(v)
	if err != nil {
		body, _ = json.Marshal(apiError{Error: "internal", Message: "cannot encode the response"})
		return append(body, '\n'), http.StatusInternalServerError
	}
	return append(body, '\n'), http.StatusOK
}

// writeBody writes a JSON body encoded by encodeJSON.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError writes an error response and returns its status, for the request log.
func writeError(w http.ResponseWriter, status int, code, message string) int {
	writeJSON(w, status, apiError{Error: code, Message: message})
	return status
}
