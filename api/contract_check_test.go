package api

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failures it is given, to test the contract check.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); panic(r) }

// TestContractCheckCatchesDrift feeds the contract check exchanges that break the document in
// each way it must notice, and one that keeps it, so the check that guards every API test is
// itself known to work.
func TestContractCheckCatchesDrift(t *testing.T) {
	t.Parallel()
	candidate := `{"object":"candidate","id":"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b","external_id":"u","display_name":"D","email":null,` +
		`"timezone":"UTC","locale":"en","metadata":{},"created_at":"2026-11-20T09:30:00Z","updated_at":"2026-11-20T09:30:00Z"}`
	std := map[string]string{"Content-Type": "application/json", "X-Request-ID": "r1", "Rebound-Version": "2026-12-01", "ETag": `"x"`}
	cases := []struct {
		name, method, path, reqBody string
		status                      int
		headers                     map[string]string
		body                        string
		want                        string // "" when the exchange keeps the contract
	}{
		{"keeps the contract", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, std, candidate, ""},
		{"undocumented property", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, std, strings.Replace(candidate, `"u",`, `"u","nickname":"Dee",`, 1), "does not match"},
		{"missing property", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, std, strings.Replace(candidate, `"locale":"en",`, "", 1), "does not match"},
		{"wrong format", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, std, strings.Replace(candidate, `"2026-11-20T09:30:00Z"`, `"yesterday"`, 1), "does not match"},
		{"undocumented status", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 418, std, candidate, "not documented"},
		{"undocumented header", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, with(std, "Location", "/v1/x"), candidate, "undocumented header Location"},
		{"missing header", "GET", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", "", 200, with(std, "Rebound-Version", ""), candidate, "required header Rebound-Version"},
		{"null the document forbids", "PATCH", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", `{"timezone":null}`, 200, std, candidate, "document rejects"},
		{"null the document allows", "PATCH", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", `{"email":null}`, 200, std, candidate, ""},
		{"invalid request the server refused", "PATCH", "/v1/candidates/cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", `{"timezone":null}`, 422,
			map[string]string{"Content-Type": "application/problem+json", "X-Request-ID": "r1", "Rebound-Version": "2026-12-01"},
			`{"type":"https://rebound.dev/problems/validation-error","title":"Validation failed","status":422}`, ""},
		{"unknown route answered 200", "GET", "/v1/nowhere", "", 200, std, candidate, "not in the document"},
	}
	for _, tc := range cases {
		rec := &recorder{TB: t}
		e := &env{t: rec}
		req, _ := http.NewRequest(tc.method, "http://rebound.test"+tc.path, strings.NewReader(tc.reqBody))
		req.Header.Set("Authorization", "Bearer rbk_test")
		if tc.reqBody != "" {
			req.Header.Set("Content-Type", "application/merge-patch+json")
		}
		res := &http.Response{StatusCode: tc.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}
		for k, v := range tc.headers {
			if v != "" {
				res.Header.Set(k, v)
			}
		}
		e.checkContract(req, []byte(tc.reqBody), res, []byte(tc.body))
		got := strings.Join(rec.failures, "\n")
		switch {
		case tc.want == "" && got != "":
			t.Errorf("%s: the check failed a good exchange: %s", tc.name, got)
		case tc.want != "" && !strings.Contains(got, tc.want):
			t.Errorf("%s: the check did not notice (want %q): %q", tc.name, tc.want, got)
		}
	}
}

func with(h map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for name, value := range h {
		if name != k {
			out[name] = value
		}
	}
	return out
}
