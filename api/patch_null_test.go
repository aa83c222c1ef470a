package api

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestMergePatchNullsMatchTheDocument sends null for every property of every PATCH body the
// document describes (and for every property one level into nested objects): where the
// document says nullable, the server must accept it and clear the field; everywhere else it
// must answer 422 naming the field. The contract check on each call also fails if the server
// accepts a null the document forbids.
func TestMergePatchNullsMatchTheDocument(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	cand := e.candidate(key, "u-null")
	rej := e.rejection(key, cand, map[string]any{"external_ref": "app_1", "emotional_impact": 3, "applied_at": "2026-10-01T00:00:00Z"})["id"].(string)
	refl := e.create("/v1/rejections/"+rej+"/reflections", key, map[string]any{"answers": map[string]any{"mood": 3, "nerves": 2}})["id"].(string)
	plan := e.call(http.MethodGet, "/v1/rejections/"+rej+"/recovery-plan", key, nil).object(t)
	step := plan["steps"].([]any)[0].(map[string]any)["id"].(string)
	hook := e.create("/v1/webhook-endpoints", key, map[string]any{"url": "https://hooks.example.com/rebound", "enabled_events": []string{"*"}})["id"].(string)
	conn := e.greenhouseConnector(key, "greenhouse-secret-key-0001", nil)["id"].(string)
	paths := map[string]string{
		"/v1/candidates/{id}":                     "/v1/candidates/" + cand,
		"/v1/rejections/{id}":                     "/v1/rejections/" + rej,
		"/v1/reflections/{id}":                    "/v1/reflections/" + refl,
		"/v1/recovery-plans/{id}/steps/{step_id}": "/v1/recovery-plans/" + plan["id"].(string) + "/steps/" + step,
		"/v1/webhook-endpoints/{id}":              "/v1/webhook-endpoints/" + hook,
		"/v1/tenant":                              "/v1/tenant",
		"/v1/connectors/{id}":                     "/v1/connectors/" + conn,
	}
	doc, _ := contract(t)
	tried := 0
	for path, item := range doc.Paths.Map() {
		if item.Patch == nil {
			continue
		}
		target, ok := paths[path]
		if !ok {
			t.Errorf("PATCH %s: no resource to try nulls on; add one to this test", path)
			continue
		}
		body := item.Patch.RequestBody.Value.Content.Get("application/merge-patch+json").Schema.Value
		for _, prop := range sorted(body.Properties) {
			p := body.Properties[prop].Value
			e.tryNull(t, target, key, prop, map[string]any{prop: nil}, p.Nullable)
			tried++
			nested := p
			if len(p.AllOf) == 1 {
				nested = p.AllOf[0].Value
			}
			for _, sub := range sorted(nested.Properties) {
				e.tryNull(t, target, key, prop+"/"+sub, map[string]any{prop: map[string]any{sub: nil}}, nested.Properties[sub].Value.Nullable)
				tried++
			}
			if ap := nested.AdditionalProperties.Schema; ap != nil {
				e.tryNull(t, target, key, prop+"/some_key", map[string]any{prop: map[string]any{"some_key": nil}}, ap.Value.Nullable)
				tried++
			}
		}
	}
	if tried < 30 {
		t.Fatalf("only %d nulls tried", tried)
	}
}

// tryNull sends one null and checks the server agrees with the document about it.
func (e *env) tryNull(t *testing.T, path, key, pointer string, body map[string]any, nullable bool) {
	t.Helper()
	r := e.call(http.MethodPatch, path, key, body, "Content-Type", "application/merge-patch+json")
	switch {
	case nullable && r.Status != http.StatusOK:
		t.Errorf("PATCH %s with /%s null: the document allows it, the server answered %d: %s", path, pointer, r.Status, r.Body)
	case !nullable && r.Status != http.StatusUnprocessableEntity:
		t.Errorf("PATCH %s with /%s null: the document forbids it, the server answered %d: %s", path, pointer, r.Status, r.Body)
	case !nullable && !slices.ContainsFunc(pointers(r.object(t)), func(p string) bool { return strings.HasPrefix("/"+pointer, p) }):
		t.Errorf("PATCH %s with /%s null: the 422 names %v", path, pointer, pointers(r.object(t)))
	}
}

func sorted(props openapi3.Schemas) []string {
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
