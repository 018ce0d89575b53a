package config

import (
	"strings"
	"testing"
	"time"
)

func env(values map[string]string) func(string) string {
	return func(key string) string { return values[key] }
}

func TestDefaults(t *testing.T) {
	cfg, err := Load(env(map[string]string{"DATABASE_URL": "postgres://app:secret@db:5432/app"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Port != 8080 || cfg.HTTP.KeepAliveTimeout != 65*time.Second || cfg.HTTP.HeadersTimeout != 10*time.Second ||
		cfg.HTTP.BodyLimitBytes != 1<<20 || cfg.ShutdownDelay != 5*time.Second || cfg.Database.PoolMax != 10 {
		t.Fatalf("unexpected defaults: %+v", cfg)
	}
	if cfg.Database.ApplicationName != DefaultServiceName {
		t.Fatalf("application_name = %q, want the service name", cfg.Database.ApplicationName)
	}
}

func TestInvalidValuesAreNamedNeverEchoed(t *testing.T) {
	_, err := Load(env(map[string]string{
		"DATABASE_URL":        "mysql://app:sentinel-db-9f3a@db/app",
		"PORT":                "abc",
		"LOG_LEVEL":           "verbose",
		"BODY_LIMIT_BYTES":    "-1",
		"SHUTDOWN_TIMEOUT_MS": "x",
	}))
	if !IsConfigError(err) {
		t.Fatalf("want a config error, got %v", err)
	}
	for _, name := range []string{"DATABASE_URL", "PORT", "LOG_LEVEL", "BODY_LIMIT_BYTES", "SHUTDOWN_TIMEOUT_MS"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
	for _, value := range []string{"sentinel-db-9f3a", "abc", "verbose"} {
		if strings.Contains(err.Error(), value) {
			t.Errorf("error echoes the value %q: %v", value, err)
		}
	}
}

func TestDatabaseURLIsRequired(t *testing.T) {
	if _, err := Load(env(nil)); err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("want DATABASE_URL named, got %v", err)
	}
}

func TestServiceIdentity(t *testing.T) {
	s := ServiceFromEnv(env(map[string]string{
		"OTEL_RESOURCE_ATTRIBUTES": "service.name=from-attrs,service.version=1.2.3",
		"OTEL_SERVICE_NAME":        "orders-api",
	}))
	if s.Name != "orders-api" || s.Version != "1.2.3" {
		t.Fatalf("service = %+v", s)
	}
}
