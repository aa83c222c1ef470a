package messages

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/reboundhq/rebound/internal/locale"
)

// update rewrites the golden files: go test ./internal/messages/ -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// situations are realistic rejections, from the fullest to the emptiest, used by the tests
// that must hold for every language and kind. The golden files cover the first five.
var situations = []struct {
	name string
	in   DraftInput
}{
	{"final-round-email-recruiter", DraftInput{CandidateName: "Dana Whitfield", Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer",
		Stage: "final_round", Channel: "email", ReasonCategory: "stronger_candidate", ContactName: "Priya Raman", ContactRole: "recruiter",
		ResponseURL: "https://rebound.example/f/frt_abc123"}},
	{"ghosted-after-interview-titled", DraftInput{CandidateName: "Sam Lee", Company: "Initech", RoleTitle: "Staff Nurse", Stage: "interview",
		Channel: "no_response", ContactName: "Frau Dr. Katrin Schulz", ContactRole: "hiring_manager", WeeksWaiting: 3}},
	{"role-cancelled-phone-doctor", DraftInput{CandidateName: "Ana Silva", Company: "Umbrella Health", RoleTitle: "Data Analyst", Stage: "phone_screen",
		Channel: "phone", ReasonCategory: "role_cancelled", ContactName: "Dr. Helen Marsh", ContactRole: "interviewer"}},
	{"application-skills-gap-no-contact", DraftInput{CandidateName: "Jo", Company: "Acme Logistics", RoleTitle: "Junior Accountant",
		Stage: "application", Channel: "portal", ReasonCategory: "skills_gap", Feedback: FeedbackReceived}},
	{"everything-empty", DraftInput{}},
	{"in-person-offer-hr-teacher", DraftInput{CandidateName: "Zoë Ångström", Company: "Oak Primary School", RoleTitle: "Year 4 Teacher (m/w/d)",
		Stage: "offer", Channel: "in_person", ReasonCategory: "internal_candidate", ContactName: "Mr. James O'Neill", ContactRole: "hr"}},
	{"ghosted-one-week-spanish-title", DraftInput{Company: "Globex", RoleTitle: "Enfermera", Stage: "final_round", Channel: "no_response",
		ContactName: "Sra. Ana García López", WeeksWaiting: 1, ReasonCategory: "no_reason_given"}},
	{"assessment-experience-gap-french-contact", DraftInput{CandidateName: "Lea Roth", Company: "Fabrikam", RoleTitle: "Ingénieur logiciel",
		Stage: "assessment", Channel: "email", ReasonCategory: "experience_gap", ContactName: "M. Jean Dupont", ContactRole: "other", Feedback: FeedbackDeclined}},
	{"unknown-values-messy-spacing", DraftInput{CandidateName: "  Ana\nSilva ", Company: " Acme\n Logistics ", RoleTitle: "Warehouse\tLead",
		Stage: " Panel ", Channel: "Carrier Pigeon", ReasonCategory: "???", ContactName: "\tMaría José  ", ContactRole: "Recruiter", WeeksWaiting: 40}},
	{"screening-only-company-mx", DraftInput{Company: "Contoso", Stage: "screening", Channel: "email", ContactName: "Mx Alex Taylor"}},
}

func situationNamed(t *testing.T, name string) DraftInput {
	t.Helper()
	for _, s := range situations {
		if s.name == name {
			return s.in
		}
	}
	t.Fatalf("no situation %q", name)
	return DraftInput{}
}

// compose composes in a language, failing the test on error.
func compose(t *testing.T, lang string, kind Kind, in DraftInput) Draft {
	t.Helper()
	in.Locale = lang
	d, err := Compose(kind, in)
	if err != nil {
		t.Fatalf("%s/%s: %v", lang, kind, err)
	}
	return d
}

// signoffs are each language's closing, which every draft ends with (before the name).
var signoffs = map[string]string{"en": "Best regards", "es": "Un cordial saludo", "fr": "Bien cordialement", "de": "Mit freundlichen Grüßen"}

// questions counts the question marks each kind may hold: the feedback request and the status
// follow-up ask exactly one question, the others none.
var questions = map[Kind]int{KindFeedbackRequest: 1, KindStatusFollowUp: 1}

