package webhook

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// These tests never send traffic beyond loopback. Hostnames are resolved by an in-memory DNS
// server (fakeDNS) reached through net.Pipe, and wherever a non-loopback address could be dialled
// if the code under test were broken, the client is built with a recording dialer that never
// connects.

func TestIsForbiddenAddress(t *testing.T) {
	forbidden := []string{
		// The brief's table.
		"127.0.0.1", "::1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1", "100.64.0.1", "0.0.0.0", "fc00::1",
		// Range edges and other non-public space.
		"127.255.255.254", "10.255.255.255", "172.31.255.255", "192.168.255.255", "169.254.0.1",
		"100.127.255.255", "100.100.100.200", "0.1.2.3", "224.0.0.1", "239.255.255.250",
		"255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.170", "192.0.2.1", "198.51.100.7",
		"203.0.113.9", "::", "::127.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
		"::ffff:100.64.0.1", "fd00:ec2::254", "fdff::1", "fe80::1%eth0", "febf::1", "fec0::1",
		"ff02::1", "ff05::2", "100::1", "2001:db8::1", "2001::1", "64:ff9b::7f00:1",
		"64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::1", "2002:a00:1::",
	}
	allowed := []string{
		"93.184.216.34", "2606:4700::1111", "8.8.8.8", "1.1.1.1", "2001:4860:4860::8888",
		"::ffff:93.184.216.34", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
		"192.167.255.255", "192.169.0.0", "11.0.0.1", "169.253.255.255", "223.255.255.254",
		"64:ff9b::5db8:d822", "2002:5db8:d822::1", "fbff::1", "fe00::1",
	}
	for _, s := range forbidden {
		if !IsForbiddenAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s should be forbidden", s)
		}
	}
	for _, s := range allowed {
		if IsForbiddenAddress(netip.MustParseAddr(s)) {
			t.Errorf("%s should be allowed", s)
		}
	}
	if !IsForbiddenAddress(netip.Addr{}) {
		t.Error("the zero Addr should be forbidden")
	}
}

