package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/getkin/kin-openapi/openapi3"
	"sigs.k8s.io/yaml"

	rebound "github.com/reboundhq/rebound"
)

// TestServedDocumentNamesThisServer: /openapi.yaml is the committed document with the server's
// public URL as its only server, and nothing else changed; / and /docs/ lead to the reference.
func TestServedDocumentNamesThisServer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	served := e.call(http.MethodGet, "/openapi.yaml", "", nil)
	mustStatus(t, served, http.StatusOK)
	if ct := served.Header.Get("Content-Type"); ct != "application/yaml" {
		t.Fatalf("Content-Type %q", ct)
	}
	var got, want map[string]any
	if err := yaml.Unmarshal(served.Body, &got); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(rebound.OpenAPIYAML, &want); err != nil {
		t.Fatal(err)
	}
	servers, _ := got["servers"].([]any)
	if len(servers) != 1 || servers[0].(map[string]any)["url"] != "http://rebound.test" {
		t.Fatalf("served servers %v, want the public URL", got["servers"])
	}
	delete(got, "servers")
	delete(want, "servers")
	a, _ := yaml.Marshal(got)
	b, _ := yaml.Marshal(want)
	if string(a) != string(b) {
		t.Fatal("the served document differs from openapi.yaml beyond its server")
	}
	home := e.call(http.MethodGet, "/", "", nil)
	if home.Status != http.StatusFound || home.Header.Get("Location") != "/docs" {
		t.Fatalf("/ answers %d to %q", home.Status, home.Header.Get("Location"))
	}
	slash := e.call(http.MethodGet, "/docs/", "", nil)
	mustStatus(t, slash, http.StatusOK)
	if !strings.Contains(string(slash.Body), "swagger-ui") {
		t.Fatal("/docs/ is not the reference page")
	}
}

// TestDocsPageInRealBrowser opens / in headless Chromium and follows it to the reference: every
// tag of the document is listed, the server is this one, the Authorize dialog asks for the bare
// key of an HTTP bearer scheme, and an operation shows an example per problem it answers.
func TestDocsPageInRealBrowser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx, done := newBrowser(t)
	defer done()
	doc, err := openapi3.NewLoader().LoadFromData(rebound.OpenAPIYAML)
	if err != nil {
		t.Fatal(err)
	}
	var (
		tags             []string
		server, location string
		dialog, examples string
		authorized       bool
	)
	steps := []chromedp.Action{
		chromedp.Navigate(e.srv.URL + "/"),
		chromedp.WaitVisible(`.opblock-tag`, chromedp.ByQuery),
		chromedp.Location(&location),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.opblock-tag')).map(t => t.getAttribute('data-tag'))`, &tags),
		chromedp.Evaluate(`document.querySelector('.servers select').value`, &server),
		chromedp.Click(`.auth-wrapper .authorize`, chromedp.ByQuery),
		chromedp.WaitVisible(`.modal-ux input`, chromedp.ByQuery),
		chromedp.Text(`.modal-ux`, &dialog, chromedp.ByQuery),
		chromedp.SendKeys(`.modal-ux input`, "rbk_example", chromedp.ByQuery),
		chromedp.Click(`.modal-ux .auth-btn-wrapper .authorize`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.modal-ux').textContent.includes('Logout')`, &authorized),
		chromedp.Click(`.modal-ux .close-modal`, chromedp.ByQuery),
		chromedp.Click(`#operations-Rejections-createRejection .opblock-summary-control`, chromedp.ByQuery),
		chromedp.WaitVisible(`#operations-Rejections-createRejection .responses-table`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#operations-Rejections-createRejection .examples-select-element option')).map(o => o.value).join(' ')`, &examples),
	}
	for i, step := range steps {
		if err := chromedp.Run(ctx, step); err != nil {
			t.Fatalf("browser step %d: %v", i, err)
		}
	}
	if !strings.HasSuffix(location, "/docs") {
		t.Fatalf("/ led to %s", location)
	}
	for _, tag := range doc.Tags {
		if !slices.Contains(tags, tag.Name) {
			t.Errorf("the reference does not list the tag %q (it lists %v)", tag.Name, tags)
		}
	}
	if server != "http://rebound.test" {
		t.Errorf("the reference's server is %q, want the public URL", server)
	}
	if !strings.Contains(dialog, "http, Bearer") || !authorized {
		t.Errorf("the Authorize dialog is not HTTP bearer, or did not take the bare key: %q", dialog)
	}
	for _, want := range []string{"validation-error", "idempotency-key-reused", "idempotency-in-flight"} {
		if !strings.Contains(examples, want) {
			t.Errorf("createRejection's responses do not offer the %s example: %q", want, examples)
		}
	}
}
