package lifecycle

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestPanicIsLoggedWithStackAndFatal(t *testing.T) {
	var out bytes.Buffer
	s := NewSupervisor(slog.New(slog.NewJSONHandler(&out, nil)))
	s.Go(context.Background(), "worker", func(context.Context) error { panic("boom") })
	select {
	case err := <-s.Fatal():
		if !strings.Contains(err.Error(), "boom") {
			t.Errorf("fatal error %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a panic did not end the service")
	}
	s.Wait()
	var line map[string]any
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q", out.String())
	}
	if stack, _ := line["exception.stacktrace"].(string); !strings.Contains(stack, "supervisor_test.go") {
		t.Errorf("stack does not reach the panicking function: %q", stack)
	}
}

func TestReturnedErrorIsFatalButCancellationIsNot(t *testing.T) {
	s := NewSupervisor(slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.Go(ctx, "stopped", func(ctx context.Context) error { return ctx.Err() })
	s.Wait()
	select {
	case err := <-s.Fatal():
		t.Fatalf("shutdown cancellation reported as fatal: %v", err)
	default:
	}
	s.Go(context.Background(), "failing", func(context.Context) error { return errors.New("disk full") })
	if err := <-s.Fatal(); err.Error() != "disk full" {
		t.Errorf("fatal error %v", err)
	}
}
