package calendar

import "time"

// SetClock replaces the clock a Service ages its cache by; call it before using the Service.
func SetClock(s *Service, now func() time.Time) { s.now = now }
