package payment

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// maxAPIAnswer bounds what is read of an answer of the gateway's JSON API.
const maxAPIAnswer = 1 << 20

// callAPI posts a signed request to the gateway's JSON API (querydr, refund) and decodes its
// answer into out; the caller verifies the answer's signature.
func (s *Service) callAPI(ctx context.Context, req, out any) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("payment: gateway API: %w", err)
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.APIURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("payment: gateway API: %w", err)
	}
	r.Header.Set("Content-Type", "application/json")
	res, err := s.cfg.HTTP.Do(r)
	if err != nil {
		return fmt.Errorf("payment: gateway API: %w", err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("payment: gateway API: HTTP %d", res.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, maxAPIAnswer)).Decode(out); err != nil {
		return fmt.Errorf("payment: gateway API: answer: %w", err)
	}
	return nil
}

// requestID is a fresh vnp_RequestId: 32 hexadecimal digits, unique per request.
func requestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
