package recovery

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// rawAnswers turns literal JSON values into the map the API decodes a request body into.
func rawAnswers(m map[string]string) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = json.RawMessage(v)
	}
	return out
}

func TestCatalogueHasEveryPromptWithItsKind(t *testing.T) {
	want := map[string]string{
		"mood": PromptScale, "preparation": PromptScale, "surprise_questions": PromptList, "skill_gaps": PromptList,
		"answer_clarity": PromptScale, "company_research": PromptScale, "nerves": PromptScale, "went_well": PromptText,
		"do_differently": PromptText, "role_fit": PromptBoolean, "new_directions": PromptList,
	}
	c := CurrentCatalogue()
	if c.Object != "reflection_prompt_catalogue" || c.Version != CurrentPromptVersion {
		t.Fatalf("catalogue header %q %q", c.Object, c.Version)
	}
	seen := map[string]bool{}
	for _, p := range c.Prompts {
		if seen[p.Key] {
			t.Errorf("duplicate key %q", p.Key)
		}
		seen[p.Key] = true
		if kind, ok := want[p.Key]; !ok || kind != p.Kind {
			t.Errorf("%s: kind %q, want %q", p.Key, p.Kind, kind)
		}
		if p.Required != (p.Key == "mood") {
			t.Errorf("%s: required = %v; only mood is required", p.Key, p.Required)
		}
		if strings.TrimSpace(p.Question) == "" || !strings.HasSuffix(p.Question, "?") {
			t.Errorf("%s: question %q", p.Key, p.Question)
		}
		if n := strings.Count(p.Help, ". ") + 1; p.Help == "" || !strings.HasSuffix(p.Help, ".") || n > 2 {
			t.Errorf("%s: help should be one or two sentences: %q", p.Key, p.Help)
		}
		if hasLabels := p.ScaleLabels != nil && p.ScaleLabels.Low != "" && p.ScaleLabels.High != ""; hasLabels != (p.Kind == PromptScale) {
			t.Errorf("%s: scale labels %+v for kind %s", p.Key, p.ScaleLabels, p.Kind)
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("prompt %q missing", key)
		}
	}
	if _, ok := CatalogueFor("1999-01-01"); ok {
		t.Error("an unknown version was found")
	}
}

func TestCatalogueIsACopy(t *testing.T) {
	c := CurrentCatalogue()
	c.Prompts[0].Required = false
	c.Prompts[0].ScaleLabels.Low = "changed"
	again := CurrentCatalogue()
	if !again.Prompts[0].Required || again.Prompts[0].ScaleLabels.Low == "changed" {
		t.Fatal("changing a returned catalogue changed the published one")
	}
}

func TestValidateAnswersNormalises(t *testing.T) {
	got, errs := ValidateAnswers(CurrentPromptVersion, rawAnswers(map[string]string{
		"mood":               "2",
		"nerves":             "5.0",
		"preparation":        " 1 ",
		"skill_gaps":         `[" SQL ", "", "   ", "Kubernetes"]`,
		"surprise_questions": `[]`,
		"went_well":          `"  the live coding \n"`,
		"role_fit":           "false",
		"do_differently":     "null", // an optional prompt left unanswered
	}))
	if errs != nil {
		t.Fatal(errs)
	}
	want := map[string]any{
		"mood": 2, "nerves": 5, "preparation": 1, "skill_gaps": []string{"SQL", "Kubernetes"}, "surprise_questions": []string{},
		"went_well": "the live coding", "role_fit": false,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("normalised\n got %#v\nwant %#v", got, want)
	}
	// Exactly at the bounds is fine; counting is by characters, not bytes.
	items := `["` + strings.Repeat("é", MaxListItemLength) + `"` + strings.Repeat(`,"x"`, MaxListItems-1) + `]`
	got, errs = ValidateAnswers(CurrentPromptVersion, rawAnswers(map[string]string{"mood": "5", "do_differently": `"` + strings.Repeat("é", MaxTextAnswer) + `"`, "new_directions": items}))
	if errs != nil || len(got["new_directions"].([]string)) != MaxListItems {
		t.Fatalf("answers at the bounds: %v", errs)
	}
}

