// Package webhook holds the stateless building blocks of Rebound's outbound webhooks: signing
// and verification per the Standard Webhooks specification (https://www.standardwebhooks.com),
// an HTTP client that refuses to reach internal networks (SSRF protection), endpoint URL
// validation, response capture for the delivery log and the retry schedule.
//
// Nothing here touches the database; the dispatcher that stores deliveries and schedules
// attempts is built on top of these pieces.
package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names defined by the Standard Webhooks specification. They are exported so the
// dispatcher, the documentation and receivers' examples spell them identically.
const (
	HeaderID        = "webhook-id"        // the message id, stable across retries, for deduplication
	HeaderTimestamp = "webhook-timestamp" // this attempt's unix seconds, for replay protection
	HeaderSignature = "webhook-signature" // space-separated "v1,<base64>" signatures
)

// UserAgent identifies Rebound's deliveries to receivers, so they can recognise (and, if they
// wish, allow-list) the traffic; the trailing number is bumped only if the format changes.
const UserAgent = "Rebound-Webhooks/1"

// SecretPrefix starts every signing secret, as the specification requires, so a secret is
// recognisable in configuration files and secret scanners and cannot be confused with other keys.
const SecretPrefix = "whsec_"

// Key sizes the specification allows for HMAC secrets (24 to 64 bytes). Enforcing them rejects
// truncated or weak keys early instead of producing signatures nobody should trust.
const (
	MinSecretBytes = 24 // 192 bits, the specification's minimum
	MaxSecretBytes = 64 // 512 bits, the specification's maximum
)

// DefaultTolerance is the replay window Verify uses when it is given none: the specification's
// reference libraries accept timestamps up to five minutes away from the receiver's clock.
const DefaultTolerance = 5 * time.Minute

// ErrInvalidSecret means a signing secret is not "whsec_" followed by standard base64 of 24 to
// 64 bytes; callers can report it as a configuration problem rather than a delivery failure.
var ErrInvalidSecret = errors.New("webhook: secret must be whsec_ followed by base64 of 24 to 64 bytes")

// ErrInvalidMessageID means a message id cannot be signed safely. Ids must be non-empty,
// printable ASCII without spaces and without "." — the specification warns that a "." in the id
// would let one signed content be split into id, timestamp and body in more than one way.
var ErrInvalidMessageID = errors.New("webhook: message id must be 1-256 printable ASCII characters without spaces or '.'")

// Verification failures. They are distinct sentinels so receivers (and our tests) can tell a
// malformed request from a replay and from a forgery; compare them with errors.Is.
var (
	// ErrMissingHeaders means webhook-id, webhook-timestamp or webhook-signature is absent,
	// repeated or malformed (the timestamp must be unsigned decimal unix seconds).
	ErrMissingHeaders = errors.New("webhook: missing or malformed webhook-id, webhook-timestamp or webhook-signature header")
	// ErrTimestampOutOfTolerance means the signed timestamp is too far in the past (a possible
	// replay) or in the future (a skewed or forged clock).
	ErrTimestampOutOfTolerance = errors.New("webhook: webhook-timestamp is outside the allowed tolerance")
	// ErrNoMatchingSignature means no v1 signature in webhook-signature was made with the secret
	// over this id, timestamp and body.
	ErrNoMatchingSignature = errors.New("webhook: no matching v1 signature")
)

// NewSecret returns a fresh signing secret: "whsec_" and the standard base64 of 24 bytes from
// crypto/rand (192 bits, the specification's minimum). Each endpoint gets its own secret.
func NewSecret() (string, error) {
	key := make([]byte, MinSecretBytes)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("webhook: generating secret: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(key), nil
}

// ParseSecret decodes a "whsec_<base64>" secret into its HMAC key, so a corrupt or truncated
// secret is caught before anything is signed with it. Errors wrap ErrInvalidSecret.
func ParseSecret(s string) ([]byte, error) {
	raw, ok := strings.CutPrefix(s, SecretPrefix)
	if !ok {
		return nil, fmt.Errorf("%w: missing %q prefix", ErrInvalidSecret, SecretPrefix)
	}
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: not standard base64", ErrInvalidSecret)
	}
	if len(key) < MinSecretBytes || len(key) > MaxSecretBytes {
		return nil, fmt.Errorf("%w: key is %d bytes", ErrInvalidSecret, len(key))
	}
	return key, nil
}

// validMessageID reports whether id is safe to sign and to send as a header value.
func validMessageID(id string) bool {
	if id == "" || len(id) > 256 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c >= 0x7f || c == '.' {
			return false
		}
	}
	return true
}