func TestValidateEndpointURL(t *testing.T) {
	strict := URLPolicy{}
	dev := URLPolicy{AllowHTTP: true, AllowPrivate: true}
	type tc struct {
		url       string
		p         URLPolicy
		ok        bool
		forbidden bool // error must also wrap ErrForbiddenAddress
	}
	cases := []tc{
		{url: "https://hooks.example.com/rebound?x=1", p: strict, ok: true},
		{url: "https://hooks.example.com:8443/x", p: strict, ok: true},
		{url: "HTTPS://Hooks.Example.COM/x", p: strict, ok: true},
		{url: "https://93.184.216.34/hook", p: strict, ok: true},
		{url: "https://[2606:4700::1111]/hook", p: strict, ok: true},
		{url: "https://xn--bcher-kva.example/hook", p: strict, ok: true},
		{url: "https://" + strings.Repeat("a", 2048-len("https://.com")) + ".com", p: strict, ok: true},
		{url: "https://" + strings.Repeat("a", 2049-len("https://.com")) + ".com", p: strict},
		{url: "", p: strict},
		{url: "/relative/path", p: strict},
		{url: "hooks.example.com/x", p: strict},
		{url: "https:hooks.example.com", p: strict},
		{url: "https://", p: strict},
		{url: "https://:443/x", p: strict},
		{url: "ftp://hooks.example.com/", p: dev},
		{url: "javascript://hooks.example.com/", p: dev},
		{url: "http://hooks.example.com/", p: strict},
		{url: "http://hooks.example.com/", p: URLPolicy{AllowHTTP: true}, ok: true},
		{url: "https://user:pw@hooks.example.com/", p: strict},
		{url: "https://user@hooks.example.com/", p: strict},
		{url: "https://@hooks.example.com/", p: strict},
		{url: "https://user:pw@127.0.0.1/", p: dev},
		{url: "https://hooks.example.com/#frag", p: strict},
		{url: "https://hooks.example.com/#", p: strict},
		{url: " https://hooks.example.com/", p: strict},
		{url: "https://hooks.example.com/\n", p: strict},
		{url: "https://hooks.example.com:0/", p: strict},
		{url: "https://hooks.example.com:65536/", p: strict},
		{url: "https://hooks.example.com:99999/", p: strict},
		{url: "https://hooks.example.com:https/", p: strict},
		{url: "https://2130706433/", p: strict},
		{url: "https://0x7f000001/", p: strict},
		{url: "https://127.1/", p: strict},
		{url: "https://127.1/", p: dev},
		{url: "https://example.0x7f/", p: strict},
		{url: "https://127.0.0.1/x", p: strict, forbidden: true},
		{url: "https://10.0.0.1/", p: strict, forbidden: true},
		{url: "https://169.254.169.254/latest/meta-data/", p: strict, forbidden: true},
		{url: "https://[::1]/", p: strict, forbidden: true},
		{url: "https://[::ffff:127.0.0.1]/", p: strict, forbidden: true},
		{url: "https://[::ffff:a9fe:a9fe]/", p: strict, forbidden: true},
		{url: "https://[fe80::1%25eth0]/", p: strict, forbidden: true},
		{url: "https://[fd00:ec2::254]/", p: strict, forbidden: true},
		{url: "https://0.0.0.0:8080/", p: strict, forbidden: true},
		{url: "https://100.64.0.1/", p: strict, forbidden: true},
		{url: "https://localhost:8443/", p: strict, forbidden: true},
		{url: "https://LOCALHOST./", p: strict, forbidden: true},
		{url: "https://api.localhost/", p: strict, forbidden: true},
		{url: "https://metadata.google.internal/computeMetadata/v1/", p: strict, forbidden: true},
		{url: "https://metadata.google.internal./", p: strict, forbidden: true},
		{url: "https://127.0.0.1/x", p: URLPolicy{AllowPrivate: true}, ok: true},
		{url: "http://127.0.0.1:9000/hook", p: dev, ok: true},
		{url: "http://localhost:9000/hook", p: dev, ok: true},
		{url: "http://[::1]:9000/hook", p: dev, ok: true},
	}
	for _, c := range cases {
		err := ValidateEndpointURL(c.url, c.p)
		if c.ok {
			if err != nil {
				t.Errorf("%.60q %+v: %v", c.url, c.p, err)
			}
			continue
		}
		if !errors.Is(err, ErrInvalidEndpointURL) {
			t.Errorf("%.60q %+v: err = %v, want ErrInvalidEndpointURL", c.url, c.p, err)
		}
		if c.forbidden != errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%.60q %+v: err = %v, wraps ErrForbiddenAddress = %v, want %v", c.url, c.p, err, !c.forbidden, c.forbidden)
		}
	}
}

// fakeDNS is an in-memory DNS server. Its resolver's Dial returns one end of a net.Pipe, so
// lookups never leave the process; answer decides what each query gets.
type fakeDNS struct {
	mu      sync.Mutex
	answer  func(name string, qtype uint16) []netip.Addr
	queries []string // "name/A" or "name/AAAA", in arrival order
}

const (
	typeA    = 1
	typeAAAA = 28
)

func newFakeDNS(answer func(name string, qtype uint16) []netip.Addr) *fakeDNS {
	return &fakeDNS{answer: answer}
}

// staticDNS answers A and AAAA queries from a name → addresses map.
func staticDNS(m map[string][]string) *fakeDNS {
	return newFakeDNS(func(name string, qtype uint16) []netip.Addr {
		var out []netip.Addr
		for _, s := range m[name] {
			ip := netip.MustParseAddr(s)
			if (qtype == typeA) == ip.Is4() {
				out = append(out, ip)
			}
		}
		return out
	})
}

func (f *fakeDNS) resolver() *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			client, server := net.Pipe()
			go f.serve(server)
			return client, nil
		},
	}
}

func (f *fakeDNS) queryLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queries...)
}