func TestEveryDraftIsBriefCourteousAndWellFormed(t *testing.T) {
	for _, lang := range Languages() {
		for _, s := range situations {
			for _, kind := range Kinds() {
				t.Run(fmt.Sprintf("%s/%s/%s", lang, s.name, kind), func(t *testing.T) {
					d := compose(t, lang, kind, s.in)
					if d.Locale != lang || d.LocaleFallback {
						t.Errorf("locale %q, fallback %v", d.Locale, d.LocaleFallback)
					}
					if d.WordCount != WordCount(d.Body) || d.WordCount < 30 || d.WordCount >= 150 {
						t.Errorf("%d words; want 30–149:\n%s", d.WordCount, d.Body)
					}
					if d.Subject == "" || strings.ContainsAny(d.Subject, "\n\t") || utf8.RuneCountInString(d.Subject) > 90 {
						t.Errorf("subject %q", d.Subject)
					}
					for _, bad := range []string{"{{", "}}", "{", "<no value>", "  ", " ,", " .", "..", ",,", "\n\n\n", "!", " \n", "\n "} {
						if strings.Contains(d.Body, bad) || strings.Contains(d.Subject, bad) {
							t.Errorf("contains %q:\nSubject: %s\n%s", bad, d.Subject, d.Body)
						}
					}
					if n := strings.Count(d.Body, "?"); n != questions[kind] {
						t.Errorf("%d questions, want %d:\n%s", n, questions[kind], d.Body)
					}
					paras := strings.Split(d.Body, "\n\n")
					greeting, signoff := paras[0], paras[len(paras)-1]
					if strings.Contains(greeting, "\n") || !strings.HasSuffix(greeting, ",") && !strings.HasSuffix(greeting, ":") {
						t.Errorf("greeting %q", greeting)
					}
					if !strings.HasPrefix(signoff, signoffs[lang]) {
						t.Errorf("sign-off %q", signoff)
					}
					// Paragraphs open with a capital letter, except the first one after a German
					// salutation, which German letters start in lower case.
					for i, para := range paras[1 : len(paras)-1] {
						first, _ := utf8.DecodeRuneInString(para)
						wantLower := lang == "de" && i == 0
						if unicode.IsUpper(first) == wantLower && first != '¿' {
							t.Errorf("paragraph %q: wrong case for its position", para)
						}
					}
					// A draft passes the tone check in its own language, subject included.
					for _, text := range []string{d.Body, d.Subject} {
						if res := CheckToneIn(text, lang); res.Verdict != VerdictOK || res.Language != lang && res.DetectedLanguage != "und" {
							t.Errorf("fails its own tone check: %s in %q, %+v\n%s", res.Verdict, res.Language, res.Findings, text)
						}
					}
					if again := compose(t, lang, kind, s.in); again != d {
						t.Error("Compose is not deterministic")
					}
				})
			}
		}
	}
}

