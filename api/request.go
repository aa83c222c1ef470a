package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/wire"
)

// maxBodyBytes bounds every request body (1 MiB).
const maxBodyBytes = 1 << 20

// headerETag is the ETag response header (Echo v4 has no constant for it).
const headerETag = "ETag"

// readBody returns the raw JSON body after checking its media type, size and encoding. Bodies
// are small and bounded, so reading them whole is cheap and lets idempotency hash them.
func readBody(c echo.Context, mediaTypes ...string) ([]byte, error) {
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || !contains(append([]string{"application/json"}, mediaTypes...), mt) {
		return nil, newProblem(probMediaType, "Send the body as JSON with Content-Type: application/json%s.", orMergePatch(mediaTypes))
	}
	if req.ContentLength > maxBodyBytes {
		return nil, newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes)
	}
	raw, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, maxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, newProblem(probTooLarge, "The request body exceeds %d bytes.", maxBodyBytes)
		}
		return nil, newProblem(probMalformed, "The request body could not be read.")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, newProblem(probMalformed, "The request body is empty; send a JSON object.")
	}
	if !utf8.Valid(raw) {
		return nil, newProblem(probMalformed, "The request body is not valid UTF-8.")
	}
	return raw, nil
}

func orMergePatch(types []string) string {
	if len(types) == 0 {
		return ""
	}
	return " or " + strings.Join(types, " or ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// decodeJSON reads the body strictly into dst: unknown fields, wrong types and trailing data are
// errors naming the field.
func decodeJSON(c echo.Context, dst any) ([]byte, error) {
	raw, err := readBody(c)
	if err != nil {
		return nil, err
	}
	return raw, unmarshalStrict(raw, dst)
}

// unmarshalStrict decodes raw into dst: a key given twice, a key dst does not have, a wrong
// type and trailing data are errors naming the field.
func unmarshalStrict(raw []byte, dst any) error {
	if err := shapeProblem(raw, dst); err != nil {
		return err
	}
	return decodeStrict(raw, dst)
}

// decodeProblem maps encoding/json errors onto a 400 (not JSON) or 422 (JSON of the wrong shape).
func decodeProblem(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		return newProblem(probMalformed, "The request body is not valid JSON (offset %d): %s.", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return newProblem(probMalformed, "The request body ends in the middle of a JSON value.")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return validationProblem([]model.FieldError{{Pointer: "", Detail: "must be " + jsonKind(typ.Type)}})
		}
		return validationProblem([]model.FieldError{{Pointer: "/" + strings.ReplaceAll(typ.Field, ".", "/"), Detail: "must be " + jsonKind(typ.Type)}})
	}
	return newProblem(probMalformed, "The request body could not be decoded as JSON.")
}

// jsonKind names a Go type the way a JSON client thinks of it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "of another type"
}

// mergePatch is a decoded JSON merge-patch (RFC 7396) body: a key absent leaves the field
// unchanged, null clears it, a value sets it.
type mergePatch map[string]json.RawMessage

// decodePatch reads a merge-patch body and rejects keys outside allowed.
func decodePatch(c echo.Context, allowed ...string) (mergePatch, error) {
	raw, err := readBody(c, "application/merge-patch+json")
	if err != nil {
		return nil, err
	}
	if err := shapeProblem(raw, (*map[string]json.RawMessage)(nil)); err != nil {
		return nil, err
	}
	var p mergePatch
	if err := json.Unmarshal(raw, &p); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return nil, validationProblem([]model.FieldError{{Pointer: "", Detail: "must be a JSON object"}})
		}
		return nil, decodeProblem(err)
	}
	if p == nil {
		return nil, validationProblem([]model.FieldError{{Pointer: "", Detail: "must be a JSON object"}})
	}
	var errs model.Errors
	for k := range p {
		if !contains(allowed, k) {
			errs.Add("/"+k, "is not a field that can be changed")
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// isNull reports whether the patch sets field to null.
func (p mergePatch) isNull(field string) bool {
	raw, ok := p[field]
	return ok && string(bytes.TrimSpace(raw)) == "null"
}

// decode sets *dst from field when present and not null. A value of the wrong shape (an unknown
// or repeated key inside it, a wrong type) is recorded in errs. It reports whether *dst was set.
func (p mergePatch) decode(errs *model.Errors, field string, dst any) bool {
	raw, ok := p[field]
	if !ok || p.isNull(field) {
		return false
	}
	shape, err := checkShape(raw, reflect.TypeOf(dst))
	if err == nil && len(shape) > 0 {
		for _, fe := range shape {
			errs.Add("/"+field+fe.Pointer, "%s", fe.Detail)
		}
		return false
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ) && typ.Field != "":
			errs.Add("/"+field+"/"+strings.ReplaceAll(typ.Field, ".", "/"), "must be %s", jsonKind(typ.Type))
		case errors.As(err, &typ):
			errs.Add("/"+field, "must be %s", jsonKind(typ.Type))
		default:
			errs.Add("/"+field, "is not valid")
		}
		return false
	}
	return true
}

// requiredString applies a string field that may change but not be cleared.
func (p mergePatch) requiredString(errs *model.Errors, field string, dst *string) {
	if p.isNull(field) {
		errs.Add("/"+field, "cannot be null")
		return
	}
	p.decode(errs, field, dst)
}

// optionalString applies a string field whose null means "".
func (p mergePatch) optionalString(errs *model.Errors, field string, dst *string) {
	if p.isNull(field) {
		*dst = ""
		return
	}
	p.decode(errs, field, dst)
}

