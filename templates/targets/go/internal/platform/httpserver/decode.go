package httpserver

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
)

// DecodeJSON reads a JSON request body into dst. It returns 0 on success, or the status and a
// client-safe detail: 415 for another media type, 413 past BODY_LIMIT_BYTES, 400 for malformed
// JSON (C51, C52).
func DecodeJSON(r *http.Request, dst any) (int, string) {
	body, status, detail := ReadJSONBody(r)
	if status != 0 {
		return status, detail
	}
	if err := json.Unmarshal(body, dst); err != nil {
		return http.StatusBadRequest, "Body is not valid JSON for this request."
	}
	return 0, ""
}

// ReadJSONBody checks the media type and reads the whole (size-limited) body.
func ReadJSONBody(r *http.Request) ([]byte, int, string) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return nil, http.StatusUnsupportedMediaType, "Content-Type must be application/json."
	}
	body, err := io.ReadAll(r.Body)
	switch {
	case IsBodyTooLarge(err):
		return nil, http.StatusRequestEntityTooLarge, "Body is too large."
	case err != nil:
		return nil, http.StatusBadRequest, "Body could not be read."
	case !json.Valid(body):
		return nil, http.StatusBadRequest, "Body is not valid JSON."
	}
	return body, 0, ""
}
