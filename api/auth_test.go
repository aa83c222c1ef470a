package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/store"
)

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	for _, h := range []string{"", "Bearer", "Basic dXNlcjpwYXNz", "Bearer rbk_unknown", "Bearer " + strings.TrimPrefix(key, "rbk_"), "bearer " + key + "x"} {
		r := e.call(http.MethodGet, "/v1/candidates", "", nil, "Authorization", h)
		mustProblem(t, r, http.StatusUnauthorized, "unauthorized")
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Fatal("401 without WWW-Authenticate")
		}
	}
	// The scheme is case-insensitive.
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates", "", nil, "Authorization", "bearer "+key), http.StatusOK)
}

func TestKeysAreHashedAtRest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, key := e.tenant("acme")
	var hits int64
	if err := e.st.GormDB().Raw(`SELECT count(*) FROM api_keys WHERE key_hash = ?`, key).Scan(&hits).Error; err != nil || hits != 0 {
		t.Fatalf("plaintext key stored (%d, %v)", hits, err)
	}
	if err := e.st.GormDB().Raw(`SELECT count(*) FROM api_keys WHERE key_hash = ?`, store.HashAPIKey(key)).Scan(&hits).Error; err != nil || hits != 1 {
		t.Fatalf("hash not found (%d, %v)", hits, err)
	}
	if len(key) < len("rbk_")+43 {
		t.Fatalf("key %q carries fewer than 256 bits", key)
	}
}

func TestScopesAndKeyManagement(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tenant, admin := e.tenant("acme")
	reader := e.key(tenant, "read")
	writer := e.key(tenant, "write")

	mustStatus(t, e.call(http.MethodGet, "/v1/candidates", reader, nil), http.StatusOK)
	mustProblem(t, e.call(http.MethodPost, "/v1/candidates", reader, map[string]any{"external_id": "x"}), http.StatusForbidden, "forbidden")
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates", writer, nil), http.StatusForbidden, "forbidden")
	mustStatus(t, e.call(http.MethodPost, "/v1/candidates", writer, map[string]any{"external_id": "x"}), http.StatusCreated)
	mustProblem(t, e.call(http.MethodGet, "/v1/api-keys", reader, nil), http.StatusForbidden, "forbidden")
	mustProblem(t, e.call(http.MethodPost, "/v1/api-keys", writer, map[string]any{"scopes": []string{"admin"}}), http.StatusForbidden, "forbidden")

	created := e.call(http.MethodPost, "/v1/api-keys", admin, map[string]any{"name": "sync job", "scopes": []string{"write", "read", "read"}})
	mustProblem(t, created, http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodPost, "/v1/api-keys", admin, map[string]any{"scopes": []string{}}), http.StatusUnprocessableEntity, "validation-error")
	mustProblem(t, e.call(http.MethodPost, "/v1/api-keys", admin, map[string]any{"scopes": []string{"root"}}), http.StatusUnprocessableEntity, "validation-error")
	k := e.create("/v1/api-keys", admin, map[string]any{"name": "sync job", "scopes": []string{"write", "read"}})
	secret, _ := k["secret"].(string)
	if !strings.HasPrefix(secret, "rbk_") || k["hint"] != secret[len(secret)-4:] || strings.Join(toStrings(k["scopes"]), ",") != "read,write" {
		t.Fatalf("created key %v", k)
	}
	mustStatus(t, e.call(http.MethodGet, "/v1/candidates", secret, nil), http.StatusOK)

	list := e.call(http.MethodGet, "/v1/api-keys", admin, nil)
	mustStatus(t, list, http.StatusOK)
	if strings.Contains(string(list.Body), secret) || strings.Contains(string(list.Body), `"secret"`) {
		t.Fatal("the key list shows a secret")
	}
	if n := len(list.object(t)["data"].([]any)); n != 4 {
		t.Fatalf("%d keys listed, want 4", n)
	}

	revoked := e.call(http.MethodDelete, "/v1/api-keys/"+k["id"].(string), admin, nil)
	mustStatus(t, revoked, http.StatusOK)
	if revoked.object(t)["revoked_at"] == nil {
		t.Fatal("revoked_at not set")
	}
	mustProblem(t, e.call(http.MethodGet, "/v1/candidates", secret, nil), http.StatusUnauthorized, "unauthorized")
	mustStatus(t, e.call(http.MethodDelete, "/v1/api-keys/"+k["id"].(string), admin, nil), http.StatusOK)
	mustProblem(t, e.call(http.MethodDelete, "/v1/api-keys/key_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b", admin, nil), http.StatusNotFound, "not-found")
}

func toStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}