// serve answers length-prefixed DNS queries (the stream framing Go's resolver uses on a
// connection that is not a PacketConn) until the client closes its end.
func (f *fakeDNS) serve(c net.Conn) {
	defer c.Close()
	for {
		var l [2]byte
		if _, err := io.ReadFull(c, l[:]); err != nil {
			return
		}
		q := make([]byte, binary.BigEndian.Uint16(l[:]))
		if _, err := io.ReadFull(c, q); err != nil {
			return
		}
		resp := f.respond(q)
		if resp == nil {
			return
		}
		out := binary.BigEndian.AppendUint16(nil, uint16(len(resp)))
		if _, err := c.Write(append(out, resp...)); err != nil {
			return
		}
	}
}

// respond builds the answer to one query message, or nil if it cannot be parsed.
func (f *fakeDNS) respond(q []byte) []byte {
	if len(q) < 12 || binary.BigEndian.Uint16(q[4:6]) != 1 {
		return nil
	}
	var labels []string
	off := 12
	for {
		if off >= len(q) {
			return nil
		}
		n := int(q[off])
		off++
		if n == 0 {
			break
		}
		if n > 63 || off+n > len(q) {
			return nil
		}
		labels = append(labels, string(q[off:off+n]))
		off += n
	}
	if off+4 > len(q) {
		return nil
	}
	qtype := binary.BigEndian.Uint16(q[off : off+2])
	question := q[12 : off+4]
	name := strings.ToLower(strings.Join(labels, "."))

	typeName := map[uint16]string{typeA: "A", typeAAAA: "AAAA"}[qtype]
	if typeName == "" {
		typeName = strconv.Itoa(int(qtype))
	}
	f.mu.Lock()
	f.queries = append(f.queries, name+"/"+typeName)
	f.mu.Unlock()

	var addrs []netip.Addr
	if qtype == typeA || qtype == typeAAAA {
		addrs = f.answer(name, qtype)
	}
	// Response, authoritative, recursion desired and available; an empty answer is NODATA,
	// which Go's resolver reports as "no such host" when neither A nor AAAA has records.
	flags := uint16(0x8580)
	resp := append([]byte{}, q[0:2]...)
	resp = binary.BigEndian.AppendUint16(resp, flags)
	resp = binary.BigEndian.AppendUint16(resp, 1)
	resp = binary.BigEndian.AppendUint16(resp, uint16(len(addrs)))
	resp = append(resp, 0, 0, 0, 0) // no authority or additional records
	resp = append(resp, question...)
	for _, ip := range addrs {
		resp = append(resp, 0xc0, 12) // name: pointer to the question
		if ip.Is4() {
			resp = binary.BigEndian.AppendUint16(resp, typeA)
		} else {
			resp = binary.BigEndian.AppendUint16(resp, typeAAAA)
		}
		resp = binary.BigEndian.AppendUint16(resp, 1)  // class IN
		resp = binary.BigEndian.AppendUint32(resp, 60) // TTL
		raw := ip.AsSlice()
		resp = binary.BigEndian.AppendUint16(resp, uint16(len(raw)))
		resp = append(resp, raw...)
	}
	return resp
}

// recordingDialer stands in for the real dialer: it records each target and connects nowhere.
type recordingDialer struct {
	mu      sync.Mutex
	targets []string
}

var errNotDialled = errors.New("test dialer: not connecting")

func (r *recordingDialer) dial(_ context.Context, network, address string) (net.Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.targets = append(r.targets, network+" "+address)
	return nil, errNotDialled
}

func (r *recordingDialer) dialled() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.targets...)
}

// countingServer is a loopback HTTP server that counts connections and requests.
type countingServer struct {
	*httptest.Server
	conns, hits atomic.Int64
}

func newCountingServer(t *testing.T, h http.HandlerFunc) *countingServer {
	t.Helper()
	s := &countingServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if h != nil {
			h(w, r)
		}
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *countingServer) port() string {
	return s.URL[strings.LastIndexByte(s.URL, ':')+1:]
}