func TestValidateAnswersErrors(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name    string
		version string
		answers map[string]string
		want    []AnswerError
	}{
		{"unknown version", "1999-01-01", map[string]string{"mood": "3"},
			[]AnswerError{{"", `unknown prompt_version "1999-01-01"; the current version is 2026-11-01`}}},
		{"unknown key", CurrentPromptVersion, map[string]string{"mood": "3", "shoe_size": "9"},
			[]AnswerError{{"shoe_size", "is not a prompt of catalogue version 2026-11-01"}}},
		{"required missing", CurrentPromptVersion, map[string]string{"nerves": "3"},
			[]AnswerError{{"mood", "is required"}}},
		{"required missing from nothing", CurrentPromptVersion, nil,
			[]AnswerError{{"mood", "is required"}}},
		{"required null", CurrentPromptVersion, map[string]string{"mood": "null"},
			[]AnswerError{{"mood", "is required and cannot be null"}}},
		{"scale out of range high", CurrentPromptVersion, map[string]string{"mood": "6"},
			[]AnswerError{{"mood", "must be from 1 to 5, not 6"}}},
		{"scale out of range low", CurrentPromptVersion, map[string]string{"mood": "3", "nerves": "0"},
			[]AnswerError{{"nerves", "must be from 1 to 5, not 0"}}},
		{"scale not an integer", CurrentPromptVersion, map[string]string{"mood": "2.5"},
			[]AnswerError{{"mood", "must be an integer from 1 to 5"}}},
		{"scale as string", CurrentPromptVersion, map[string]string{"mood": `"3"`},
			[]AnswerError{{"mood", "must be an integer from 1 to 5"}}},
		{"scale as boolean", CurrentPromptVersion, map[string]string{"mood": "true"},
			[]AnswerError{{"mood", "must be an integer from 1 to 5"}}},
		{"invalid JSON", CurrentPromptVersion, map[string]string{"mood": "3", "went_well": `"unterminated`},
			[]AnswerError{{"went_well", "is not valid JSON"}}},
		{"empty raw value", CurrentPromptVersion, map[string]string{"mood": ""},
			[]AnswerError{{"mood", "is not valid JSON"}}},
		{"text as number", CurrentPromptVersion, map[string]string{"mood": "3", "went_well": "5"},
			[]AnswerError{{"went_well", "must be a string"}}},
		{"text too long", CurrentPromptVersion, map[string]string{"mood": "3", "went_well": `"` + long(MaxTextAnswer+1) + `"`},
			[]AnswerError{{"went_well", "must be at most 2000 characters, not 2001"}}},
		{"text with NUL", CurrentPromptVersion, map[string]string{"mood": "3", "went_well": `"a\u0000b"`},
			[]AnswerError{{"went_well", "must not contain NUL characters"}}},
		{"list as string", CurrentPromptVersion, map[string]string{"mood": "3", "skill_gaps": `"SQL"`},
			[]AnswerError{{"skill_gaps", "must be an array of strings"}}},
		{"list with a number", CurrentPromptVersion, map[string]string{"mood": "3", "skill_gaps": `["SQL", 7]`},
			[]AnswerError{{"skill_gaps", "item 2 must be a string"}}},
		{"list with null", CurrentPromptVersion, map[string]string{"mood": "3", "skill_gaps": `[null]`},
			[]AnswerError{{"skill_gaps", "item 1 must be a string"}}},
		{"list item too long", CurrentPromptVersion, map[string]string{"mood": "3", "skill_gaps": `["ok", "` + long(MaxListItemLength+1) + `"]`},
			[]AnswerError{{"skill_gaps", "item 2 must be at most 200 characters, not 201"}}},
		{"list too long", CurrentPromptVersion, map[string]string{"mood": "3", "skill_gaps": `[` + strings.Repeat(`"a",`, MaxListItems) + `"a"]`},
			[]AnswerError{{"skill_gaps", "must have at most 20 items, not 21"}}},
		{"boolean as string", CurrentPromptVersion, map[string]string{"mood": "3", "role_fit": `"yes"`},
			[]AnswerError{{"role_fit", "must be true or false"}}},
		{"boolean as number", CurrentPromptVersion, map[string]string{"mood": "3", "role_fit": `1`},
			[]AnswerError{{"role_fit", "must be true or false"}}},
		{"several, sorted by key", CurrentPromptVersion, map[string]string{"zzz": "1", "role_fit": "0", "nerves": "9", "aaa": "1"},
			[]AnswerError{
				{"aaa", "is not a prompt of catalogue version 2026-11-01"},
				{"mood", "is required"},
				{"nerves", "must be from 1 to 5, not 9"},
				{"role_fit", "must be true or false"},
				{"zzz", "is not a prompt of catalogue version 2026-11-01"},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var answers map[string]json.RawMessage
			if tc.answers != nil {
				answers = rawAnswers(tc.answers)
			}
			for range 5 { // map order varies between runs; the errors must not
				got, errs := ValidateAnswers(tc.version, answers)
				if got != nil {
					t.Fatalf("answers returned despite errors: %v", got)
				}
				if !reflect.DeepEqual(errs, tc.want) {
					t.Fatalf("errors\n got %q\nwant %q", errs, tc.want)
				}
			}
		})
	}
}