func TestGoldenDrafts(t *testing.T) {
	for _, lang := range Languages() {
		for _, s := range situations[:5] {
			var b strings.Builder
			for _, kind := range Kinds() {
				d := compose(t, lang, kind, s.in)
				ok, why := Fits(kind, DraftInput{Locale: lang, Channel: s.in.Channel, ReasonCategory: s.in.ReasonCategory,
					Feedback: s.in.Feedback, Stage: s.in.Stage})
				fit := "fits"
				if !ok {
					fit = "does not fit: " + why
				}
				fmt.Fprintf(&b, "=== %s (%s)\nSubject: %s\n\n%s\n\n", kind, fit, d.Subject, d.Body)
			}
			path := filepath.Join("testdata", "drafts", lang, s.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from the drafts; run with -update and review the diff.\n%s", path, firstDiff(string(want), b.String()))
			}
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return ""
}

func TestGreetings(t *testing.T) {
	cases := []struct {
		name           string
		en, es, fr, de string
	}{
		{"Helen Marsh", "Hi Helen,", "Buenos días, Helen Marsh:", "Bonjour Helen Marsh,", "Guten Tag Helen Marsh,"},
		{"Helen", "Hi Helen,", "Buenos días, Helen:", "Bonjour Helen,", "Guten Tag Helen,"},
		{"", "Hello,", "Buenos días:", "Bonjour,", "Guten Tag,"},
		{"   ", "Hello,", "Buenos días:", "Bonjour,", "Guten Tag,"},
		{"Mr.", "Hello,", "Buenos días:", "Bonjour,", "Guten Tag,"},
		{"Dr. Helen Marsh", "Dear Dr. Marsh,", "Buenos días, Helen Marsh:", "Bonjour Helen Marsh,", "Guten Tag Dr. Helen Marsh,"},
		{"Dr Marsh", "Dear Dr. Marsh,", "Buenos días, Marsh:", "Bonjour Marsh,", "Guten Tag Dr. Marsh,"},
		{"Frau Dr. Katrin Schulz", "Dear Dr. Schulz,", "Estimada Dra. Schulz:", "Madame Schulz,", "Sehr geehrte Frau Dr. Schulz,"},
		{"Frau Katrin Schulz", "Dear Ms. Schulz,", "Estimada Sra. Schulz:", "Madame Schulz,", "Sehr geehrte Frau Schulz,"},
		{"Herr Weber", "Dear Mr. Weber,", "Estimado Sr. Weber:", "Monsieur Weber,", "Sehr geehrter Herr Weber,"},
		{"Herr Prof. Dr. med. Jonas Weber", "Dear Professor Weber,", "Estimado profesor Weber:", "Monsieur Weber,", "Sehr geehrter Herr Prof. Dr. Weber,"},
		{"Katrin Schulz", "Hi Katrin,", "Buenos días, Katrin Schulz:", "Bonjour Katrin Schulz,", "Guten Tag Katrin Schulz,"},
		{"Mrs Jane van der Berg", "Dear Mrs. van der Berg,", "Estimada Sra. van der Berg:", "Madame van der Berg,", "Sehr geehrte Frau van der Berg,"},
		{"Ms. Priya Raman", "Dear Ms. Raman,", "Estimada Sra. Raman:", "Madame Raman,", "Sehr geehrte Frau Raman,"},
		{"Mx Alex Taylor", "Dear Mx. Taylor,", "Buenos días, Alex Taylor:", "Bonjour Alex Taylor,", "Guten Tag Alex Taylor,"},
		{"Sra. Ana García López", "Dear Ms. García López,", "Estimada Sra. García López:", "Madame García López,", "Sehr geehrte Frau García López,"},
		{"Sr. Juan Pérez", "Dear Mr. Pérez,", "Estimado Sr. Pérez:", "Monsieur Pérez,", "Sehr geehrter Herr Pérez,"},
		{"Dra. Lucía Méndez", "Dear Dr. Méndez,", "Estimada Dra. Méndez:", "Madame Méndez,", "Sehr geehrte Frau Dr. Méndez,"},
		{"Mme Claire Dubois", "Dear Ms. Dubois,", "Estimada Sra. Dubois:", "Madame Dubois,", "Sehr geehrte Frau Dubois,"},
		{"M. Jean Dupont", "Dear Mr. Dupont,", "Estimado Sr. Dupont:", "Monsieur Dupont,", "Sehr geehrter Herr Dupont,"},
		{"M Jean Dupont", "Hi M,", "Buenos días, M Jean Dupont:", "Bonjour M Jean Dupont,", "Guten Tag M Jean Dupont,"},
		{"Sir John Smith", "Dear Sir John Smith,", "Buenos días, Sir John Smith:", "Bonjour Sir John Smith,", "Guten Tag Sir John Smith,"},
		{"\tMaría José  ", "Hi María,", "Buenos días, María José:", "Bonjour María José,", "Guten Tag María José,"},
		{"Prof Ada  Lovelace", "Dear Professor Lovelace,", "Buenos días, Ada Lovelace:", "Bonjour Ada Lovelace,", "Guten Tag Prof. Ada Lovelace,"},
	}
	for _, c := range cases {
		for lang, want := range map[string]string{"en": c.en, "es": c.es, "fr": c.fr, "de": c.de} {
			d := compose(t, lang, KindCheckIn, DraftInput{ContactName: c.name, Stage: "interview"})
			if got, _, _ := strings.Cut(d.Body, "\n"); got != want {
				t.Errorf("%s %q: greeting %q, want %q", lang, c.name, got, want)
			}
		}
	}
}

// TestGreetingsNeverStopAtATitle is a property test: whatever titles precede a name, in any
// language, the greeting names the person by their name, or greets neutrally when there is
// no name at all, so "Hi Frau," or "Sehr geehrte Frau ," cannot happen.
func TestGreetingsNeverStopAtATitle(t *testing.T) {
	var titles []string
	for _, lang := range Languages() {
		for key := range registry.langs[lang].Honorifics {
			titles = append(titles, capitalise(key)+".", strings.ToUpper(key))
			if key != "m" { // "M" without a dot is an initial, not Monsieur
				titles = append(titles, key)
			}
		}
	}
	slices.Sort(titles)
	neutral := map[string]string{"en": "Hello,", "es": "Buenos días:", "fr": "Bonjour,", "de": "Guten Tag,"}
	names := []string{"", "Schulz", "Katrin Schulz", "Ana García López", "Jean-Pierre de la Cruz"}
	for _, lang := range Languages() {
		for _, t1 := range titles {
			if t1 == "M" {
				continue
			}
			for _, t2 := range []string{"", "Dr.", "Prof."} {
				for _, n := range names {
					full := strings.Join(strings.Fields(t1+" "+t2+" "+n), " ")
					d := compose(t, lang, KindThankYou, DraftInput{ContactName: full})
					greeting, _, _ := strings.Cut(d.Body, "\n")
					words := strings.Fields(n)
					switch {
					case n == "" && greeting != neutral[lang]:
						t.Errorf("%s %q: greeting %q, want %q", lang, full, greeting, neutral[lang])
					case n != "" && !strings.Contains(greeting, words[len(words)-1]):
						t.Errorf("%s %q: greeting %q does not name them", lang, full, greeting)
					}
				}
			}
		}
	}
}

// TestRandomInputsProperties feeds Compose and Fits random, partly hostile inputs (from a
// fixed seed, so failures reproduce) and checks what must always hold.
func TestRandomInputsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	junk := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pick("a", "É", " ", "\n", "}", ".", "-", "Dr.", "Frau", "(m/w/d)", "ß", "’", "<b>", "%s", "\t"))
		}
		return b.String()
	}
	for i := range 3000 {
		in := DraftInput{
			Locale:         pick("", "en", "es-MX", "fr_CA", "de-AT", "it", "xx", junk()),
			CandidateName:  pick("", "Dana Whitfield", junk()),
			Company:        pick("", "Contoso", "Ünïcode GmbH", junk()),
			RoleTitle:      pick("", "Staff Nurse", "Lehrerin", "Médico", junk()),
			Stage:          pick("", "application", "interview", "final_round", "offer", junk()),
			Channel:        pick("", "email", "phone", "in_person", "no_response", junk()),
			ReasonCategory: pick("", "role_cancelled", "skills_gap", "experience_gap", junk()),
			Feedback:       pick("", "received", "declined", junk()),
			Sector:         pick("", "medicine", "teaching", junk()),
			WeeksWaiting:   rng.IntN(60) - 5,
			ContactName:    pick("", "Frau Dr. Katrin Schulz", "Sra. García", "M. Dupont", junk()),
			ContactRole:    pick("", "recruiter", "hr", junk()),
			ResponseURL:    pick("", "https://x.example/f/1"),
		}
		for _, kind := range Kinds() {
			d, err := Compose(kind, in)
			if err != nil {
				t.Fatalf("input %d %+v: %v", i, in, err)
			}
			if d2, _ := Compose(kind, in); d2 != d {
				t.Fatalf("input %d: not deterministic", i)
			}
			if strings.Contains(d.Body, "<no value>") || strings.Contains(d.Subject, "\n") || strings.HasPrefix(d.Body, " ") {
				t.Fatalf("input %d %+v:\n%s", i, in, d.Body)
			}
			if strings.Contains(d.Body, "{{") || strings.Contains(d.Subject, "{{") {
				t.Fatalf("input %d: a template placeholder leaked:\n%s", i, d.Body)
			}
			if ok, why := Fits(kind, in); ok == (why != "") {
				t.Fatalf("input %d: Fits(%s) = %v, %q", i, kind, ok, why)
			}
		}
	}
}

