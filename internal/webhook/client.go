package webhook

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrForbiddenAddress means an endpoint's host is, or resolves to, an address Rebound refuses
// to call because it is not on the public internet: loopback, private, link-local (cloud
// metadata), CGNAT, unspecified, multicast or reserved — or a well-known metadata hostname.
// Errors from ValidateEndpointURL and from the client returned by NewClient wrap it, so
// errors.Is works through *url.Error.
var ErrForbiddenAddress = errors.New("webhook: address is not a public internet address")

// ErrInvalidEndpointURL is wrapped by every ValidateEndpointURL error, so the API layer can map
// them all to one validation failure while showing the specific message to the platform.
var ErrInvalidEndpointURL = errors.New("invalid webhook endpoint URL")

// DefaultTimeout bounds one whole delivery attempt (connect, TLS, request, response headers
// and body) when ClientOptions.Timeout is zero, so a slow receiver cannot hold a worker.
const DefaultTimeout = 10 * time.Second

// MaxURLLength is the longest endpoint URL accepted; longer ones are almost certainly abuse and
// would bloat every delivery row.
const MaxURLLength = 2048

// MaxResponseBody is the most of a receiver's answer that is ever read, so a hostile or broken
// receiver cannot make the dispatcher buffer an unbounded body.
const MaxResponseBody = 64 << 10

// maxSnippet is how much of the answer is kept for the delivery log.
const maxSnippet = 1 << 10