// timestampString renders ts as the decimal unix seconds the specification signs and sends.
func timestampString(ts time.Time) (string, error) {
	secs := ts.Unix()
	if secs < 0 {
		return "", errors.New("webhook: timestamp before 1970")
	}
	return strconv.FormatInt(secs, 10), nil
}

// mac computes HMAC-SHA256(key, "<id>.<timestamp>.<body>"), the specification's signed content.
func mac(key []byte, msgID, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Sign computes one Standard Webhooks signature, "v1," followed by the standard base64 of
// HMAC-SHA256(key, "<msgID>.<unix seconds>.<body>"). The body must be exactly the bytes sent.
func Sign(secret string, msgID string, ts time.Time, body []byte) (string, error) {
	key, err := ParseSecret(secret)
	if err != nil {
		return "", err
	}
	if !validMessageID(msgID) {
		return "", ErrInvalidMessageID
	}
	tsStr, err := timestampString(ts)
	if err != nil {
		return "", err
	}
	return "v1," + base64.StdEncoding.EncodeToString(mac(key, msgID, tsStr, body)), nil
}

// SignatureHeader signs with every secret, in the given order, and joins the signatures with
// spaces. During a secret rotation both the new and the old secret are passed, so receivers
// still holding the old secret keep verifying deliveries (zero-downtime rotation).
func SignatureHeader(secrets []string, msgID string, ts time.Time, body []byte) (string, error) {
	if len(secrets) == 0 {
		return "", fmt.Errorf("%w: no secret given", ErrInvalidSecret)
	}
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		sig, err := Sign(s, msgID, ts, body)
		if err != nil {
			return "", err
		}
		sigs = append(sigs, sig)
	}
	return strings.Join(sigs, " "), nil
}

// Headers returns the request headers of one delivery attempt: webhook-id (the message id,
// identical on every retry so receivers can deduplicate), webhook-timestamp (this attempt's
// unix seconds, which receivers check against replays), webhook-signature (one per secret),
// Content-Type application/json and Rebound's User-Agent.
func Headers(secrets []string, msgID string, ts time.Time, body []byte) (http.Header, error) {
	sig, err := SignatureHeader(secrets, msgID, ts, body)
	if err != nil {
		return nil, err
	}
	tsStr, err := timestampString(ts)
	if err != nil {
		return nil, err
	}
	h := make(http.Header, 5)
	h.Set(HeaderID, msgID)
	h.Set(HeaderTimestamp, tsStr)
	h.Set(HeaderSignature, sig)
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", UserAgent)
	return h, nil
}

// single returns the only value of header name, or false when it is absent, empty or repeated
// (a repeated id or timestamp is ambiguous, so it is treated as malformed).
func single(h http.Header, name string) (string, bool) {
	vs := h.Values(name)
	if len(vs) != 1 || vs[0] == "" {
		return "", false
	}
	return vs[0], true
}

// Verify checks a received delivery the way a receiver should, and is the reference our
// documentation and tests use: the timestamp must be within tolerance of now (DefaultTolerance
// when tolerance ≤ 0) and at least one v1 signature in webhook-signature must match, compared in
// constant time. Other signature versions (such as v1a) and unparsable entries are ignored, as
// the specification asks. It returns nil, ErrMissingHeaders, ErrTimestampOutOfTolerance,
// ErrNoMatchingSignature, or an error wrapping ErrInvalidSecret.
func Verify(secret string, headers http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	key, err := ParseSecret(secret)
	if err != nil {
		return err
	}
	id, ok1 := single(headers, HeaderID)
	tsStr, ok2 := single(headers, HeaderTimestamp)
	sigs := strings.Fields(strings.Join(headers.Values(HeaderSignature), " "))
	if !ok1 || !ok2 || len(sigs) == 0 {
		return ErrMissingHeaders
	}
	if tsStr[0] < '0' || tsStr[0] > '9' { // ParseInt would accept a sign
		return ErrMissingHeaders
	}
	secs, err := strconv.ParseInt(tsStr, 10, 64)
	if err != nil {
		return ErrMissingHeaders
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	if d := now.Sub(time.Unix(secs, 0)); d > tolerance || d < -tolerance {
		return ErrTimestampOutOfTolerance
	}
	// The header's own text is what the sender signed.
	want := mac(key, id, tsStr, body)
	for _, s := range sigs {
		version, b64, ok := strings.Cut(s, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			continue
		}
		if hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrNoMatchingSignature
}
