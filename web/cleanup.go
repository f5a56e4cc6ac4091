package web

import (
	"context"
	"errors"
)

// cleanup is the App's one stack of things to release. Each step of New that acquires something
// (the trace exporter, the pool, the running job client) pushes how to release it right after;
// Close runs the stack newest first, and a New that fails half-way calls Close too, so no error
// path releases anything by hand.
type cleanup []func(context.Context) error

// push adds f, to run before everything pushed earlier.
func (c *cleanup) push(f func(context.Context) error) { *c = append(*c, f) }

// run calls every function, newest first, even after one fails, and empties the stack, so a
// second run does nothing.
func (c *cleanup) run(ctx context.Context) error {
	var errs []error
	for i := len(*c) - 1; i >= 0; i-- {
		errs = append(errs, (*c)[i](ctx))
	}
	*c = nil
	return errors.Join(errs...)
}
