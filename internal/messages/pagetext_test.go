package messages

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/model"
)

// pagePlaceholder finds the placeholders of a page string.
var pagePlaceholder = regexp.MustCompile(`\{[a-z]+\}`)

// pageStrings lists a PageText's string fields by name, leaving out the ones FeedbackPageText
// fills in.
func pageStrings(p PageText) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(p)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Type.Kind() == reflect.String && f.Name != "Lang" {
			out[f.Name] = v.Field(i).String()
		}
	}
	return out
}

func TestPageTextIsCompleteInEveryLanguage(t *testing.T) {
	en := pageStrings(FeedbackPageText("en"))
	for _, lang := range Languages() {
		p := FeedbackPageText(lang)
		if p.Lang != lang || p.Fallback {
			t.Errorf("%s: lang %q fallback %v", lang, p.Lang, p.Fallback)
		}
		for name, s := range pageStrings(p) {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			got, want := pagePlaceholder.FindAllString(s, -1), pagePlaceholder.FindAllString(en[name], -1)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s has placeholders %v, English has %v", lang, name, got, want)
			}
			for _, ph := range got {
				if !slices.Contains(pagePlaceholders, ph) {
					t.Errorf("%s: %s has unknown placeholder %s", lang, name, ph)
				}
			}
			if strings.Contains(s, "{{") || strings.Contains(s, "  ") || s != strings.TrimSpace(s) {
				t.Errorf("%s: %s is malformed: %q", lang, name, s)
			}
		}
		// The page tells the truth about what is needed and where the answer goes.
		for _, s := range []string{p.Requirements, p.ErrorNothingGiven} {
			if !strings.Contains(s, p.DeclineButton) {
				t.Errorf("%s: %q does not name the decline button %q", lang, s, p.DeclineButton)
			}
		}
		if !strings.Contains(p.Footer, "API") || !strings.Contains(strings.ToLower(p.Footer), "webhooks") || !strings.Contains(p.Footer, "Rebound") {
			t.Errorf("%s: footer does not say how the answer travels: %q", lang, p.Footer)
		}
		for _, untrue := range []string{"only to them", "solo a", "uniquement", "nur an"} {
			if strings.Contains(p.Footer, untrue) {
				t.Errorf("%s: footer claims %q", lang, untrue)
			}
		}
		// Every row label names its row, so the five controls are no longer all "Area".
		labels := map[string]bool{}
		for n := 1; n <= 3; n++ {
			for _, l := range []string{p.StrengthArea, p.StrengthDetail, p.ImprovementArea, p.ImprovementDetail} {
				labels[p.Fill(l, PageVars{N: n})] = true
			}
		}
		if len(labels) != 12 {
			t.Errorf("%s: row labels are not distinct: %v", lang, labels)
		}
		var values []string
		for _, c := range p.Categories {
			values = append(values, c.Value)
			if c.Label == "" {
				t.Errorf("%s: category %s has no label", lang, c.Value)
			}
		}
		if !slices.Equal(values, model.FeedbackCategories) {
			t.Errorf("%s: categories %v, want model.FeedbackCategories %v", lang, values, model.FeedbackCategories)
		}
		want := []PageOption{{"en", "English"}, {"es", "Español"}, {"fr", "Français"}, {"de", "Deutsch"}}
		if !slices.Equal(p.Languages, want) {
			t.Errorf("%s: language switch %v", lang, p.Languages)
		}
	}
	// FeedbackPageText hands out copies.
	p := FeedbackPageText("de")
	p.Categories[0].Label = "changed"
	if FeedbackPageText("de").Categories[0].Label == "changed" {
		t.Error("FeedbackPageText shares its categories")
	}
}

func TestPageTextFill(t *testing.T) {
	en, de, es := FeedbackPageText("en-GB"), FeedbackPageText("de"), FeedbackPageText("es")
	vars := PageVars{Candidate: "Dana Whitfield", Role: "Senior Backend Engineer", Company: "Northwind Analytics"}
	for _, c := range []struct {
		p    PageText
		s    string
		v    PageVars
		want string
	}{
		{en, en.Lead, vars, "Dana Whitfield was considered for Senior Backend Engineer at Northwind Analytics and would be grateful"},
		{en, en.Lead, PageVars{Role: "Chef", Company: "Acme"}, "The candidate was considered for Chef at Acme"},
		{en, en.FormTitle, PageVars{}, "Feedback for the candidate"},
		{en, en.StrengthArea, PageVars{N: 2}, "Strength 2 — area"},
		{en, en.ImprovementDetail, PageVars{N: 3}, "Improvement 3 — suggestion"},
		{de, de.Lead, PageVars{Role: "Koch", Company: "Acme"}, "Die bewerbende Person hat sich bei Acme auf die Stelle „Koch“ beworben"},
		{de, de.DeclinedMessage, PageVars{}, "Verstanden – die bewerbende Person erfährt"},
		{es, es.RespondedMessage, vars, "Sus comentarios llegarán a Dana Whitfield a través"},
		{en, "{unknown} {role", vars, "{unknown} {role"},
	} {
		if got := c.p.Fill(c.s, c.v); !strings.HasPrefix(got, c.want) {
			t.Errorf("Fill(%q) = %q, want it to start %q", c.s, got, c.want)
		}
	}
}