// TestDraftsTellTheTruth checks that drafts only say what the situation makes true.
func TestDraftsTellTheTruth(t *testing.T) {
	// Phrases that would be false: thanking for a decision nobody sent, or speaking of a
	// decision about the candidate when the role was cancelled.
	decision := map[string][]string{
		"en": {"your decision", "the decision"},
		"es": {"su decisión"},
		"fr": {"votre décision"},
		"de": {"Ihre Entscheidung"},
	}
	informed := map[string]string{"en": "keeping me informed", "es": "tenido al tanto", "fr": "votre suivi", "de": "auf dem Laufenden"}
	notMe := map[string][]string{
		"en": {"did not work out", "would have made"},
		"es": {"no ha podido ser", "podría haber mejorado"},
		"fr": {"ne s’est pas concrétisé", "aurait le plus renforcé"},
		"de": {"nicht geklappt", "überzeugender gemacht hätte"},
	}
	// Nothing may suggest that someone was hired.
	hire := map[string][]string{
		"en": {"hire", "chose", "successful candidate", "gone another way", "someone else"},
		"es": {"contrataron", "contratado", "contratada", "eligieron", "otra persona", "otro candidato"},
		"fr": {"embauch", "avez recruté", "autre candidat", "choisi"},
		"de": {"eingestellt", "anderen Bewerber", "andere Person", "entschieden, jemand"},
	}
	base := situationNamed(t, "final-round-email-recruiter")
	ghosted, cancelled := base, base
	ghosted.Channel = ChannelNoResponse
	cancelled.ReasonCategory = ReasonRoleCancelled
	for _, lang := range Languages() {
		for _, kind := range Kinds() {
			for _, c := range []struct {
				name      string
				in        DraftInput
				forbidden []string
			}{
				{"ghosted", ghosted, append([]string{informed[lang]}, decision[lang]...)},
				{"cancelled", cancelled, append(append([]string(nil), decision[lang]...), notMe[lang]...)},
				{"ordinary", base, hire[lang]},
				{"ghosted", ghosted, hire[lang]},
				{"cancelled", cancelled, hire[lang]},
			} {
				d := compose(t, lang, kind, c.in)
				for _, f := range c.forbidden {
					if strings.Contains(strings.ToLower(d.Body), strings.ToLower(f)) {
						t.Errorf("%s/%s when %s says %q:\n%s", lang, kind, c.name, f, d.Body)
					}
				}
			}
		}
	}
	// Names are data, never template code.
	if d := compose(t, "en", KindThankYou, DraftInput{Company: "{{.Role}}", RoleTitle: "{{template \"team\" .}}"}); !strings.Contains(d.Body, "the {{template \"team\" .}} role at {{.Role}}") {
		t.Errorf("template syntax in the input was interpreted:\n%s", d.Body)
	}
	// The ordinary thank-you does thank for the decision, and says how it came.
	for channel, want := range map[string]string{"email": "Thank you for letting me know your decision", "phone": "Thank you for calling to let me know",
		"in_person": "in person", "": "Thank you for letting me know your decision"} {
		in := base
		in.Channel = channel
		if d := compose(t, "en", KindThankYou, in); !strings.Contains(d.Body, want) {
			t.Errorf("channel %q: no %q:\n%s", channel, want, d.Body)
		}
	}
	if d := compose(t, "en", KindThankYou, ghosted); !strings.Contains(d.Body, "Thank you for meeting me in the final round. I valued the chance") {
		t.Errorf("ghosted thank-you:\n%s", d.Body)
	}
	if d := compose(t, "en", KindFeedbackRequest, cancelled); !strings.Contains(d.Body, "is no longer going ahead") || strings.Contains(d.Body, "final-round interviews") {
		t.Errorf("cancelled feedback request:\n%s", d.Body)
	}
	// The reasons a candidate can act on add a line to the note of continued interest.
	for reason, want := range map[string]string{"skills_gap": "working on the skills you mentioned", "experience_gap": "building the experience you mentioned"} {
		in := base
		in.ReasonCategory = reason
		if d := compose(t, "en", KindContinuedInterest, in); !strings.Contains(d.Body, want) {
			t.Errorf("%s: no %q:\n%s", reason, want, d.Body)
		}
	}
}