// nullableString applies a field stored as NULL when cleared.
func (p mergePatch) nullableString(errs *model.Errors, field string, dst **string) {
	if p.isNull(field) {
		*dst = nil
		return
	}
	var v string
	if p.decode(errs, field, &v) {
		*dst = &v
	}
}

// parseTime parses an RFC 3339 timestamp field, recording an error at pointer when it is not one.
func parseTime(errs *model.Errors, pointer, s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		errs.Add(pointer, "must be an RFC 3339 date-time such as 2026-11-20T09:30:00Z")
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Microsecond), true
}

// pathID reads an id path parameter of the given type. A malformed id or one of another type
// cannot name an existing resource, so it is a plain 404.
func pathID(c echo.Context, name, prefix string) (string, error) {
	id := c.Param(name)
	if !model.ValidID(prefix, id) {
		return "", newProblem(probNotFound, "No such resource.")
	}
	return id, nil
}

// checkIfMatch enforces an If-Match header against the current representation. No header means
// no precondition.
func checkIfMatch(c echo.Context, current any) error {
	header := c.Request().Header.Get("If-Match")
	if header == "" {
		return nil
	}
	if strings.TrimSpace(header) == "*" {
		return nil
	}
	etag, err := wire.ETagOf(current)
	if err != nil {
		return err
	}
	for _, candidate := range strings.Split(header, ",") {
		if strings.TrimSpace(candidate) == etag {
			return nil
		}
	}
	return model.ErrPreconditionFailed
}

// writeJSON renders v with its ETag. A GET whose If-None-Match names the ETag gets 304.
func writeJSON(c echo.Context, status int, v any) error {
	return writeJSONVersioned(c, status, v, nil)
}

// writeJSONVersioned renders v with the ETag of version (v itself when nil): a representation
// that carries the time it was computed (insights' as_of) is versioned by its content only, so
// If-None-Match can answer 304 while nothing changed.
func writeJSONVersioned(c echo.Context, status int, v, version any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("render response: %w", err)
	}
	etag := wire.ETag(body)
	if version != nil {
		if etag, err = wire.ETagOf(version); err != nil {
			return fmt.Errorf("render response: %w", err)
		}
	}
	return writeTagged(c, status, body, etag)
}

// writeBody sends a JSON body with its ETag; a GET whose If-None-Match names the ETag gets 304.
func writeBody(c echo.Context, status int, body []byte) error {
	return writeTagged(c, status, body, wire.ETag(body))
}

func writeTagged(c echo.Context, status int, body []byte, etag string) error {
	c.Response().Header().Set(headerETag, etag)
	if c.Request().Method == http.MethodGet {
		for _, candidate := range strings.Split(c.Request().Header.Get("If-None-Match"), ",") {
			if strings.TrimSpace(candidate) == etag {
				return c.NoContent(http.StatusNotModified)
			}
		}
	}
	return c.JSONBlob(status, body)
}

// queryParams validates the query string against the parameters an operation accepts, so a
// misspelt filter is an error rather than silently ignored.
func queryParams(c echo.Context, allowed ...string) error {
	var errs model.Errors
	for k, v := range c.QueryParams() {
		if !contains(allowed, k) {
			errs.Add(k, "is not a known query parameter")
			continue
		}
		if len(v) > 1 {
			errs.Add(k, "must be given once")
		}
	}
	return errs.Err()
}

// queryInt parses an optional integer query parameter.
func queryInt(errs *model.Errors, c echo.Context, name string, def, lo, hi int) int {
	raw := c.QueryParam(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		errs.Add(name, "must be an integer from %d to %d", lo, hi)
		return def
	}
	return n
}

// queryTime parses an optional RFC 3339 query parameter.
func queryTime(errs *model.Errors, c echo.Context, name string) *time.Time {
	raw := c.QueryParam(name)
	if raw == "" {
		return nil
	}
	t, ok := parseTime(errs, name, raw)
	if !ok {
		return nil
	}
	return &t
}

// queryText reads an optional free-text query parameter: valid UTF-8, no NUL, at most max
// characters (a filter the database would choke on is the client's mistake, not a 500).
func queryText(errs *model.Errors, c echo.Context, name string, max int) string {
	raw := c.QueryParam(name)
	model.CheckText(errs, name, raw, false, max)
	return raw
}

// queryID reads an optional id query parameter of the given type.
func queryID(errs *model.Errors, c echo.Context, name, prefix, what string) string {
	raw := c.QueryParam(name)
	if raw != "" && !model.ValidID(prefix, raw) {
		errs.Add(name, "must be %s id (%s_…)", what, prefix)
	}
	return raw
}

// queryEnum parses an optional enumerated query parameter.
func queryEnum(errs *model.Errors, c echo.Context, name string, allowed []string) string {
	raw := c.QueryParam(name)
	if raw != "" {
		model.CheckEnum(errs, name, raw, allowed)
	}
	return raw
}

// metadata applies a metadata merge-patch: null clears the map, an object merges key by key and
// a null value inside it removes that key (RFC 7396 applied one level down).
func (p mergePatch) metadata(errs *model.Errors, dst *model.Metadata) {
	if p.isNull("metadata") {
		*dst = model.Metadata{}
		return
	}
	var changes map[string]*string
	if !p.decode(errs, "metadata", &changes) {
		return
	}
	next := model.Metadata{}
	for k, v := range *dst {
		next[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(next, k)
		} else {
			next[k] = *v
		}
	}
	*dst = next
}