func post(c *http.Client, u string) (*http.Response, error) {
	resp, err := c.Post(u, "application/json", strings.NewReader(`{}`))
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

// assertRefused checks that err is a refusal that errors.Is can see through *url.Error.
func assertRefused(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("err = %v, want one wrapping ErrForbiddenAddress", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatalf("err = %T, want *url.Error from http.Client", err)
	}
}

func TestClientRefusesLoopbackLiteralWithoutConnecting(t *testing.T) {
	srv := newCountingServer(t, nil)
	c := NewClient(ClientOptions{})
	for _, u := range []string{
		srv.URL + "/hook",
		"http://[::ffff:127.0.0.1]:" + srv.port() + "/hook",
		"http://localhost:" + srv.port() + "/hook",
	} {
		_, err := post(c, u)
		assertRefused(t, err)
	}
	time.Sleep(50 * time.Millisecond) // let a connection, had there been one, be registered
	if n := srv.hits.Load(); n != 0 {
		t.Fatalf("server received %d requests", n)
	}
	if n := srv.conns.Load(); n != 0 {
		t.Fatalf("server accepted %d connections", n)
	}
}

func TestClientAllowPrivateReachesLoopback(t *testing.T) {
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") == "" {
			w.WriteHeader(http.StatusBadRequest)
		}
	})
	c := NewClient(ClientOptions{AllowPrivate: true})
	resp, err := post(c, srv.URL+"/hook")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || srv.hits.Load() != 1 {
		t.Fatalf("status %d, %d hits; want 200 and 1", resp.StatusCode, srv.hits.Load())
	}
}

func TestClientResolvesAndRefusesLoopbackHostname(t *testing.T) {
	srv := newCountingServer(t, nil)
	dns := staticDNS(map[string][]string{"loopback.rebound.test": {"127.0.0.1"}})
	u := "http://loopback.rebound.test:" + srv.port() + "/hook"

	_, err := post(NewClient(ClientOptions{Resolver: dns.resolver()}), u)
	assertRefused(t, err)
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error %q does not name the refused address", err)
	}
	if len(dns.queryLog()) == 0 {
		t.Fatal("the injected resolver was not asked; the refusal did not come from resolution")
	}
	time.Sleep(50 * time.Millisecond)
	if srv.hits.Load() != 0 || srv.conns.Load() != 0 {
		t.Fatalf("server saw %d connections, %d requests", srv.conns.Load(), srv.hits.Load())
	}

	// Positive control: the same name and resolver reach the server once private is allowed, so
	// the resolver really is what decides where the client goes.
	resp, err := post(NewClient(ClientOptions{Resolver: dns.resolver(), AllowPrivate: true}), u)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || srv.hits.Load() != 1 {
		t.Fatalf("status %d, %d hits; want 200 and 1", resp.StatusCode, srv.hits.Load())
	}
}

func TestClientRefusesForbiddenResolutionsBeforeDialling(t *testing.T) {
	dns := staticDNS(map[string][]string{
		"loopback.rebound.test": {"127.0.0.1"},
		"private.rebound.test":  {"10.0.0.1"},
		"metadata.rebound.test": {"169.254.169.254"},
		"cgnat.rebound.test":    {"100.64.0.1"},
		"ula.rebound.test":      {"fd00:ec2::254"},
		"mapped.rebound.test":   {"::ffff:169.254.169.254"},
		"mixed.rebound.test":    {"93.184.216.34", "10.0.0.1"},
		"mixed6.rebound.test":   {"93.184.216.34", "fe80::1"},
	})
	for _, host := range []string{
		"loopback.rebound.test", "private.rebound.test", "metadata.rebound.test", "cgnat.rebound.test",
		"ula.rebound.test", "mapped.rebound.test", "mixed.rebound.test", "mixed6.rebound.test",
	} {
		rec := &recordingDialer{}
		c := newClient(ClientOptions{Resolver: dns.resolver()}, rec.dial)
		_, err := post(c, "https://"+host+"/hook")
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: err = %v, want ErrForbiddenAddress", host, err)
		}
		if d := rec.dialled(); len(d) != 0 {
			t.Errorf("%s: dialled %v before refusing", host, d)
		}
	}
	if q := dns.queryLog(); len(q) == 0 {
		t.Fatal("the injected resolver was never asked")
	}
}