func TestStatusFollowUpCountsWeeks(t *testing.T) {
	in := situationNamed(t, "ghosted-after-interview-titled")
	for _, c := range []struct {
		lang  string
		weeks int
		want  string
	}{
		{"en", 1, "It has been a week since my interview for the Staff Nurse role at Initech, so"},
		{"en", 3, "It has been three weeks since my interview"},
		{"en", 14, "It has been 14 weeks since"},
		{"en", 0, "I am writing to follow up briefly on my interview for the Staff Nurse role at Initech."},
		{"es", 1, "Ha pasado una semana desde mi entrevista para el puesto de Staff Nurse en Initech"},
		{"es", 3, "Han pasado tres semanas desde mi entrevista"},
		{"fr", 1, "une semaine s’est écoulée depuis mon entretien pour le poste de Staff Nurse chez Initech."},
		{"fr", 5, "cinq semaines se sont écoulées depuis mon entretien"},
		{"de", 1, "Seit meinem Vorstellungsgespräch für die Stelle als Staff Nurse bei Initech ist inzwischen eine Woche vergangen"},
		{"de", 12, "sind inzwischen zwölf Wochen vergangen"},
		{"de", -2, "Ich möchte mich kurz nach dem Stand des Auswahlverfahrens"},
	} {
		in.WeeksWaiting = c.weeks
		if d := compose(t, c.lang, KindStatusFollowUp, in); !strings.Contains(d.Body, c.want) {
			t.Errorf("%s, %d weeks: no %q:\n%s", c.lang, c.weeks, c.want, d.Body)
		}
	}
}

