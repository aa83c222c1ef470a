package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The contract check: every request a test sends through e.call and every response it gets are
// validated against openapi.yaml, so the document cannot drift from the server.
//
//   - A response must have a documented status, its documented headers, a body of the
//     documented media type and schema, and no property, status or API header the document
//     does not name (objects are checked with additionalProperties: false, although the
//     published document leaves them open so that adding a field is not a breaking change).
//   - A request the document rejects must be one the server rejects too (4xx): the document may
//     never forbid what the server accepts. Tests that send malformed or invalid input on
//     purpose therefore need no exemption, and still have their responses checked.
//   - A request to a path or method the document does not have must get the 404 or 405
//     problem the server answers for unknown routes.
//   - HEAD is checked as its GET, without a body.

var (
	contractOnce   sync.Once
	contractDoc    *openapi3.T
	contractRouter routers.Router
	contractErr    error
)

func init() {
	for _, ct := range []string{"application/merge-patch+json"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.JSONBodyDecoder)
	}
	for _, ct := range []string{"text/html", "text/css", "text/javascript", "application/x-ndjson", "application/jsonl"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
	openapi3filter.RegisterBodyDecoder("application/x-www-form-urlencoded", formDecoder)
}

// formDecoder reads a form as the page posts it: the fields sent, repeated ones as arrays where
// the schema says so. (kin-openapi's decoder gives every absent field a null.)
func formDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	raw, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	values, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for k, vs := range values {
		p := schema.Value.Properties[k]
		if p != nil && p.Value.Type.Is(openapi3.TypeArray) {
			items := make([]any, len(vs))
			for i, v := range vs {
				items[i] = v
			}
			out[k] = items
			continue
		}
		out[k] = vs[0]
	}
	return out, nil
}

// contract loads openapi.yaml once, with every object schema closed.
func contract(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	contractOnce.Do(func() {
		raw, err := os.ReadFile("../openapi.yaml")
		if err != nil {
			contractErr = err
			return
		}
		doc, err := openapi3.NewLoader().LoadFromData(raw)
		if err != nil {
			contractErr = err
			return
		}
		doc.Servers = nil // match paths whatever the test server's address
		seen := map[*openapi3.Schema]bool{}
		for _, s := range doc.Components.Schemas {
			closeObjects(s, seen)
		}
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				for _, p := range op.Parameters {
					closeObjects(p.Value.Schema, seen)
				}
				if op.RequestBody != nil {
					for _, mt := range op.RequestBody.Value.Content {
						closeObjects(mt.Schema, seen)
					}
				}
				for _, r := range op.Responses.Map() {
					for _, mt := range r.Value.Content {
						closeObjects(mt.Schema, seen)
					}
				}
			}
		}
		contractDoc = doc
		contractRouter, contractErr = legacy.NewRouter(doc)
	})
	if contractErr != nil {
		t.Fatalf("openapi.yaml: %v", contractErr)
	}
	return contractDoc, contractRouter
}

// closeObjects sets additionalProperties: false on every object schema that lists its
// properties and says nothing about others.
func closeObjects(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
		closed := false
		s.AdditionalProperties.Has = &closed
	}
	for _, p := range s.Properties {
		closeObjects(p, seen)
	}
	closeObjects(s.Items, seen)
	closeObjects(s.AdditionalProperties.Schema, seen)
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range list {
			closeObjects(r, seen)
		}
	}
}

// apiHeaders are the response headers with a meaning in this API; each must be documented
// wherever it is sent. (Standard headers such as Content-Type or Cache-Control are not listed.)
var apiHeaders = []string{"ETag", "Location", "Idempotent-Replayed", "RateLimit", "RateLimit-Policy", "Retry-After",
	"WWW-Authenticate", "X-Request-ID", "Rebound-Version", "Deprecation", "Sunset", "Link"}