func TestClientRefusesMetadataHostnamesWithoutResolving(t *testing.T) {
	// The fake DNS would answer with a public address; the name alone must be refused.
	dns := newFakeDNS(func(string, uint16) []netip.Addr {
		return []netip.Addr{netip.MustParseAddr("93.184.216.34")}
	})
	for _, host := range []string{"metadata.google.internal", "METADATA.google.internal.", "localhost", "app.localhost", "metadata.goog"} {
		rec := &recordingDialer{}
		_, err := post(newClient(ClientOptions{Resolver: dns.resolver()}, rec.dial), "https://"+host+"/computeMetadata/v1/")
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: err = %v, want ErrForbiddenAddress", host, err)
		}
		if d := rec.dialled(); len(d) != 0 {
			t.Errorf("%s: dialled %v", host, d)
		}
	}
	if q := dns.queryLog(); len(q) != 0 {
		t.Fatalf("forbidden names were resolved: %v", q)
	}
}

func TestClientRefusesForbiddenLiteralsBeforeDialling(t *testing.T) {
	for _, host := range []string{"10.0.0.1", "169.254.169.254", "[fe80::1]", "[::ffff:10.0.0.1]", "0.0.0.0", "[::]", "100.64.0.1", "[64:ff9b::a9fe:a9fe]"} {
		rec := &recordingDialer{}
		_, err := post(newClient(ClientOptions{}, rec.dial), "http://"+host+"/latest/meta-data/")
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: err = %v, want ErrForbiddenAddress", host, err)
		}
		if d := rec.dialled(); len(d) != 0 {
			t.Errorf("%s: dialled %v", host, d)
		}
	}
}

func TestClientDialsTheVettedAddressOnly(t *testing.T) {
	// The first answer for the name is public; every later one points at metadata (a DNS
	// rebinding attack). The client must resolve once and dial exactly what it checked.
	var aQueries atomic.Int64
	dns := newFakeDNS(func(name string, qtype uint16) []netip.Addr {
		if name != "rebind.rebound.test" || qtype != typeA {
			return nil
		}
		if aQueries.Add(1) == 1 {
			return []netip.Addr{netip.MustParseAddr("93.184.216.34")}
		}
		return []netip.Addr{netip.MustParseAddr("169.254.169.254")}
	})
	rec := &recordingDialer{}
	c := newClient(ClientOptions{Resolver: dns.resolver()}, rec.dial)
	_, err := post(c, "https://rebind.rebound.test/hook")
	if !errors.Is(err, errNotDialled) {
		t.Fatalf("err = %v, want the recording dialer's", err)
	}
	if d := rec.dialled(); len(d) != 1 || d[0] != "tcp 93.184.216.34:443" {
		t.Fatalf("dialled %v, want exactly [tcp 93.184.216.34:443]", d)
	}
	if n := aQueries.Load(); n != 1 {
		t.Fatalf("%d A lookups, want 1 (queries %v)", n, dns.queryLog())
	}

	// Several public addresses are tried in order until one connects.
	dns2 := staticDNS(map[string][]string{"multi.rebound.test": {"93.184.216.34", "93.184.216.35"}})
	rec2 := &recordingDialer{}
	_, _ = post(newClient(ClientOptions{Resolver: dns2.resolver()}, rec2.dial), "https://multi.rebound.test:8443/hook")
	if d := rec2.dialled(); len(d) != 2 || d[0] != "tcp 93.184.216.34:8443" || d[1] != "tcp 93.184.216.35:8443" {
		t.Fatalf("dialled %v, want both addresses on port 8443", d)
	}
}

func TestClientDoesNotFollowRedirects(t *testing.T) {
	target := newCountingServer(t, nil)
	redirector := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/landed", http.StatusFound)
	})
	c := NewClient(ClientOptions{AllowPrivate: true})
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		req, _ := http.NewRequest(method, redirector.URL+"/hook", strings.NewReader(`{}`))
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("%s: status %d, want the 302 itself", method, resp.StatusCode)
		}
		if loc := resp.Header.Get("Location"); !strings.HasSuffix(loc, "/landed") {
			t.Fatalf("%s: Location = %q", method, loc)
		}
	}
	if n := target.hits.Load(); n != 0 {
		t.Fatalf("redirect target received %d requests, want 0", n)
	}
	if n := redirector.hits.Load(); n != 2 {
		t.Fatalf("redirector received %d requests, want 2", n)
	}
}