func TestFlexibleWorkIsNamedForTheSector(t *testing.T) {
	for _, c := range []struct {
		lang, role, sector, want, unwanted string
	}{
		{"en", "Staff Nurse", "", "bank or agency shifts", "project"},
		{"en", "Registered Mental Health Nurse", "", "bank or agency shifts", "project"},
		{"en", "Locum GP", "", "locum shifts or sessions", "project"},
		{"en", "Year 4 Teacher", "", "supply or cover teaching", "project"},
		{"en", "Senior Support Worker", "", "bank, relief or agency shifts", "project"},
		{"en", "Data Analyst", "", "contract, part-time or project work", "locum"},
		{"en", "Operations Lead", SectorNursing, "bank or agency shifts", "project"},
		{"en", "Staff Nurse", SectorGeneral, "contract, part-time or project work", "bank"},
		{"de", "Gesundheits- und Krankenpflegerin (m/w/d)", "", "Springerpool", "Projekt"},
		{"de", "Assistenzärztin Innere Medizin", "", "Vertretungen oder Honorardienste", "Projekt"},
		{"de", "Grundschullehrer", "", "Vertretungsunterricht", "Projekt"},
		{"de", "Erzieherin Kita", "", "Springer- oder Aushilfsdienste", "Projekt"},
		{"es", "Enfermera de quirófano", "", "suplencias o turnos de refuerzo", "proyecto"},
		{"es", "Médico de familia", "", "sustituciones o guardias", "proyecto"},
		{"fr", "Aide-soignante de nuit", "", "des vacations ou des missions d’intérim", "freelance"},
		{"fr", "Professeure des écoles", "", "des remplacements ou des vacations", "freelance"},
		{"fr", "Médecin généraliste", "", "des remplacements", "freelance"},
	} {
		d := compose(t, c.lang, KindContractInquiry, DraftInput{RoleTitle: c.role, Sector: c.sector, Company: "Contoso", Stage: "interview"})
		if !strings.Contains(d.Body, c.want) || strings.Contains(d.Body, c.unwanted) {
			t.Errorf("%s %q (sector %q): want %q, not %q:\n%s", c.lang, c.role, c.sector, c.want, c.unwanted, d.Body)
		}
		if strings.Contains(d.Body, "(m/w/d)") {
			t.Errorf("gender note kept:\n%s", d.Body)
		}
	}
}

