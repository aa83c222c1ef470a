package dispatch

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// ErrForbiddenAddress means an endpoint's host is, or resolves to, an address Rebound refuses
// to call: loopback, private, link-local (cloud metadata), unspecified or multicast.
var ErrForbiddenAddress = errors.New("the address is loopback, private, link-local or otherwise not public")

// forbiddenPrefixes are the non-public ranges beyond what netip's predicates cover.
var forbiddenPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64 can reach IPv4 private space
}

// IsForbiddenAddress reports whether ip must not be called without the operator's explicit
// permission.
func IsForbiddenAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range forbiddenPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// URLPolicy is the operator's choice of which endpoint URLs are acceptable.
type URLPolicy struct {
	AllowHTTP    bool // http:// besides https:// (development)
	AllowPrivate bool // loopback and private targets (tests, on-premises receivers)
}

// ValidateEndpointURL checks an endpoint URL when it is registered. Hostnames are checked again
// at every connection (they can resolve differently later).
func ValidateEndpointURL(raw string, p URLPolicy) error {
	if len(raw) > 2048 {
		return errors.New("must be at most 2048 characters")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Hostname() == "" {
		return errors.New("must be an absolute URL such as https://hooks.example.com/rebound")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && p.AllowHTTP:
	default:
		return errors.New("must use https")
	}
	if u.User != nil {
		return errors.New("must not contain credentials; authenticate deliveries by their signature")
	}
	if u.Fragment != "" {
		return errors.New("must not contain a fragment")
	}
	host := strings.ToLower(u.Hostname())
	if !p.AllowPrivate {
		if ip, err := netip.ParseAddr(host); err == nil && IsForbiddenAddress(ip) {
			return fmt.Errorf("must not point at %s: %w", host, ErrForbiddenAddress)
		}
		if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "metadata.google.internal" {
			return fmt.Errorf("must not point at %s: %w", host, ErrForbiddenAddress)
		}
	}
	return nil
}

// ClientOptions configure the outbound client.
type ClientOptions struct {
	AllowPrivate bool
	Timeout      time.Duration // whole request, default 10 s
	// Resolver resolves endpoint hosts; nil uses the system resolver.
	Resolver *net.Resolver
}

// NewClient returns the HTTP client deliveries use. It refuses forbidden addresses at connection
// time — after resolution, on the very IP it dials, so DNS rebinding cannot slip past — follows
// no redirects, ignores proxy settings and gives up after the timeout.
func NewClient(opts ClientOptions) *http.Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	dialer := &net.Dialer{
		Timeout:  5 * time.Second,
		Resolver: opts.Resolver,
		// Control runs for each address actually dialled, after resolution.
		Control: func(network, address string, _ syscall.RawConn) error {
			if opts.AllowPrivate {
				return nil
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil || IsForbiddenAddress(ap.Addr()) {
				return fmt.Errorf("refusing to connect to %s: %w", address, ErrForbiddenAddress)
			}
			return nil
		},
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Timeout:   opts.Timeout,
		Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is an answer, and not a 2xx
		},
	}
}

// MaxResponseBody is how much of a receiver's answer is read.
const MaxResponseBody = 64 << 10

// ReadResponseSnippet reads at most MaxResponseBody bytes and keeps the first KiB as text for
// the delivery log.
func ReadResponseSnippet(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, MaxResponseBody))
	if len(b) > 1024 {
		b = b[:1024]
	}
	for !utf8.Valid(b) && len(b) > 0 {
		b = b[:len(b)-1]
	}
	return string(b)
}