// checkContract validates one exchange; reqBody and resBody are the bytes sent and received.
func (e *env) checkContract(req *http.Request, reqBody []byte, res *http.Response, resBody []byte) {
	e.t.Helper()
	doc, router := contract(e.t)
	ctx := context.Background()
	where := req.Method + " " + req.URL.RequestURI()

	routed := req.Clone(ctx)
	if req.Method == http.MethodHead {
		routed.Method = http.MethodGet
	}
	routed.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := router.FindRoute(routed)
	if err != nil {
		e.checkUnrouted(doc, where, err, e.testRoutes[req.Method+" "+req.URL.Path], res, resBody)
		return
	}
	auth := func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		// Authentication is tested on its own; the contract only says a bearer token is sent.
		scheme, _, _ := strings.Cut(in.RequestValidationInput.Request.Header.Get("Authorization"), " ")
		if strings.EqualFold(scheme, "Bearer") {
			return nil
		}
		return errors.New("no bearer token")
	}
	in := &openapi3filter.RequestValidationInput{Request: routed, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: auth, MultiError: true, SkipSettingDefaults: true}}
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil && res.StatusCode < 400 {
		e.t.Errorf("contract: %s: the document rejects a request the server answered %d:\n%v", where, res.StatusCode, err)
	}

	resp := route.Operation.Responses.Status(res.StatusCode)
	if resp == nil {
		e.t.Errorf("contract: %s: status %d is not documented; body: %s", where, res.StatusCode, resBody)
		return
	}
	documented := map[string]bool{}
	for name, h := range resp.Value.Headers {
		documented[http.CanonicalHeaderKey(name)] = true
		if h.Value.Required && res.Header.Get(name) == "" {
			e.t.Errorf("contract: %s: %d lacks the required header %s", where, res.StatusCode, name)
		}
	}
	for _, name := range apiHeaders {
		if res.Header.Get(name) != "" && !documented[http.CanonicalHeaderKey(name)] && !e.deprecated(req, name) {
			e.t.Errorf("contract: %s: %d sends the undocumented header %s: %s", where, res.StatusCode, name, res.Header.Get(name))
		}
	}
	if len(resBody) > 0 && len(resp.Value.Content) == 0 {
		e.t.Errorf("contract: %s: %d has a body the document does not describe: %s", where, res.StatusCode, resBody)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, ExcludeResponseBody: req.Method == http.MethodHead}}
	out.SetBodyBytes(resBody)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		e.t.Errorf("contract: %s: the %d response does not match the document:\n%v\nbody: %s", where, res.StatusCode, err, truncate(resBody))
	}
}

// checkUnrouted holds a request the document has no operation for to the server's answer for
// unknown routes: 404 or 405, as a problem. A route a test added itself may answer any status,
// but as a problem too.
func (e *env) checkUnrouted(doc *openapi3.T, where string, routeErr error, testRoute bool, res *http.Response, body []byte) {
	e.t.Helper()
	for _, name := range []string{"X-Request-ID", "Rebound-Version"} {
		if res.Header.Get(name) == "" {
			e.t.Errorf("contract: %s: %d lacks %s", where, res.StatusCode, name)
		}
	}
	if !testRoute && res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMethodNotAllowed {
		e.t.Errorf("contract: %s is not in the document (%v), yet answered %d", where, routeErr, res.StatusCode)
		return
	}
	if len(body) == 0 { // HEAD
		return
	}
	if ct := res.Header.Get("Content-Type"); ct != problemContentType {
		e.t.Errorf("contract: %s: %d is %s, not a problem", where, res.StatusCode, ct)
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		e.t.Errorf("contract: %s: %v", where, err)
		return
	}
	if err := doc.Components.Schemas["Problem"].Value.VisitJSON(v); err != nil {
		e.t.Errorf("contract: %s: the %d problem does not match the Problem schema: %v", where, res.StatusCode, err)
	}
}

// deprecated reports whether the env announces a deprecation of this request's route with the
// header (the announcement tests configure deprecations the committed document does not have).
func (e *env) deprecated(req *http.Request, name string) bool {
	if name != "Deprecation" && name != "Sunset" && name != "Link" {
		return false
	}
	for _, d := range e.deprecations {
		if d.Method == req.Method && routeMatches(d.Route, req.URL.Path) {
			return true
		}
	}
	return false
}

// routeMatches reports whether an Echo route (with :params) matches a path.
func routeMatches(route, path string) bool {
	r, p := strings.Split(route, "/"), strings.Split(path, "/")
	if len(r) != len(p) {
		return false
	}
	for i := range r {
		if !strings.HasPrefix(r[i], ":") && r[i] != p[i] {
			return false
		}
	}
	return true
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return fmt.Sprintf("%s… (%d bytes)", b[:2000], len(b))
	}
	return string(b)
}