func TestClientConfiguration(t *testing.T) {
	c := NewClient(ClientOptions{})
	if c.Timeout != 10*time.Second {
		t.Errorf("Timeout = %v, want 10s", c.Timeout)
	}
	if c.Jar != nil {
		t.Error("the client keeps cookies")
	}
	tr, ok := c.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("Transport is %T", c.Transport)
	}
	if tr.Proxy != nil {
		t.Error("Proxy is set; deliveries must not follow proxy environment variables")
	}
	if tr.TLSClientConfig == nil || tr.TLSClientConfig.MinVersion != tls.VersionTLS12 || tr.TLSClientConfig.InsecureSkipVerify {
		t.Errorf("TLS config %+v, want MinVersion TLS 1.2 and verification on", tr.TLSClientConfig)
	}
	if c := NewClient(ClientOptions{Timeout: 3 * time.Second}); c.Timeout != 3*time.Second {
		t.Errorf("Timeout = %v, want 3s", c.Timeout)
	}
}

func TestClientTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := NewClient(ClientOptions{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := post(c, srv.URL)
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("gave up after %v", el)
	}
}

func TestClientHTTPSUsesHostnameForTLS(t *testing.T) {
	// httptest's certificate is valid for example.com and 127.0.0.1. Resolving example.com to
	// loopback in memory shows that the vetted-IP dial still verifies the certificate against
	// the hostname (SNI and verification are not done against the IP).
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.TLS.ServerName)
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	dns := staticDNS(map[string][]string{"example.com": {"127.0.0.1"}, "wrong.rebound.test": {"127.0.0.1"}})
	c := NewClient(ClientOptions{AllowPrivate: true, Resolver: dns.resolver()})
	tr := c.Transport.(*http.Transport)
	tr.TLSClientConfig.RootCAs = srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs

	resp, err := c.Get("https://example.com:" + port + "/")
	if err != nil {
		t.Fatal(err)
	}
	snippet, err := ReadResponseSnippet(resp.Body)
	resp.Body.Close()
	if err != nil || snippet != "example.com" {
		t.Fatalf("server saw SNI %q (%v), want example.com", snippet, err)
	}
	if _, err := c.Get("https://wrong.rebound.test:" + port + "/"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("a certificate for another name was accepted: %v", err)
	}
}

// countingBody counts the bytes read through it.
type countingBody struct {
	r io.Reader
	n int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestClientResponseBodyCapped(t *testing.T) {
	chunk := []byte(strings.Repeat("x", 32<<10))
	srv := newCountingServer(t, func(w http.ResponseWriter, r *http.Request) {
		for range 32 { // 1 MiB
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	resp, err := NewClient(ClientOptions{AllowPrivate: true}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body := &countingBody{r: resp.Body}
	snippet, err := ReadResponseSnippet(body)
	if err != nil {
		t.Fatal(err)
	}
	if body.n != MaxResponseBody {
		t.Fatalf("read %d bytes of a 1 MiB answer, want %d", body.n, MaxResponseBody)
	}
	if len(snippet) != 1024 {
		t.Fatalf("snippet is %d bytes, want 1024", len(snippet))
	}
}

func TestDialerRefusesForbiddenSocketsItself(t *testing.T) {
	// The second line of defence: even handed a loopback address directly, bypassing the
	// resolver check, the real dialer refuses before connecting.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var accepted atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	_, err = newDialer(false).DialContext(context.Background(), "tcp", ln.Addr().String())
	if !errors.Is(err, ErrForbiddenAddress) {
		t.Fatalf("err = %v, want ErrForbiddenAddress", err)
	}
	c, err := newDialer(true).DialContext(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("with private allowed: %v", err)
	}
	c.Close()
	time.Sleep(50 * time.Millisecond)
	if n := accepted.Load(); n != 1 {
		t.Fatalf("listener accepted %d connections, want 1 (only the allowed one)", n)
	}
}
