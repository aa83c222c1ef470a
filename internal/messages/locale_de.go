package messages

import "strings"

// German, in the formal register (Sie). As German letters do, the first paragraph after the
// salutation starts in lower case ("vielen Dank …"), and the sign-off has no comma. The role
// partial has no article, so templates decline it themselves ("die Stelle", "zur Stelle",
// "der Stelle"); the team has a nominative/accusative and a dative form.

func init() { register(&german) }

var german = language{
	Code: "de",
	Name: "Deutsch",

	Honorifics: map[string]honorific{
		"herr":    {class: titleSocial, gender: genderMale},
		"frau":    {class: titleSocial, gender: genderFemale},
		"dr.-ing": {class: titleAcademic, canon: "dr"},
	},
	Greet: greetGerman,

	Drafts: draftTable{
		Partials: `
{{- define "role"}}Stelle{{if .Role}} als {{.Role}}{{end}}{{if .Company}} bei {{.Company}}{{end}}{{end}}
{{- define "team"}}{{if .Company}}das Team von {{.Company}}{{else}}Ihr Team{{end}}{{end}}
{{- define "team_dat"}}{{if .Company}}dem Team von {{.Company}}{{else}}Ihrem Team{{end}}{{end}}
{{- define "signoff"}}Mit freundlichen Grüßen{{if .Candidate}}
{{.Candidate}}{{end}}{{end}}`,

		Stages: map[string]stagePhrases{
			"":             {Thanks: "Ihre Zeit", Noun: "meine Bewerbung", Ref: "meiner Bewerbung auf die"},
			"application":  {Thanks: "Ihr Interesse an meiner Bewerbung", Noun: "meine Bewerbung", Ref: "meiner Bewerbung auf die"},
			"screening":    {Thanks: "die Sichtung meiner Bewerbung", Noun: "meine Bewerbung", Ref: "meiner Bewerbung auf die"},
			"phone_screen": {Thanks: "das Telefongespräch", Noun: "mein Telefoninterview", Ref: "meinem Telefoninterview für die"},
			"assessment":   {Thanks: "die Auswertung meiner Testaufgabe", Noun: "meine Testaufgabe", Ref: "der Abgabe meiner Testaufgabe für die"},
			"interview":    {Thanks: "die ausführlichen Vorstellungsgespräche", Noun: "meine Vorstellungsgespräche", Ref: "meinem Vorstellungsgespräch für die"},
			"final_round":  {Thanks: "die Gespräche in der letzten Runde", Noun: "meine Gespräche in der letzten Runde", Ref: "meinen Gesprächen in der letzten Runde für die"},
			"offer":        {Thanks: "die intensive Prüfung meiner Kandidatur bis zur Angebotsphase", Noun: "meine Kandidatur", Ref: "unseren Gesprächen über ein Angebot für die"},
		},

		Contacts: map[string]string{
			"recruiter": "Vielen Dank auch dafür, dass Sie mich stets auf dem Laufenden gehalten haben.",
			"hr":        "Vielen Dank auch dafür, dass Sie mich stets auf dem Laufenden gehalten haben.",
		},

		Reasons: map[string]string{
			"skills_gap":     "In der Zwischenzeit arbeite ich bereits an den Fähigkeiten, die Sie angesprochen haben.",
			"experience_gap": "In der Zwischenzeit sammle ich gezielt die Erfahrung, die Sie angesprochen haben.",
		},

		Flex: map[string]flexPhrases{
			SectorGeneral:    {Subject: "Freie Mitarbeit oder Projektarbeit", Offer: "freie Mitarbeit, eine Teilzeittätigkeit oder ein Projekt"},
			SectorMedicine:   {Subject: "Vertretungen und Honorardienste", Offer: "Vertretungen oder Honorardienste"},
			SectorNursing:    {Subject: "Einsätze im Springerpool oder über Zeitarbeit", Offer: "Einsätze im Springerpool oder über Zeitarbeit"},
			SectorTeaching:   {Subject: "Vertretungsunterricht", Offer: "Vertretungsunterricht"},
			SectorSocialCare: {Subject: "Springer- und Aushilfsdienste", Offer: "Springer- oder Aushilfsdienste"},
		},

		Numbers: []string{"null", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"},

		Templates: map[Kind]draftTemplate{
			KindThankYou: {
				Subject: `{{if .Ghosted}}Vielen Dank{{if .Role}} – Bewerbung als {{.Role}}{{end}}{{else}}Vielen Dank für Ihre Rückmeldung{{if .Role}} zur Stelle als {{.Role}}{{end}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}vielen Dank für {{.Stage.Thanks}}. Ich habe mich sehr gefreut, am Auswahlverfahren für die {{template "role" .}} teilnehmen zu dürfen.
{{- else if .Cancelled}}vielen Dank für die Nachricht, dass die {{template "role" .}} nun doch nicht besetzt wird, und für {{.Stage.Thanks}}.
{{- else if eq .Channel "phone"}}vielen Dank, dass Sie mich angerufen und mir Ihre Entscheidung zur {{template "role" .}} mitgeteilt haben. Auch für {{.Stage.Thanks}} möchte ich mich herzlich bedanken. Ich weiß Ihre Sorgfalt sehr zu schätzen.
{{- else if eq .Channel "in_person"}}vielen Dank, dass Sie mir Ihre Entscheidung zur {{template "role" .}} persönlich mitgeteilt haben. Auch für {{.Stage.Thanks}} möchte ich mich herzlich bedanken. Ich weiß Ihre Sorgfalt sehr zu schätzen.
{{- else}}vielen Dank, dass Sie mir Ihre Entscheidung zur {{template "role" .}} mitgeteilt haben. Auch für {{.Stage.Thanks}} möchte ich mich herzlich bedanken. Ich weiß Ihre Sorgfalt sehr zu schätzen.{{end}}
{{if .Spoke}}
Die Gespräche haben mir große Freude bereitet, und ich habe viel über {{template "team" .}} erfahren. Bitte richten Sie allen, die ich kennengelernt habe, meinen Dank aus.
{{else}}
Bitte richten Sie allen Beteiligten meinen Dank aus.
{{end}}
{{if not .Ghosted}}{{.ContactLine}}{{end}}

{{if .Ghosted}}Ich hoffe, dass sich unsere Wege wieder kreuzen, und wünsche Ihnen und {{template "team_dat" .}} weiterhin viel Erfolg.
{{- else if .Cancelled}}Ich verstehe, dass sich Pläne ändern, und hoffe, dass sich unsere Wege wieder kreuzen. Ihnen und {{template "team_dat" .}} wünsche ich weiterhin viel Erfolg.
{{- else}}Auch wenn ich enttäuscht bin, respektiere ich Ihre Entscheidung und hoffe, dass sich unsere Wege wieder kreuzen. Ihnen und {{template "team_dat" .}} wünsche ich weiterhin viel Erfolg.{{end}}

{{template "signoff" .}}`,
			},

			KindFeedbackRequest: {
				Subject: `Eine kurze Frage {{if .Role}}zur Stelle als {{.Role}}{{else}}zu meiner Bewerbung{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}vielen Dank für {{.Stage.Thanks}}. Zur {{template "role" .}} habe ich bisher noch nichts gehört.

Falls Sie sich entschieden haben, meine Bewerbung nicht weiterzuverfolgen: Könnten Sie mir sagen, was {{.Stage.Noun}} am ehesten überzeugender gemacht hätte?
{{- else if .Cancelled}}vielen Dank für {{.Stage.Thanks}}. Ich habe verstanden, dass die {{template "role" .}} nicht besetzt wird, und möchte trotzdem gern aus dem Verfahren lernen.

Wenn Sie einen Moment Zeit haben: Könnten Sie mir sagen, was ich beim nächsten Mal besser machen könnte?
{{- else}}vielen Dank für {{.Stage.Thanks}}. Ich respektiere Ihre Entscheidung zur {{template "role" .}} und möchte gern daraus lernen.

Wenn Sie einen Moment Zeit haben: Könnten Sie mir sagen, was {{.Stage.Noun}} am ehesten überzeugender gemacht hätte?{{end}} Ein oder zwei Sätze würden mir sehr helfen, und selbstverständlich ist das ganz freiwillig.
{{if .ResponseURL}}
Wenn es Ihnen leichter fällt, können Sie auch hier antworten; das dauert etwa zwei Minuten: {{.ResponseURL}}
{{end}}
Nochmals vielen Dank und alles Gute.

{{template "signoff" .}}`,
			},

			KindContinuedInterest: {
				Subject: `Künftige Stellen{{if .Company}} bei {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}vielen Dank für {{.Stage.Thanks}}. Unabhängig vom Ausgang des Verfahrens für die {{template "role" .}} bin ich nach wie vor sehr an {{template "team_dat" .}} interessiert.
{{- else if .Cancelled}}nochmals vielen Dank für {{.Stage.Thanks}}. Ich habe verstanden, dass die {{template "role" .}} nicht besetzt wird; das Verfahren hat mein Interesse an {{template "team_dat" .}} dennoch bestärkt.
{{- else}}nochmals vielen Dank für {{.Stage.Thanks}}. Auch wenn es mit der {{template "role" .}} diesmal nicht geklappt hat, hat das Verfahren mein Interesse an {{template "team_dat" .}} noch verstärkt.{{if .ReasonLine}} {{.ReasonLine}}{{end}}{{end}}

{{if .Cancelled}}Falls die Stelle wieder ausgeschrieben wird oder eine andere Position zu meinem Profil passt, würde ich mich freuen, berücksichtigt zu werden. Ihre Stellenangebote behalte ich im Blick.
{{- else}}Ich würde mich freuen, bei künftigen passenden Stellen berücksichtigt zu werden, und werde Ihre Stellenangebote im Blick behalten. Wenn sich eine geeignete Position ergibt, freue ich mich, von Ihnen zu hören.{{end}}

{{template "signoff" .}}`,
			},

			KindCheckIn: {
				Subject: `Ein kurzer Gruß{{if .Company}} an das Team von {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

ich hoffe, die letzten Wochen sind gut für Sie verlaufen. {{if .Spoke}}Wir hatten vor einiger Zeit über die {{template "role" .}} gesprochen{{else if .Ghosted}}Ich hatte mich vor einiger Zeit auf die {{template "role" .}} beworben{{else}}Wir standen vor einiger Zeit wegen der {{template "role" .}} in Kontakt{{end}}, und ich wollte mich kurz melden.

Ich interessiere mich weiterhin sehr für {{template "team" .}} und Ihre Arbeit. {{if .Cancelled}}Falls die Stelle wieder ausgeschrieben wird oder ein ähnlicher Bedarf entsteht, freue ich mich, von Ihnen zu hören; ansonsten müssen Sie nicht antworten.{{else}}Sie müssen nicht antworten; ich wollte nur in Kontakt bleiben.{{end}}

{{template "signoff" .}}`,
			},

			KindContractInquiry: {
				Subject: `{{.Flex.Subject}}{{if .Company}} bei {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}vielen Dank für {{.Stage.Thanks}}. Unabhängig vom Ausgang des Verfahrens für die {{template "role" .}} möchte ich Ihnen gern anbieten, {{template "team" .}} auch in flexiblerer Form zu unterstützen, etwa durch {{.Flex.Offer}}.
{{- else if .Cancelled}}nochmals vielen Dank für {{.Stage.Thanks}}. Ich habe verstanden, dass die {{template "role" .}} nicht besetzt wird. Falls die vorgesehene Arbeit dennoch anfällt, unterstütze ich {{template "team" .}} gern, etwa durch {{.Flex.Offer}}.
{{- else}}nochmals vielen Dank für {{.Stage.Thanks}}. Ich verstehe, dass es mit der {{template "role" .}} diesmal nicht geklappt hat, und möchte Ihnen gern anbieten, {{template "team" .}} in flexiblerer Form zu unterstützen, etwa durch {{.Flex.Offer}}.{{end}}

Falls ein solcher Bedarf entsteht, spreche ich gern mit Ihnen darüber, wann immer es Ihnen passt.

{{template "signoff" .}}`,
			},

			KindStatusFollowUp: {
				Subject: `Nachfrage zu meiner Bewerbung{{if .Role}} als {{.Role}}{{end}}`,
				Body: `{{.Greeting}}

ich hoffe, es geht Ihnen gut. {{if .Weeks}}Seit {{.Stage.Ref}} {{template "role" .}} {{if eq .Weeks 1}}ist inzwischen eine Woche{{else}}sind inzwischen {{.WeeksWord}} Wochen{{end}} vergangen, und ich möchte mich kurz nach dem Stand erkundigen.{{else}}Ich möchte mich kurz nach dem Stand des Auswahlverfahrens für die {{template "role" .}} erkundigen.{{end}}

Mir ist bewusst, dass solche Entscheidungen Zeit brauchen und sich Pläne manchmal ändern. Wenn Sie einen Moment Zeit haben: Könnten Sie mir sagen, wie der aktuelle Stand ist? Falls Sie sich gegen meine Bewerbung entschieden haben, freue ich mich ebenso über eine kurze Nachricht.

Ich interessiere mich weiterhin sehr für {{template "team" .}} und würde mich freuen, von künftigen Stellen zu erfahren.

{{template "signoff" .}}`,
			},

			KindFeedbackThanks: {
				Subject: `Vielen Dank für Ihr Feedback{{if .Role}} zur Stelle als {{.Role}}{{end}}`,
				Body: `{{.Greeting}}

vielen Dank, dass Sie sich die Zeit genommen haben, mir so offen zu schildern, wie Sie {{.Stage.Noun}} für die {{template "role" .}} erlebt haben. Eine so ehrliche Einschätzung bekommt man selten, und ich bin Ihnen dafür sehr dankbar.

Sie gibt mir konkrete Ansatzpunkte, und ich werde sie bei der Vorbereitung meiner nächsten Bewerbungen nutzen.

Ich hoffe, dass sich unsere Wege wieder kreuzen, und wünsche Ihnen und {{template "team_dat" .}} weiterhin viel Erfolg.

{{template "signoff" .}}`,
			},
		},
	},

	Misfits: map[misfit]string{
		misfitUnknownKind:      "Einen Entwurf dieser Art gibt es nicht.",
		misfitNoDecisionYet:    "Der Arbeitgeber hat Ihnen noch keine Entscheidung mitgeteilt, es gibt also noch nichts, wofür Sie sich bedanken könnten. Senden Sie stattdessen eine einzige höfliche Nachfrage (status-follow-up).",
		misfitAskStatusFirst:   "Der Arbeitgeber hat noch nicht geantwortet. Fragen Sie einmal nach dem Stand (status-follow-up) und bitten Sie erst nach einer Antwort um Feedback.",
		misfitFeedbackReceived: "Das Feedback liegt Ihnen bereits vor. Bedanken Sie sich dafür (feedback-thanks), statt erneut zu fragen.",
		misfitFeedbackDeclined: "Der Arbeitgeber möchte kein Feedback geben. Erneutes Nachfragen belastet das Verhältnis; eine Nachricht zu Ihrem weiteren Interesse (continued-interest) hält die Tür offen.",
		misfitRoleCancelled:    "Die Stelle wurde gestrichen, das Ergebnis sagt also wenig über Ihre Bewerbung aus. Besser passen eine Nachricht zu Ihrem weiteren Interesse (continued-interest) oder ein Angebot flexibler Mitarbeit (contract-inquiry).",
		misfitNoFeedbackYet:    "Es ist noch kein Feedback eingegangen. Bitten Sie zuerst darum (feedback-request).",
		misfitDecisionSent:     "Der Arbeitgeber hat Ihnen seine Entscheidung bereits mitgeteilt. Eine Nachfrage zum Stand ist nur sinnvoll, wenn Sie nichts gehört haben; ein Dankeschön (thank-you) passt besser.",
		misfitAwaitingReply:    "Der Arbeitgeber hat noch nicht geantwortet. Beschränken Sie sich auf eine einzige höfliche Nachfrage (status-follow-up); weitere Nachrichten vor einer Antwort wirken drängend.",
		misfitNoRelationship:   "Der Arbeitgeber hat Ihnen noch nicht geantwortet; ihn um andere Arbeit zu bitten, setzt eine Beziehung voraus, die er noch nicht gezeigt hat. Fragen Sie zuerst einmal nach dem Stand (status-follow-up).",
		misfitNotMetYet:        "Sie haben dort noch mit niemandem gesprochen, ein Gruß zum In-Kontakt-Bleiben hat also wenig Grundlage. Eine Nachricht zu Ihrem weiteren Interesse (continued-interest) sagt dasselbe, ohne eine Beziehung vorauszusetzen.",
	},

	// German builds compounds ("Gesundheits- und Krankenpflegerin", "Assistenzärztin"), so most
	// sector words are stems found anywhere in the title.
	SectorWords: map[string][]string{
		SectorMedicine: {"~arzt", "~ärztin", "~ärzte", "chirurg", "chirurgin", "~apotheker", "anästhesist", "anästhesistin",
			"psychiater", "psychiaterin", "radiologe", "radiologin", "kardiologe", "kardiologin", "mediziner", "medizinerin"},
		SectorNursing: {"~pflegefach", "~krankenpfleg", "~krankenschwester", "pflegekraft", "~altenpfleg", "~pflegehelfer",
			"hebamme", "entbindungspfleger", "~physiotherapeut", "mtra", "notfallsanitäter", "notfallsanitäterin", "ota"},
		SectorTeaching: {"~lehrer", "~lehrkraft", "studienrat", "studienrätin", "referendar", "referendarin"},
		SectorSocialCare: {"sozialarbeiter", "sozialarbeiterin", "~sozialpädagog", "~erzieher", "~heilerziehungspfleg",
			"betreuungskraft", "~alltagsbegleit", "~betreuungsassistent"},
	},

	Page: PageText{
		CandidateFallback:  "die bewerbende Person",
		FormTitle:          "Feedback für {candidate}",
		Lead:               "{candidate} hat sich bei {company} auf die Stelle „{role}“ beworben und würde sich über ein paar ehrliche Worte freuen, um sich weiterzuentwickeln. Das dauert etwa zwei Minuten.",
		Requirements:       "Alle Felder sind freiwillig, bitte nennen Sie aber mindestens eine Stärke, einen Verbesserungsvorschlag oder einen Kommentar – oder wählen Sie „Wir möchten kein Feedback geben“.",
		NoteLabel:          "Nachricht der bewerbenden Person:",
		ErrorsHeading:      "Bitte prüfen Sie das Formular:",
		StrengthsLegend:    "Was gut lief",
		ImprovementsLegend: "Was die Bewerbung noch stärker gemacht hätte",
		StrengthArea:       "Stärke {n} – Bereich",
		StrengthDetail:     "Stärke {n} – Details",
		ImprovementArea:    "Verbesserung {n} – Bereich",
		ImprovementDetail:  "Verbesserung {n} – Vorschlag",
		SummaryLabel:       "Weitere Anmerkungen",
		AuthorNameLabel:    "Ihr Name (optional)",
		AuthorRoleLabel:    "Ihre Funktion (optional)",
		SubmitButton:       "Feedback senden",
		DeclineButton:      "Wir möchten kein Feedback geben",
		Categories: []PageOption{
			{"skills", "Fähigkeiten"}, {"experience", "Erfahrung"}, {"interview_performance", "Auftreten im Gespräch"},
			{"communication", "Kommunikation"}, {"preparation", "Vorbereitung"}, {"culture_fit", "Passung zum Team"},
			{"technical_depth", "Fachliche Tiefe"}, {"motivation", "Motivation"}, {"compensation", "Gehaltsvorstellungen"},
			{"other", "Sonstiges"},
		},
		LanguageLabel:          "Sprache",
		Footer:                 "Diese Anfrage wurde über Rebound im Namen der bewerbenden Person verschickt. Rebound speichert Ihre Antwort und gibt sie über die Karriereplattform, die die Person nutzt, an sie weiter; die Plattform erhält sie über die API und die Webhooks von Rebound.",
		RespondedTitle:         "Vielen Dank",
		RespondedMessage:       "Ihr Feedback wird über die Karriereplattform an {candidate} weitergeleitet. Vielen Dank, dass Sie sich die Zeit genommen haben – das macht einen echten Unterschied.",
		DeclinedTitle:          "Vielen Dank",
		DeclinedMessage:        "Verstanden – {candidate} erfährt über die Karriereplattform, dass Sie kein Feedback geben möchten. Danke, dass Sie es in Erwägung gezogen haben.",
		AlreadyAnsweredTitle:   "Bereits beantwortet",
		AlreadyAnsweredMessage: "Diese Feedback-Anfrage wurde bereits beantwortet. Vielen Dank – es ist nichts weiter zu tun.",
		ExpiredTitle:           "Link nicht mehr gültig",
		ExpiredMessage:         "Dieser Feedback-Link ist abgelaufen oder wurde zurückgezogen. Eine Antwort ist nicht nötig.",
		NotFoundTitle:          "Link nicht gefunden",
		NotFoundMessage:        "Dieser Feedback-Link ist ungültig. Bitte prüfen Sie, ob der vollständige Link kopiert wurde.",
		TooLongTitle:           "Antwort zu lang",
		TooLongMessage:         "Das Formular konnte nicht gelesen werden; bitte kürzen Sie die Antwort und versuchen Sie es erneut.",
		ReloadTitle:            "Bitte laden Sie die Seite neu",
		ReloadMessage:          "Dieses Formular ist abgelaufen oder stammt nicht von dieser Seite. Öffnen Sie den Link erneut und versuchen Sie es noch einmal.",
		ErrorCategory:          "Bitte wählen Sie einen Bereich aus der Liste.",
		ErrorNothingGiven:      "Bitte nennen Sie mindestens eine Stärke, einen Verbesserungsvorschlag oder einen Kommentar – oder wählen Sie „Wir möchten kein Feedback geben“.",
		ErrorInvalidField:      "Ein Feld ist zu lang oder ungültig. Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.",
	},

	Tone: germanTone,
	StopWords: strings.Fields(`der die das und ist nicht ich sie ein eine einen einem einer dem den des zu mit für auf im von vom bei
		aus es wir mein meine meinen meiner ihr ihre ihnen ihrem ihren haben habe hat hatte wurde war sehr auch aber oder noch
		schon nur wie dass wenn kann könnten würde werde wird mich mir sich uns so als nach über um am zum zur diese dieser
		dieses doch mal gern gerne bitte nichts an ganz ganze alle allen etwas immer heute jetzt hier man sein ihm ihn unser unsere wieder nochmals wirklich viel viele vielleicht natürlich leider gerade
		alles also andere anderen beim bin bis bisschen dabei damit dann darauf daran davon dazu denn deshalb dich dir
		durch eigentlich einfach einmal er erst euch gegen genau gibt hab hätte hätten ins ja jede jeden jeder kein
		keine können lange machen mehr muss müssen nein nun ob oft ohne seine selbst sind soll sollte sondern unter
		vor wann waren warum was weil weiter welche wer werden wo wollte zeit zwei zwischen`),
	Markers: strings.Fields(`danke vielen dank tausend grüße grüßen freundlichen geehrte geehrter herzlichen bewerbung stelle gespräch
		gespräche vorstellungsgespräch absage entscheidung antwort rückmeldung unternehmen`),
	Endings: strings.Fields("ung ungen keit heit lich schaft chen"),
}

// germanTone is the German tone check. German puts its negation late and across commas ("Ich
// will nicht behaupten, dass es unfair war"), so a clause continues past a comma before
// "dass" or "ob", and a negation right after a verb counts too ("Ich verlange nichts").
var germanTone = toneTable{
	Advice: map[string]advice{
		FindingHostile: {"Beleidigungen und Verachtung schließen die Tür endgültig; Personalverantwortliche wechseln das Unternehmen und erinnern sich an den Ton.",
			"Streichen Sie es; wenn etwas schiefgelaufen ist, sagen Sie es einmal, kurz und sachlich, oder gar nicht."},
		FindingBlame: {"Dem Arbeitgeber die Schuld zu geben unterstellt böse Absicht; die meisten Personalentscheidungen sind knapp und sachlich, nicht persönlich.",
			"Schreiben Sie, was Sie anders machen würden, oder fragen Sie, was Ihre Bewerbung stärker gemacht hätte."},
		FindingDemands: {"Niemand schuldet Bewerbern eine Erklärung; eine Forderung lässt keinen freundlichen Weg, Ja zu sagen.",
			"Bitten Sie stattdessen: „Wären Sie bereit, mir zu sagen …?“"},
		FindingSelfDeprecation: {"So harte Worte über sich selbst lassen Sie schwächer wirken, als Sie sind; eine Absage ist eine Entscheidung, kein Urteil über Ihren Wert.",
			"Streichen Sie es, oder nennen Sie einen konkreten Punkt, an dem Sie bereits arbeiten."},
		FindingSarcasm: {"Ironie und spitze Erinnerungen wirken verächtlich, und die Antwort gilt dann dem Ton, nicht dem Inhalt.",
			"Sagen Sie schlicht, worum es Ihnen geht: „Könnten Sie mir sagen, wie der Stand ist?“"},
		FindingBegging: {"Flehen bringt die Lesenden in eine unangenehme Lage und ändert eine getroffene Entscheidung selten.",
			"Schreiben Sie, dass Ihr Interesse bleibt und Sie sich über künftige Stellen freuen würden; so bleibt die Tür mit Würde offen."},
		FindingPushyFollowUp: {"Fristen und wiederholtes Nachhaken setzen unter Druck, wo es um eine Gefälligkeit geht, und machen eine Antwort unwahrscheinlicher.",
			"Fragen Sie einmal nach, ohne Frist: „Wenn Sie einen Moment Zeit haben: Wie ist der aktuelle Stand?“"},
		FindingLegalThreat: {"Eine rechtliche Drohung in einer Antwort beendet die Beziehung und kommt nicht so an, wie Sie es meinen; eine Beschwerde hat ihre eigenen Wege.",
			"Halten Sie diese Nachricht höflich, oder schicken Sie sie nicht. Wenn Sie glauben, rechtswidrig behandelt worden zu sein, gehen Sie dem getrennt auf dem richtigen Weg nach: über die Beschwerdestelle des Arbeitgebers, eine Beratungsstelle oder eine Anwältin bzw. einen Anwalt."},
	},
	Shouting:    advice{"Großbuchstaben wirken wie Schreien, auch wenn die Worte ruhig sind.", "Schreiben Sie normal; wenn ein Wort betont werden soll, lassen Sie den Satz das tun."},
	Punctuation: advice{"Gehäufte Satzzeichen wirken aufgebracht oder ironisch.", "Ein Punkt oder ein einzelnes Fragezeichen genügt."},
	TooLong: advice{"Eine Antwort auf eine Absage sollte in Sekunden gelesen sein; lange Antworten argumentieren meist und werden selten zu Ende gelesen.",
		"Kürzen Sie auf wenige Sätze: Dank, eine Frage oder ein Wunsch und ein Gruß."},

	Negators:      []string{"nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "ohne", "keineswegs", "keinesfalls", "weder", "nichts", "kaum"},
	NegatorsAfter: []string{"nichts", "keine", "keinen", "keinerlei", "nicht"},
	NotNegation:   []string{"nicht nur", "nicht einmal", "nicht mal"},
	ClauseBreaks:  []string{"aber", "doch", "sondern", "jedoch", "obwohl", "trotzdem", "allerdings"},
	Subordinators: []string{"dass", "ob"},
	Warm: []string{"danke", "dank", "tausend", "~herzlich", "~glückwunsch", "~super", "~toll", "~klasse", "~großartig",
		"~wunderbar", "~genial", "gefreut", "freue", "spaß"},
	WarmFillers: []string{"ein", "eine", "vielen", "für", "ihre", "alles", "das", "team", "nochmals", "ganz", "sehr", "zeit", "und"},
	Acronyms:    []string{"DSGVO", "GMBH", "IHK", "BWL", "AGG", "HWK", "KITA", "TVÖD", "SAP", "DAX", "ABC"},

	Phrases: []phrase{
		// Feindseligkeit und Verachtung.
		{Kind: FindingHostile, Pattern: `\b(?:inkompetent\w*|unfähig\w*|dilettant\w*|amateur\w*|idioten|vollidioten|trottel|clowns|stümper\w*)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:witz|farce|zirkus|kasperletheater|theater|frechheit|unverschämtheit|zumutung|saftladen|sauladen|lachnummer|schande|affentheater)\b`},
		{Kind: FindingHostile, Pattern: `\bpeinlich\w*\b|\blächerlich\w*\b|\bunprofessionell\w*\b|\bunverschämt\w*\b|\bdreist\w*\b|\barrogant\w*\b`},
		{Kind: FindingHostile, Pattern: `\bihr pech\b|\bselbst schuld\b|\bihr verlust\b`},
		{Kind: FindingHostile, Pattern: `\bich hoffe,? (?:dass )?(?:ihre|diese) (?:firma|bude|unternehmen|agentur)\b[^.!?\n]{0,25}\b(?:pleite|insolvent|bankrott|untergeht|eingeht|scheitert)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:meine|unsere) zeit (?:verschwendet|vergeudet|gestohlen)\b|\bzeitverschwendung\b`},
		{Kind: FindingHostile, Pattern: `\bdas werden sie (?:noch )?bereuen\b|\bsie werden (?:das|es) (?:noch )?bereuen\b`},
		{Kind: FindingHostile, Pattern: `\bich werde (?:überall|allen|jedem)\b[^.!?\n]{0,20}\b(?:erzählen|berichten|schreiben|posten)\b|\b(?:kununu|glassdoor)\b`},
		{Kind: FindingHostile, Pattern: `\bkeine ahnung (?:hat|haben|hatte|hatten)\b|\b(?:hat|haben|hatte|hatten) (?:doch |offensichtlich |wohl |absolut |überhaupt )?keine ahnung\b`, NoNegation: true},
		{Kind: FindingHostile, Pattern: `\bein einziges (?:chaos|durcheinander|desaster|trauerspiel)\b|\b(?:desaster|trauerspiel)\b`},

		// Schuldzuweisungen.
		{Kind: FindingBlame, Pattern: `\bunfair\w*\b|\bungerecht\w*\b`, Unless: `\bes wäre unfair\b|\bunfair von mir\b`},
		{Kind: FindingBlame, Pattern: `\babgekartet\w*\b|\bmanipuliert\b|\bgeschobene sache\b|\b(?:längst|schon|bereits) (?:intern )?vergeben\b|\bentscheidung (?:war )?(?:längst|schon|bereits) gefallen\b|\b(?:längst|schon|bereits) (?:jemanden|wen) (?:ausgewählt|ausgesucht|im kopf)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:nicht einmal|nicht mal|gar nicht|nie) (?:gelesen|angesehen|angeschaut|geöffnet)\b|\bniemand hat sich (?:die mühe gemacht|\w+ (?:angesehen|angeschaut))\b|\b(?:hat|haben) mir (?:überhaupt |gar )?nicht zugehört\b`},
		{Kind: FindingBlame, Pattern: `\bvorurteile gegen mich\b|\bwegen meines (?:alters|geschlechts|namens|akzents|aussehens)\b|\bwegen meiner (?:herkunft|religion|behinderung|schwangerschaft|hautfarbe)\b|\bdiskriminier\w*\b`},
		{Kind: FindingBlame, Pattern: `\b(?:sie machen|sie haben|das ist|das war) (?:einen|ein) (?:großen|riesigen|schweren|gewaltigen|großer|schwerer)? ?fehler\b`},
		{Kind: FindingBlame, Pattern: `\b(?:ihr|der) (?:bewerbungs)?(?:prozess|verfahren|ablauf)\b[^.!?\n]{0,20}\b(?:chaotisch|chaos|katastrophe|desorganisiert|unorganisiert)\b|\bein einziges chaos\b`},
		{Kind: FindingBlame, Pattern: `\b(?:nie|keine) (?:eine )?(?:faire |echte |richtige )?chance gegeben\b|\bnie eine (?:faire |echte )?chance\b`},
		{Kind: FindingBlame, Pattern: `\bbevor sie (?:leute|bewerber|menschen|jemanden) ablehnen\b`},
		{Kind: FindingBlame, Pattern: `\bvetternwirtschaft\b|\bgünstlingswirtschaft\b|\bklüngel\w*\b|\bvitamin b\b`},
		{Kind: FindingBlame, Pattern: `\bjemand(?:en)? (?:jüngeren|jüngeres|billigeren|billigeres|günstigeren|günstigeres)\b|\b(?:jüngere|billigere|günstigere)[nrs]? (?:bewerber|kandidat)\w*\b`},

		// Forderungen.
		{Kind: FindingDemands, Pattern: `\bich (?:verlange|fordere|bestehe darauf)\b`},
		{Kind: FindingDemands, Pattern: `\bschulden (?:sie )?mir\b`},
		{Kind: FindingDemands, Pattern: `\bich will (?:genau |endlich |jetzt )?wissen\b`},
		{Kind: FindingDemands, Pattern: `\bich habe ein recht (?:darauf|auf)\b|\bich verdiene (?:eine|es)\b`},
		{Kind: FindingDemands, Pattern: `\bsie müssen mir\b|\bsie haben mir (?:\w+ )?zu (?:erklären|begründen|sagen)\b`},
		{Kind: FindingDemands, Pattern: `(?:^|[.!?]\s*|\n)((?:sagen|erklären|schicken|nennen) sie mir)\b`},
		{Kind: FindingDemands, Pattern: `\bich erwarte\b[^.!?\n]{0,20}\b(?:erklärung|begründung|stellungnahme|entschuldigung)\b`},
		{Kind: FindingDemands, Pattern: `\bich muss (?:genau |unbedingt )?wissen\b|\bich will (?:eine|einen|ein) (?:\w+ )?(?:begründung|erklärung|antwort|entschuldigung|stellungnahme)\b`},

		// Drängendes Nachfassen.
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:erwarte|brauche|will|verlange|fordere)\b[^.!?\n]{0,40}\bbis (?:spätestens )?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|heute|ende|zum|übermorgen|\d)|\bbis (?:spätestens )?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|heute)\b[^.!?\n]{0,20}\b(?:antwort|rückmeldung|entscheidung|bescheid)\b`,
			Unless: `\bfalls es\b|\bwäre ich dankbar\b|\bein anderes angebot\b|\bmuss bis\b|\bwenn möglich\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:antworten|melden|rückmeldung|antwort|zurückrufen|bescheid)\b[^.!?\n]{0,15}\b(?:noch heute|umgehend\w*|unverzüglich|sofort|schnellstmöglich|so schnell wie möglich|dringend)\b|\b(?:noch heute|umgehend\w*|unverzüglich\w*|sofortige?|schnellstmöglich\w*|dringend)\b[^.!?\n]{0,15}\b(?:antworten|melden|rückmeldung|antwort|zurückrufen|bescheid)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bfrist (?:bis|von)\b|\bsetze ihnen (?:hiermit )?eine frist\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bwenn ich (?:bis|diese woche|heute|morgen)\b[^.!?\n]{0,30}\b(?:nichts höre|keine antwort|keine rückmeldung)\b|\bfalls ich (?:bis|diese woche)\b[^.!?\n]{0,30}\b(?:nichts|keine)\b|\bwenn ich diese woche keine antwort\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:jeden tag|täglich|so lange) (?:anrufen|schreiben|nachfragen)\b|\bbis mir jemand antwortet\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:schreibe|wende|melde|beschwere)\b[^.!?\n]{0,20}\b(?:geschäftsführung|geschäftsleitung|vorgesetzten|vorstand|chef|chefin)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:das ist|dies ist) (?:meine|die) (?:zweite|dritte|vierte|fünfte|\d+\.) (?:e-mail|mail|nachricht|anfrage|nachfrage)\b|\b(?:schon|bereits) (?:zweimal|dreimal|viermal|fünfmal|mehrmals|mehrfach|\w+ mal) (?:angerufen|geschrieben|nachgefragt)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:warte|warten) (?:ich |wir )?(?:immer noch|noch immer|nach wie vor)\b|\bimmer noch keine (?:antwort|rückmeldung)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bund zwar (?:bis |noch )?(?:heute|morgen|diese woche|sofort|umgehend|bis \w+)\b|\bheute noch\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bmeine (?:letzten |bisherigen )?(?:zwei|drei|vier|fünf|\d+|mehreren) (?:letzten )?(?:nachrichten|e-mails|mails|anrufe|anfragen)\b|\bunbeantwortet\b|\bhinterher(?:zu)?laufen\b|\bzwingen sie mich nicht\b`, NoNegation: true},

		// Ironie und passive Aggression.
		{Kind: FindingSarcasm, Pattern: `\b(?:vielen )?dank(?:e)? für nichts\b`},
		{Kind: FindingSarcasm, Pattern: `\bdanke,? dass sie (?:meine zeit verschwendet|mich ignorier\w*)|\bdanke\b[^.!?\n]{0,30}\bendlich\b|\bdanke für (?:die|diese) (?:automatische|standardisierte|vorgefertigte|unpersönliche) (?:absage|antwort|mail|e-mail)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:vielen )?dank(?:e)? auch\b|\bschönen dank auch\b`, Unless: `\bdank auch (?:dafür|für|an)\b`},
		{Kind: FindingSarcasm, Pattern: `\bdanke\W{0,6}(?:na ja,? )?(?:vermutlich|wahrscheinlich)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:herzlichen )?glückwunsch\w*,? dass sie\b[^.!?\n]{0,30}\b(?:billiger\w*|günstiger\w*|weniger qualifiziert\w*|freund\w*|neffen|cousin\w*)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:ganz|wirklich|super) toll (?:kommuniziert|organisiert|gemacht)\b|\bsuper (?:kommuniziert|organisiert)\b`},
		{Kind: FindingSarcasm, Pattern: `\bsehr professionell,? (?:das|die|den|einfach|mich)\b`},
		{Kind: FindingSarcasm, Pattern: `\bich hoffe,? sie sind mit ihrer (?:wahl|entscheidung) (?:glücklich|zufrieden)\b`},
		{Kind: FindingSarcasm, Pattern: `\bwie (?:bereits|schon) (?:in meinen?|mehrfach|mehrmals)\b[^.!?\n]{0,30}\b(?:erwähnt|geschrieben|mitgeteilt|gesagt)\b|\bfalls sie meine (?:bisherigen |letzten |vorherigen )?(?:e-mails|mails|nachrichten) übersehen haben\b`},
		{Kind: FindingSarcasm, Pattern: `\bich weiß ja,? dass sie (?:\w+ )?(?:beschäftigt|eingespannt)\b|\bdas mindeste gewesen\b`},
		{Kind: FindingSarcasm, Pattern: `\bdanke\b[^.!?\n]{0,40}\bfür nichts\b|(?:\.\.\.|…)\s*(?:oder )?(?:eben )?nicht\b`},
		{Kind: FindingSarcasm, Pattern: `\bich hoffe,? (?:die|der|dass die|dass der) (?:ausgewählte |neue |gewählte )?(?:person|kandidat\w*|bewerber\w*|wahl)\b[^.!?\n]{0,20}\b(?:es wert|wert ist|das wert)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:großartig|toll|super|wunderbar|prima|klasse),? (?:wieder|noch) (?:eine|so eine|einmal eine) (?:absage|ablehnung|standardmail)\b`},

		// Flehen.
		{Kind: FindingBegging, Pattern: `\bich flehe\b|\bich bitte sie inständig\b|\bich bettle\b|\bbitte,? bitte\b`},
		{Kind: FindingBegging, Pattern: `\b(?:überdenken|überlegen sie es sich noch einmal|noch einmal überlegen|umentscheiden)\b`, Unless: `\bbitte sie nicht\b`},
		{Kind: FindingBegging, Pattern: `\b(?:geben sie mir|gib mir) (?:noch )?(?:eine|einmal eine) (?:zweite |letzte |neue )?chance\b|\bwenn sie mir (?:noch )?eine chance geben\b`},
		{Kind: FindingBegging, Pattern: `\bich brauche (?:diesen|den|diese) (?:job|stelle|arbeit)\b`},
		{Kind: FindingBegging, Pattern: `\bich würde alles tun\b|\bsogar unbezahlt\b|\bunbezahlt\b|\bfür weniger gehalt\b|\bumsonst arbeiten\b`},
		{Kind: FindingBegging, Pattern: `\bich bin (?:völlig |total )?verzweifelt\b|\bam verzweifeln\b`},
		{Kind: FindingBegging, Pattern: `\bes sich anders überlegen\b|\bumstimmen\b|\b(?:gar )?nichts tun,? damit\b`, NoNegation: true},
		{Kind: FindingBegging, Pattern: `\bohne bezahlung\b|\bunentgeltlich\b|\bumsonst\b`, NoNegation: true},

		// Selbstabwertung.
		{Kind: FindingSelfDeprecation, Pattern: `\bich (?:bin|war) (?:einfach |so |wirklich |total |völlig |halt |eben )*(?:ein |eine )?(?:totaler |totale |kompletter |hoffnungsloser )?(?:versager|versagerin|niete|idiot|idiotin|hoffnungsloser fall|katastrophe|dumm|blöd|unfähig|nutzlos|wertlos|zu dumm|zu blöd)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\b(?:entschuldigen sie|entschuldigung|sorry|tut mir leid),? dass ich ihre zeit (?:verschwendet|gestohlen|in anspruch genommen)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bich\b[^.!?\n]{0,40}\bnicht gut genug\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bso finde ich nie\b|\bich (?:finde|werde) nie (?:einen|eine) (?:job|stelle|arbeit)\b|\bniemand wird mich (?:je|jemals) einstellen\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bbereue\b[^.!?\n]{0,40}\bbeworben\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bich kann (?:einfach |eben |halt )?(?:gar )?nichts\b`, Unless: `\bnichts dafür\b|\bnichts (?:versprechen|sagen|ändern)\b`, NoNegation: true},
		{Kind: FindingSelfDeprecation, Pattern: `\bmit meiner bewerbung (?:belästigt|behelligt|gestört)\b|\bich bin (?:eine )?(?:totale |komplette )?null\b`},

		// Rechtliche Drohungen.
		{Kind: FindingLegalThreat, Pattern: `\bmein(?:en|em|er|e)? (?:anwalt|anwältin|rechtsanwalt|rechtsanwältin|rechtsbeistand)\b|\banwalt einschalten\b|\brechtliche schritte\b|\bklage\w*\b|\bverklagen\b|\barbeitsgericht\w*\b|\bagg\b|\bentschädigung\w*\b|\bgleichbehandlungsgesetz\b|\bantidiskriminierungsstelle\b|\bich kenne meine rechte\b|\babmahnung\b|\bgerichtlich\w*\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:fachanwalt|fachanwältin|anwalt|anwältin|rechtsanwalt|rechtsanwältin)\b[^.!?\n]{0,30}\bberaten lassen\b|\banwaltlich(?:e|en)? (?:beraten|vertreten)\b`},
	},
}

// greetGerman writes "Sehr geehrte Frau Dr. Schulz," or "Sehr geehrter Herr Prof. Dr. Weber,"
// when Frau or Herr (or a title in another language) gives the gender, and "Guten Tag Katrin
// Schulz," otherwise; academic titles stay, as German custom has it.
func greetGerman(p personName) string {
	var titles strings.Builder
	for _, a := range p.academic {
		switch a {
		case "prof":
			titles.WriteString("Prof. ")
		case "dr":
			titles.WriteString("Dr. ")
		}
	}
	t := titles.String()
	switch {
	case p.empty():
		return "Guten Tag,"
	case p.kept:
		return "Guten Tag " + p.raw + ","
	case p.titled && p.gender == genderFemale:
		return "Sehr geehrte Frau " + t + p.family + ","
	case p.titled && p.gender == genderMale:
		return "Sehr geehrter Herr " + t + p.family + ","
	}
	return "Guten Tag " + t + p.names + ","
}
