package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/reboundhq/rebound/internal/model"
)

// The fuzz targets feed the parsers everything a client can send. Their invariant: no panic,
// and every refusal is a problem the error handler maps to a 4xx (never a 500). Seeds are in
// testdata/fuzz; make test runs each briefly.

// FuzzUnmarshalStrict: the JSON body decoder.
func FuzzUnmarshalStrict(f *testing.F) {
	for _, s := range []string{
		`{"candidate_id":"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b","company":"A","role_title":"B","stage":"interview"}`,
		`{"company":"A","company":"B"}`, `{"contacts":[{"name":"x","role":"hr","nope":1}]}`, `[]`, `null`, `{"a":`,
		`{"metadata":{"k":"v","k":"w"}}`, `{"emotional_impact":"4"}`, "{\"company\":\"\xff\"}", `{}{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var req rejectionCreateRequest
		err := unmarshalStrict(raw, &req)
		if err == nil {
			return
		}
		if p, known := problemFor(err); !known || p.Status >= 500 {
			t.Fatalf("decoding %q gave %v (%d)", raw, err, p.Status)
		}
	})
}

// FuzzQueryParams: the list query parsing of GET /v1/rejections.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"company=%ff%fe", "stage=interview&limit=5", "limit=-1", "received_after=0000-01-01T00:00:00Z",
		"candidate_id=cand_%00", "limit=1&limit=2", "cursor=abc.def", "nope=1", "company=" + url.QueryEscape("Ünïcode")} {
		f.Add(s)
	}
	e := echo.New()
	srv := &Server{cursorKey: []byte("fuzz")}
	f.Fuzz(func(t *testing.T, query string) {
		req := httptest.NewRequest(http.MethodGet, "/v1/rejections", nil)
		req.URL.RawQuery = query
		c := e.NewContext(req, httptest.NewRecorder())
		c.SetPath("/v1/rejections")
		err := queryParams(c, append([]string{"limit", "cursor"}, rejectionFilterParams...)...)
		if err == nil {
			var errs model.Errors
			queryID(&errs, c, "candidate_id", model.PrefixCandidate, "a candidate")
			queryEnum(&errs, c, "stage", model.Stages)
			queryText(&errs, c, "company", model.MaxCompanyLength)
			queryTime(&errs, c, "received_after")
			err = errs.Err()
			if err == nil {
				_, err = srv.listParams(c, "ten_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", url.Values{})
			}
		}
		if err == nil {
			return
		}
		var ve *model.ValidationError
		if p, known := problemFor(err); !known || p.Status >= 500 {
			if !errors.As(err, &ve) {
				t.Fatalf("query %q gave %v", query, err)
			}
		}
	})
}

// FuzzCursor: a cursor is either one this server sealed for this list, tenant and filters, or
// refused; it never opens into a position it was not sealed with.
func FuzzCursor(f *testing.F) {
	srv := &Server{cursorKey: []byte("fuzz")}
	filters := url.Values{"stage": {"interview"}}
	good := srv.sealCursor("/v1/rejections", "rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c", "ten_a", filters)
	for _, s := range []string{good, good + "x", "", ".", "a.b", "cmVq.AAAA", good[:len(good)-2]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		id, ok := srv.openCursor(raw, "/v1/rejections", "ten_a", filters)
		if !ok {
			return
		}
		if srv.sealCursor("/v1/rejections", id, "ten_a", filters) != raw && raw != good {
			// Only the exact sealed form of a position opens (base64 has one canonical raw form).
			t.Fatalf("cursor %q opened into %q", raw, id)
		}
		if _, other := srv.openCursor(raw, "/v1/events", "ten_a", filters); other {
			t.Fatalf("cursor %q of one list opened another", raw)
		}
		if _, other := srv.openCursor(raw, "/v1/rejections", "ten_b", filters); other {
			t.Fatalf("cursor %q opened for another tenant", raw)
		}
	})
}
