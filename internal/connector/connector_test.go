package connector

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"testing"
)

func TestMapPrefersTheConnectorsOwnNames(t *testing.T) {
	t.Parallel()
	defaults := greenhouse{}.DefaultStages()
	if v, ok := Map(map[string]string{"Face To Face": "final_round"}, defaults, "  face to face "); !ok || v != "final_round" {
		t.Fatalf("custom mapping: %q %v", v, ok)
	}
	if v, ok := Map(nil, defaults, "Preliminary Phone Screen"); !ok || v != "phone_screen" {
		t.Fatalf("default mapping: %q %v", v, ok)
	}
	if _, ok := Map(nil, defaults, "Culture Chat"); ok {
		t.Fatal("an unknown name mapped")
	}
	if names := Names(); len(names) != 2 || names[0] != "greenhouse" || names[1] != "lever" {
		t.Fatalf("kinds: %v", names)
	}
}

func TestSignatures(t *testing.T) {
	t.Parallel()
	body := []byte(`{"action": "ping"}`)
	m := hmac.New(sha256.New, []byte("secret"))
	m.Write(body)
	h := http.Header{"Signature": {"sha256 " + hex.EncodeToString(m.Sum(nil))}}
	if err := (greenhouse{}).Verify("secret", h, body); err != nil {
		t.Fatalf("a good Greenhouse signature: %v", err)
	}
	for _, bad := range []http.Header{{}, {"Signature": {"sha256"}}, {"Signature": {"sha1 00"}}, {"Signature": {"sha256 zz"}}} {
		if err := (greenhouse{}).Verify("secret", bad, body); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%v: %v", bad, err)
		}
	}
	if err := (greenhouse{}).Verify("other", h, body); !errors.Is(err, ErrBadSignature) {
		t.Error("a signature verified with another secret")
	}
	m = hmac.New(sha256.New, []byte("token-secret"))
	m.Write([]byte("abc1700000000000"))
	leverBody := []byte(`{"token": "abc", "triggeredAt": 1700000000000, "signature": "` + hex.EncodeToString(m.Sum(nil)) + `", "event": "candidateArchiveChange"}`)
	if err := (lever{}).Verify("token-secret", nil, leverBody); err != nil {
		t.Fatalf("a good Lever signature: %v", err)
	}
	if err := (lever{}).Verify("other", nil, leverBody); !errors.Is(err, ErrBadSignature) {
		t.Error("a Lever signature verified with another token")
	}
	if err := (lever{}).Verify("token-secret", nil, []byte(`{"event": "x"}`)); !errors.Is(err, ErrBadSignature) {
		t.Error("a Lever body without a signature verified")
	}
}