func TestInferSector(t *testing.T) {
	for title, want := range map[string]string{
		"Staff Nurse": SectorNursing, "Nurse Practitioner": SectorNursing, "Midwife": SectorNursing,
		"Consultant Anaesthetist": SectorMedicine, "Locum GP": SectorMedicine, "Community Pharmacist": SectorMedicine,
		"Secondary Maths Teacher": SectorTeaching, "Teaching Assistant": SectorTeaching,
		"Care Assistant (nights)": SectorSocialCare, "Social Worker": SectorSocialCare,
		"Pflegefachkraft (m/w/d)": SectorNursing, "Fachärztin für Radiologie": SectorMedicine, "Studienrätin": SectorTeaching,
		"Sozialpädagogin": SectorSocialCare, "Infirmière de bloc": SectorNursing, "Sage-femme": SectorNursing,
		"Auxiliaire de vie sociale": SectorSocialCare, "Trabajadora social": SectorSocialCare, "Maestra de primaria": SectorTeaching,
		"Data Analyst": SectorGeneral, "Senior Backend Engineer": SectorGeneral, "": SectorGeneral, "Nursery Rhymes Copywriter": SectorGeneral,
		"Vetting Officer": SectorGeneral, "Teachable Moments Podcast Host": SectorGeneral,
	} {
		if got := InferSector(title); got != want {
			t.Errorf("InferSector(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestFits(t *testing.T) {
	ghosted := DraftInput{Channel: ChannelNoResponse, Stage: "interview"}
	decided := DraftInput{Channel: ChannelEmail, Stage: "interview"}
	early := DraftInput{Channel: ChannelEmail, Stage: "application"}
	cancelled := DraftInput{Channel: ChannelEmail, Stage: "interview", ReasonCategory: ReasonRoleCancelled}
	received := DraftInput{Channel: ChannelEmail, Stage: "interview", Feedback: FeedbackReceived}
	declined := DraftInput{Channel: ChannelEmail, Stage: "interview", Feedback: "Declined"}
	cases := []struct {
		kind Kind
		in   DraftInput
		fits bool
	}{
		{KindThankYou, decided, true}, {KindThankYou, ghosted, false}, {KindThankYou, cancelled, true},
		{KindFeedbackRequest, decided, true}, {KindFeedbackRequest, ghosted, false}, {KindFeedbackRequest, cancelled, false},
		{KindFeedbackRequest, received, false}, {KindFeedbackRequest, declined, false}, {KindFeedbackRequest, early, true},
		{KindFeedbackThanks, received, true}, {KindFeedbackThanks, decided, false}, {KindFeedbackThanks, declined, false},
		{KindStatusFollowUp, ghosted, true}, {KindStatusFollowUp, decided, false}, {KindStatusFollowUp, DraftInput{}, false},
		{KindContinuedInterest, decided, true}, {KindContinuedInterest, ghosted, false}, {KindContinuedInterest, cancelled, true},
		{KindCheckIn, decided, true}, {KindCheckIn, ghosted, false}, {KindCheckIn, early, false}, {KindCheckIn, DraftInput{}, true},
		{KindContractInquiry, decided, true}, {KindContractInquiry, ghosted, false}, {KindContractInquiry, cancelled, true},
		{"apology", decided, false},
	}
	for _, c := range cases {
		for _, lang := range Languages() {
			in := c.in
			in.Locale = lang
			ok, why := Fits(c.kind, in)
			if ok != c.fits {
				t.Errorf("%s: Fits(%s, %+v) = %v, want %v", lang, c.kind, c.in, ok, c.fits)
			}
			if ok != (why == "") {
				t.Errorf("%s: Fits(%s) explanation %q", lang, c.kind, why)
			}
		}
	}
	if _, why := Fits(KindContractInquiry, DraftInput{Channel: "no_response", Locale: "de-CH"}); !strings.Contains(why, "status-follow-up") || !strings.Contains(why, "Arbeitgeber") {
		t.Errorf("German explanation %q", why)
	}
	if _, why := Fits(KindThankYou, DraftInput{Channel: "no_response", Locale: "pt-BR"}); !strings.HasPrefix(why, "The employer has not told you") {
		t.Errorf("fallback explanation %q", why)
	}
	if got := KindsFor(ghosted); !slices.Equal(got, []Kind{KindStatusFollowUp}) {
		t.Errorf("KindsFor(ghosted) = %v", got)
	}
	if got := KindsFor(received); !slices.Equal(got, []Kind{KindThankYou, KindContinuedInterest, KindCheckIn, KindContractInquiry, KindFeedbackThanks}) {
		t.Errorf("KindsFor(received) = %v", got)
	}
}

func TestLocaleSelection(t *testing.T) {
	for tag, want := range map[string]struct {
		lang     string
		fallback bool
	}{
		"": {"en", false}, "en": {"en", false}, "EN": {"en", false}, "en-GB": {"en", false}, " en-us ": {"en", false},
		"es": {"es", false}, "es-MX": {"es", false}, "ES_mx": {"es", false}, "fr-CA": {"fr", false}, "fr-Latn-CA": {"fr", false},
		"de_AT": {"de", false}, "de-CH": {"de", false},
		"it": {"en", true}, "pt-BR": {"en", true}, "english": {"en", true}, "x": {"en", true},
	} {
		d, err := Compose(KindThankYou, DraftInput{Locale: tag})
		if err != nil || d.Locale != want.lang || d.LocaleFallback != want.fallback {
			t.Errorf("locale %q: %q fallback %v, %v; want %q %v", tag, d.Locale, d.LocaleFallback, err, want.lang, want.fallback)
		}
		if p := FeedbackPageText(tag); p.Lang != want.lang || p.Fallback != want.fallback {
			t.Errorf("page text for %q: %q %v", tag, p.Lang, p.Fallback)
		}
	}
	if d := compose(t, "es", KindThankYou, DraftInput{}); !strings.HasPrefix(d.Body, "Buenos días:\n\nMuchas gracias") {
		t.Errorf("Spanish draft:\n%s", d.Body)
	}
}

func TestComposeErrors(t *testing.T) {
	for _, kind := range []Kind{"", "apology", "Thank-You", "thank_you"} {
		for _, loc := range []string{"", "fr", "pt"} {
			if _, err := Compose(kind, DraftInput{Locale: loc}); !errors.Is(err, ErrUnknownKind) {
				t.Errorf("kind %q in %q: %v", kind, loc, err)
			}
		}
	}
}

func TestKindsAndParseKind(t *testing.T) {
	kinds := Kinds()
	want := []Kind{"thank-you", "feedback-request", "continued-interest", "check-in", "contract-inquiry", "status-follow-up", "feedback-thanks"}
	if !slices.Equal(kinds, want) {
		t.Fatalf("Kinds() = %v", kinds)
	}
	for _, k := range kinds {
		if got, ok := ParseKind(string(k)); !ok || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, ok)
		}
	}
	for _, s := range []string{"", "Thank-You", "thankyou", " check-in", "apology", "status_follow_up"} {
		if got, ok := ParseKind(s); ok || got != "" {
			t.Errorf("ParseKind(%q) = %q, %v", s, got, ok)
		}
	}
	kinds[0] = "changed"
	if Kinds()[0] != KindThankYou {
		t.Error("Kinds() shares its slice")
	}
}

// fieldsOf lists the view fields a template uses, such as .Role or .Stage.Noun.
func fieldsOf(src string) []string {
	var out []string
	for _, action := range regexp.MustCompile(`\{\{[^}]*\}\}`).FindAllString(src, -1) {
		for _, m := range regexp.MustCompile(`\.[A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)?`).FindAllString(action, -1) {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestLanguageTablesAreComplete fails when a language lacks a kind, a phrase or a string, or
// when a draft or page string uses other placeholders than English does, so a new language
// (or a new field) is caught here rather than by a candidate.
func TestLanguageTablesAreComplete(t *testing.T) {
	en := registry.langs["en"]
	if !slices.Equal(Languages(), locale.Supported()) {
		t.Errorf("tables for %v, but the locale package supports %v", Languages(), locale.Supported())
	}
	for _, lang := range Languages() {
		l := registry.langs[lang]
		if l.Code != lang || l.Name == "" || l.Greet == nil {
			t.Errorf("%s: code %q, name %q", lang, l.Code, l.Name)
		}
		if len(l.Drafts.Templates) != len(Kinds()) {
			t.Errorf("%s has %d templates for %d kinds", lang, len(l.Drafts.Templates), len(Kinds()))
		}
		for _, kind := range Kinds() {
			tpl, ok := l.Drafts.Templates[kind]
			if !ok {
				t.Errorf("%s lacks %s", lang, kind)
				continue
			}
			ref := en.Drafts.Templates[kind]
			got := fieldsOf(l.Drafts.Partials + tpl.Subject + tpl.Body)
			want := fieldsOf(en.Drafts.Partials + ref.Subject + ref.Body)
			if !slices.Equal(got, want) {
				t.Errorf("%s/%s uses %v; English uses %v", lang, kind, got, want)
			}
		}
		for stage := range stageFacts {
			if p := l.Drafts.Stages[stage]; p.Thanks == "" || p.Noun == "" || p.Ref == "" {
				t.Errorf("%s lacks phrases for stage %q", lang, stage)
			}
		}
		if p := l.Drafts.Stages[""]; p.Thanks == "" || p.Noun == "" || p.Ref == "" {
			t.Errorf("%s lacks the fallback stage", lang)
		}
		for _, table := range []struct {
			name      string
			got, want map[string]string
		}{{"contacts", l.Drafts.Contacts, en.Drafts.Contacts}, {"reasons", l.Drafts.Reasons, en.Drafts.Reasons}} {
			for k := range table.want {
				if table.got[k] == "" {
					t.Errorf("%s lacks the %s line for %q", lang, table.name, k)
				}
			}
			if len(table.got) != len(table.want) {
				t.Errorf("%s has %s lines English lacks", lang, table.name)
			}
		}
		for _, s := range append([]string{SectorGeneral}, sectors...) {
			if f := l.Drafts.Flex[s]; f.Subject == "" || f.Offer == "" {
				t.Errorf("%s lacks flexible-work phrases for %s", lang, s)
			}
			if s != SectorGeneral && len(l.SectorWords[s]) == 0 {
				t.Errorf("%s has no words for sector %s", lang, s)
			}
		}
		if len(l.Drafts.Numbers) < 13 {
			t.Errorf("%s: %d number words", lang, len(l.Drafts.Numbers))
		}
		for _, m := range misfits {
			why := l.Misfits[m]
			if why == "" || !strings.HasSuffix(why, ".") {
				t.Errorf("%s: misfit %s is not explained in a sentence", lang, m)
			}
			if m != misfitUnknownKind && !regexp.MustCompile(`\((?:[a-z]+-)+[a-z]+\)`).MatchString(why) {
				t.Errorf("%s: misfit %s names no kind to send instead: %q", lang, m, why)
			}
		}
		if len(l.Misfits) != len(misfits) {
			t.Errorf("%s explains unknown misfits", lang)
		}
	}
}

func TestWordCount(t *testing.T) {
	for s, want := range map[string]int{
		"":                                  0,
		"   \n\t ":                          0,
		"Hello, world.":                     2,
		"Don't send the 1,000-word e-mail.": 5,
		"Answer here: https://rebound.example/f/frt_x?a=b": 3,
		"Thanks — really.":                2,
		"Zoë Ångström 🙂":                  2,
		"Best regards,\nDana Whitfield":   4,
		"one\ttwo\nthree  four\u00a0five": 5,
		strings.Repeat("word ", 250):      250,
	} {
		if got := WordCount(s); got != want {
			t.Errorf("WordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
