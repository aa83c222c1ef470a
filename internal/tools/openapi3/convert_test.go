package main

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/wire"
)

// committed loads the committed openapi.yaml, the converter's own output.
func committed(t *testing.T) *converter {
	t.Helper()
	raw, err := os.ReadFile("../../../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatal(err)
	}
	return &converter{doc: doc}
}

// TestDeprecationsAreMarked: a deprecated property is marked, with its dates, and every response
// of its operation documents the announcement headers; an entry naming nothing real fails.
func TestDeprecationsAreMarked(t *testing.T) {
	c := committed(t)
	since, sunset := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	err := c.markDeprecations([]wire.Deprecation{
		{Method: http.MethodGet, Route: "/v1/candidates/:id", Schema: "Candidate", Property: "locale", Since: since, Sunset: sunset, Notice: "https://rebound.dev/changelog"},
		{Method: http.MethodGet, Route: "/v1/rejections", Param: "company", Since: since, Sunset: sunset, Notice: "https://rebound.dev/changelog"},
	})
	if err != nil {
		t.Fatal(err)
	}
	locale := c.doc.Components.Schemas["Candidate"].Value.Properties["locale"].Value
	if !locale.Deprecated || !strings.Contains(locale.Description, "served until 2027-06-01") {
		t.Fatalf("locale: deprecated %v, %q", locale.Deprecated, locale.Description)
	}
	if !c.doc.Paths.Value("/v1/rejections").Get.Parameters.GetByInAndName("query", "company").Deprecated {
		t.Fatal("the company filter is not marked deprecated")
	}
	for code, resp := range c.doc.Paths.Value("/v1/candidates/{id}").Get.Responses.Map() {
		for _, h := range []string{"Deprecation", "Sunset", "Link"} {
			if resp.Value.Headers[h] == nil {
				t.Errorf("%s of getCandidate does not document %s", code, h)
			}
		}
	}
	for _, bad := range []wire.Deprecation{
		{Method: http.MethodGet, Route: "/v1/nowhere", Schema: "Candidate", Property: "locale"},
		{Method: http.MethodGet, Route: "/v1/candidates/:id", Schema: "Candidate", Property: "nickname"},
		{Method: http.MethodGet, Route: "/v1/candidates/:id", Param: "nickname"},
		{Method: http.MethodGet, Route: "/v1/candidates/:id"},
	} {
		if err := committed(t).markDeprecations([]wire.Deprecation{bad}); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

// TestEnumTagsMustAgreeWithTheServer: an enums tag that differs from the Go list the server
// checks fails the conversion instead of publishing the wrong values.
func TestEnumTagsMustAgreeWithTheServer(t *testing.T) {
	c := committed(t)
	if err := c.enums(); err != nil {
		t.Fatalf("the committed document disagrees with the server's lists: %v", err)
	}
	stage := c.doc.Components.Schemas["Rejection"].Value.Properties["stage"].Value
	stage.Enum = append(stage.Enum, "coffee_chat")
	if err := c.enums(); err == nil || !strings.Contains(err.Error(), "Rejection.stage") {
		t.Fatalf("a drifted enum passed: %v", err)
	}
}