func TestValidatePartialAnswers(t *testing.T) {
	set, clear, errs := ValidatePartialAnswers(CurrentPromptVersion, rawAnswers(map[string]string{
		"nerves": "null", "went_well": "null", "mood": "4", "skill_gaps": `[" dbt "]`,
	}))
	if errs != nil || !reflect.DeepEqual(set, map[string]any{"mood": 4, "skill_gaps": []string{"dbt"}}) || !reflect.DeepEqual(clear, []string{"nerves", "went_well"}) {
		t.Fatalf("set %v clear %v errs %v", set, clear, errs)
	}
	// An empty patch is valid and changes nothing; the required mood may be absent from a patch.
	if set, clear, errs := ValidatePartialAnswers(CurrentPromptVersion, nil); errs != nil || len(set) != 0 || len(clear) != 0 {
		t.Fatalf("empty patch: %v %v %v", set, clear, errs)
	}
	cases := []struct {
		name    string
		version string
		patch   map[string]string
		want    []AnswerError
	}{
		{"clearing a required answer", CurrentPromptVersion, map[string]string{"mood": "null"}, []AnswerError{{"mood", "is required and cannot be cleared"}}},
		{"unknown key", CurrentPromptVersion, map[string]string{"shoe_size": "null"}, []AnswerError{{"shoe_size", "is not a prompt of catalogue version 2026-11-01"}}},
		{"wrong kind", CurrentPromptVersion, map[string]string{"preparation": `"good"`}, []AnswerError{{"preparation", "must be an integer from 1 to 5"}}},
		{"unknown version", "2020-01-01", map[string]string{"mood": "3"}, []AnswerError{{"", `unknown prompt_version "2020-01-01"; the current version is 2026-11-01`}}},
	}
	for _, tc := range cases {
		set, clear, errs := ValidatePartialAnswers(tc.version, rawAnswers(tc.patch))
		if set != nil || clear != nil || !reflect.DeepEqual(errs, tc.want) {
			t.Errorf("%s: set %v clear %v errors %q, want %q", tc.name, set, clear, errs, tc.want)
		}
	}
}

func TestApplyAnswerPatch(t *testing.T) {
	// Stored answers come back from JSON: numbers as float64, lists as []any.
	current := map[string]any{"mood": 2.0, "nerves": 4.0, "skill_gaps": []any{"SQL"}}
	next, errs := ApplyAnswerPatch(CurrentPromptVersion, current, rawAnswers(map[string]string{"nerves": "null", "mood": "4", "went_well": `" clear answers "`}))
	want := map[string]any{"mood": 4, "skill_gaps": []any{"SQL"}, "went_well": "clear answers"}
	if errs != nil || !reflect.DeepEqual(next, want) {
		t.Fatalf("patched %v %v", next, errs)
	}
	if current["nerves"] != 4.0 || current["mood"] != 2.0 {
		t.Fatal("the stored answers were modified in place")
	}
	if next, errs := ApplyAnswerPatch(CurrentPromptVersion, current, rawAnswers(map[string]string{"mood": "null"})); next != nil || len(errs) != 1 || errs[0].Key != "mood" {
		t.Fatalf("a required answer was cleared: %v %v", next, errs)
	}
	// Stored answers that already lack the required prompt must be completed by the patch.
	if _, errs := ApplyAnswerPatch(CurrentPromptVersion, map[string]any{"nerves": 3.0}, rawAnswers(map[string]string{"nerves": "2"})); !reflect.DeepEqual(errs, []AnswerError{{"mood", "is required"}}) {
		t.Fatalf("incomplete stored answers: %v", errs)
	}
	if next, errs := ApplyAnswerPatch(CurrentPromptVersion, map[string]any{"nerves": 3.0}, rawAnswers(map[string]string{"mood": "3"})); errs != nil || next["mood"] != 3 {
		t.Fatalf("completing stored answers: %v %v", next, errs)
	}
}

