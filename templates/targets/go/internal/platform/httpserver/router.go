package httpserver

import (
	"bytes"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// routed resolves the ServeMux pattern first, so the span name, http.route (span, metrics,
// access log) are the low-cardinality template (C34, C42), and unmatched requests get
// problem+json 404/405 instead of ServeMux's plain-text ones (C58).
func routed(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler, pattern := mux.Handler(r)
		if pattern == "" {
			unmatched(handler, w, r)
			return
		}
		route := routeOf(pattern)
		infoFrom(r.Context()).route = route
		span := trace.SpanFromContext(r.Context())
		span.SetName(r.Method + " " + route)
		span.SetAttributes(attribute.String("http.route", route))
		if labeler, ok := otelhttp.LabelerFromContext(r.Context()); ok {
			labeler.Add(attribute.String("http.route", route))
		}
		mux.ServeHTTP(w, r)
	})
}

// unmatched runs ServeMux's own answer (404, 405 with Allow, or a path-cleaning redirect) into a
// buffer, and replaces an error body with problem+json.
func unmatched(handler http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	handler.ServeHTTP(rec, r)
	if allow := rec.header.Get("Allow"); allow != "" {
		w.Header().Set("Allow", allow)
	}
	if rec.status >= 400 {
		WriteProblem(w, r, rec.status, "")
		return
	}
	for key, values := range rec.header {
		w.Header()[key] = values
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