// forbiddenPrefixes are the non-public ranges that netip's predicates do not cover. IPv4-mapped
// IPv6 addresses are unmapped before the check; NAT64 and 6to4 addresses are checked by the
// IPv4 address they embed.
var forbiddenPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking, often used inside data centres
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, includes 255.255.255.255 broadcast
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated), ::, ::1
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/32"),       // Teredo: embeds an obfuscated IPv4 address
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
}

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// IsForbiddenAddress reports whether ip is not a public unicast address and must therefore not
// be called unless the operator allowed private targets. The zero Addr is forbidden.
func IsForbiddenAddress(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	ip = ip.Unmap().WithZone("")
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsMulticast() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() {
		return true
	}
	for _, p := range forbiddenPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	// Translation prefixes lead to the IPv4 address they carry.
	if nat64Prefix.Contains(ip) {
		b := ip.As16()
		return IsForbiddenAddress(netip.AddrFrom4([4]byte(b[12:16])))
	}
	if sixToFour.Contains(ip) {
		b := ip.As16()
		return IsForbiddenAddress(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return false
}

// forbiddenHostname reports whether host (lower case, without a trailing dot) names the local
// machine or a cloud metadata service. Such names are refused without even resolving them;
// their addresses would be refused anyway, this just fails earlier and more clearly.
func forbiddenHostname(host string) bool {
	switch host {
	case "localhost", "metadata", "metadata.google.internal", "metadata.goog",
		"instance-data", "instance-data.ec2.internal":
		return true
	}
	return strings.HasSuffix(host, ".localhost")
}

// normalizeHost lower-cases host and drops one trailing dot, so "LOCALHOST." and "localhost"
// are treated alike.
func normalizeHost(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// looksNumeric reports whether a hostname that is not a valid IP address ends in a numeric label
// ("127.1", "2130706433", "0x7f.1"): URL parsers and C resolvers read such hosts as IPv4
// addresses in shorthand forms, and no real DNS name ends that way.
func looksNumeric(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		return true
	}
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	return true
}

// URLPolicy is the operator's choice of which endpoint URLs ValidateEndpointURL accepts.
// Both fields default to the safe setting; they exist for development and on-premises receivers.
type URLPolicy struct {
	// AllowHTTP accepts http:// besides https://. Only for development: plain HTTP exposes
	// payloads to anyone on the path.
	AllowHTTP bool
	// AllowPrivate accepts literal loopback/private addresses and local hostnames, for tests
	// and receivers inside the operator's own network.
	AllowPrivate bool
}

// ValidateEndpointURL checks an endpoint URL when it is registered, so mistakes and SSRF
// attempts are rejected up front with a clear message: absolute, https (or http when allowed),
// a host, an optional port in 1–65535, no credentials, no fragment, at most MaxURLLength bytes,
// and — unless private targets are allowed — no forbidden literal IP or local/metadata hostname.
// A hostname's addresses are not resolved here: they can change, so the client checks them at
// every connection. Errors wrap ErrInvalidEndpointURL, and also ErrForbiddenAddress when the
// host is refused for being non-public.
func ValidateEndpointURL(raw string, p URLPolicy) error {
	fail := func(msg string) error { return fmt.Errorf("%w: %s", ErrInvalidEndpointURL, msg) }
	if raw == "" {
		return fail("must not be empty")
	}
	if len(raw) > MaxURLLength {
		return fail("must be at most " + strconv.Itoa(MaxURLLength) + " characters")
	}
	if strings.TrimSpace(raw) != raw {
		return fail("must not start or end with spaces")
	}
	if strings.Contains(raw, "#") {
		return fail("must not contain a fragment")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Opaque != "" || u.Host == "" {
		return fail("must be an absolute URL such as https://hooks.example.com/rebound")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && p.AllowHTTP:
	default:
		return fail("must use https")
	}
	if u.User != nil {
		return fail("must not contain credentials; deliveries are authenticated by their signature")
	}
	host := normalizeHost(u.Hostname())
	if host == "" {
		return fail("must name a host")
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fail("port must be between 1 and 65535")
		}
	}
	ip, err := netip.ParseAddr(host)
	if err != nil && looksNumeric(host) {
		return fail("host is neither a valid IP address nor a DNS name")
	}
	if p.AllowPrivate {
		return nil
	}
	if (err == nil && IsForbiddenAddress(ip)) || (err != nil && forbiddenHostname(host)) {
		return fmt.Errorf("%w: host %q is not a public internet address: %w", ErrInvalidEndpointURL, host, ErrForbiddenAddress)
	}
	return nil
}

// ClientOptions configure NewClient.
type ClientOptions struct {
	// AllowPrivate lets deliveries reach loopback, private and link-local addresses. Off by
	// default, because endpoints are chosen by platforms, not by the operator; turn it on only
	// for tests and for receivers inside the operator's own network.
	AllowPrivate bool
	// Timeout bounds a whole attempt including reading the body; zero means DefaultTimeout.
	Timeout time.Duration
	// Resolver resolves endpoint hostnames; nil means net.DefaultResolver. Tests inject one
	// so that hostnames resolve to chosen addresses without touching real DNS.
	Resolver *net.Resolver
}

// dialFunc is the shape of net.Dialer.DialContext; tests substitute one that records what would
// have been dialled instead of connecting.
type dialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// guardedDialer resolves hosts itself and dials only vetted IP addresses.
type guardedDialer struct {
	resolver     *net.Resolver
	allowPrivate bool
	dial         dialFunc // receives "ip:port" only, never a hostname
}

// forbidden builds the error for a refused host, wrapping ErrForbiddenAddress.
func forbidden(host string, ip netip.Addr) error {
	if ip.IsValid() {
		return fmt.Errorf("webhook: refusing to connect to %s (%s): %w", host, ip, ErrForbiddenAddress)
	}
	return fmt.Errorf("webhook: refusing to connect to %s: %w", host, ErrForbiddenAddress)
}

// DialContext resolves address's host once, refuses the whole host if any of its addresses is
// forbidden, and otherwise dials the vetted addresses in the resolver's order until one
// connects. Refusing a host that mixes public and non-public answers (rather than quietly
// using only the public ones) keeps the behaviour predictable and visible in the delivery log;
// such a mix is either a misconfiguration or an attempt to reach internal services. Because the
// dial targets are the exact IPs that were checked, a second DNS answer (DNS rebinding) never
// comes into play.
func (g *guardedDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	portNum, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("webhook: invalid port in %q", address)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		name := normalizeHost(host)
		if !g.allowPrivate && forbiddenHostname(name) {
			return nil, forbidden(host, netip.Addr{})
		}
		ipNetwork := "ip"
		switch network {
		case "tcp4":
			ipNetwork = "ip4"
		case "tcp6":
			ipNetwork = "ip6"
		}
		ips, err = g.resolver.LookupNetIP(ctx, ipNetwork, host)
		if err != nil {
			return nil, fmt.Errorf("webhook: resolving %s: %w", host, err)
		}
		if len(ips) == 0 {
			return nil, fmt.Errorf("webhook: resolving %s: no addresses", host)
		}
	}
	if !g.allowPrivate {
		for _, ip := range ips {
			if IsForbiddenAddress(ip) {
				return nil, forbidden(host, ip)
			}
		}
	}
	var firstErr error
	for _, ip := range ips {
		target := netip.AddrPortFrom(ip.Unmap(), uint16(portNum)).String()
		conn, err := g.dial(ctx, network, target)
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}

// NewClient returns the HTTP client for deliveries. It is safe against SSRF: it resolves each
// host itself, refuses — before dialling — any host that is, or resolves to, a forbidden address
// (see IsForbiddenAddress) or a local/metadata hostname, and then dials the exact vetted IP, so
// DNS rebinding cannot slip an internal address in between check and use. As a second line of
// defence the socket is checked again just before it connects. The client does not follow
// redirects (a 3xx response is returned as is; callers treat it as a failure, as the
// specification recommends), ignores proxy environment variables, requires TLS 1.2 or later and
// gives up after the timeout. Errors for refused hosts wrap ErrForbiddenAddress.
func NewClient(opts ClientOptions) *http.Client {
	return newClient(opts, newDialer(opts.AllowPrivate).DialContext)
}

// newDialer returns the dialer behind NewClient. Unless private targets are allowed, its
// Control hook re-checks every socket's address after creation and before connect — a second
// line of defence should anything ever hand it an address that skipped the resolver check.
func newDialer(allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || IsForbiddenAddress(ap.Addr()) {
				return fmt.Errorf("webhook: refusing to connect to %s: %w", address, ErrForbiddenAddress)
			}
			return nil
		}
	}
	return d
}

// newClient builds the client around dial, which only ever receives vetted "ip:port" targets.
func newClient(opts ClientOptions, dial dialFunc) *http.Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	resolver := opts.Resolver
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	g := &guardedDialer{resolver: resolver, allowPrivate: opts.AllowPrivate, dial: dial}
	transport := &http.Transport{
		Proxy:                  nil, // never route deliveries through an environment-configured proxy
		DialContext:            g.DialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		ForceAttemptHTTP2:      true, // a custom dialer and TLS config would otherwise disable HTTP/2
		TLSHandshakeTimeout:    opts.Timeout,
		ResponseHeaderTimeout:  opts.Timeout,
		MaxResponseHeaderBytes: MaxResponseBody,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is an answer, and not a 2xx
		},
	}
}