func TestReflectionFromAnswersRoundTrip(t *testing.T) {
	answers, errs := ValidateAnswers(CurrentPromptVersion, rawAnswers(map[string]string{
		"mood": "1", "preparation": "2", "surprise_questions": `["Why us?", "Walk me through a failure"]`, "skill_gaps": `["SQL"]`,
		"answer_clarity": "3", "company_research": "2", "nerves": "5", "went_well": `"Rapport"`, "do_differently": `"Prepare stories"`,
		"role_fit": "true", "new_directions": `["Analytics engineering"]`,
	}))
	if errs != nil {
		t.Fatal(errs)
	}
	js, err := json.Marshal(answers)
	if err != nil {
		t.Fatal(err)
	}
	var stored map[string]any // as read back from a JSON column
	if err := json.Unmarshal(js, &stored); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	yes := true
	num := func(n int) *int { return &n }
	want := Reflection{ID: "rfl_1", CreatedAt: at, Mood: num(1), Preparation: num(2), SurpriseQuestions: []string{"Why us?", "Walk me through a failure"},
		SkillGaps: []string{"SQL"}, AnswerClarity: num(3), CompanyResearch: num(2), Nerves: num(5), WentWell: "Rapport", DoDifferently: "Prepare stories",
		RoleFit: &yes, NewDirections: []string{"Analytics engineering"}}
	for name, a := range map[string]map[string]any{"validated": answers, "stored": stored} {
		if got := ReflectionFromAnswers("rfl_1", at, a); !reflect.DeepEqual(got, want) {
			t.Errorf("%s answers decoded to\n%+v\nwant\n%+v", name, got, want)
		}
	}
	// Unanswered, mistyped or out-of-range values decode as unanswered.
	got := ReflectionFromAnswers("rfl_2", at, map[string]any{"mood": 0.0, "answer_clarity": 6.0, "nerves": "3", "preparation": 2.5, "role_fit": "yes", "skill_gaps": []any{"SQL", 4, " "}})
	if got.Mood != nil || got.AnswerClarity != nil || got.Nerves != nil || got.Preparation != nil || got.RoleFit != nil || !reflect.DeepEqual(got.SkillGaps, []string{"SQL"}) || got.CompanyResearch != nil {
		t.Fatalf("bad values decoded to %+v", got)
	}
}

func TestCatalogueInEveryLanguage(t *testing.T) {
	en := CurrentCatalogue()
	for _, tag := range []string{"es", "fr-CA", "de_AT"} {
		c := CurrentCatalogueIn(tag)
		if c.Version != en.Version || len(c.Prompts) != len(en.Prompts) {
			t.Fatalf("%s: catalogue %s with %d prompts", tag, c.Version, len(c.Prompts))
		}
		for i, p := range c.Prompts {
			e := en.Prompts[i]
			if p.Key != e.Key || p.Kind != e.Kind || p.Required != e.Required || (p.ScaleLabels == nil) != (e.ScaleLabels == nil) {
				t.Errorf("%s %s: keys, kinds and scales must not change with the language", tag, p.Key)
			}
			if p.Question == e.Question || p.Help == e.Help || !strings.HasSuffix(p.Question, "?") {
				t.Errorf("%s %s: untranslated or not a question: %q", tag, p.Key, p.Question)
			}
		}
	}
	if c := CurrentCatalogueIn("it"); c.Prompts[0].Question != en.Prompts[0].Question {
		t.Error("an unsupported language falls back to English")
	}
	if _, ok := CatalogueIn("1999-01-01", "de"); ok {
		t.Error("unknown version")
	}
}
