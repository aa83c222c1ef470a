package messages

import (
	"strings"
	"unicode/utf8"
)

// French, in the formal register (vous). The candidate's own gender is never known, so the
// drafts avoid participles and adjectives that would agree with it ("déçu·e", "ravi·e",
// "m'avoir informé·e") and use "cette nouvelle me déçoit" or "m'avoir fait part" instead. The
// role partial has no article, so templates write "le poste", "du poste" and "au poste"; the
// "de" function elides before a vowel ("le poste d'Analyste", "l'équipe d'Initech").

func init() { register(&french) }

var french = language{
	Code: "fr",
	Name: "Français",

	Honorifics: map[string]honorific{
		"m":            {class: titleSocial, gender: genderMale},
		"monsieur":     {class: titleSocial, gender: genderMale},
		"mme":          {class: titleSocial, gender: genderFemale},
		"madame":       {class: titleSocial, gender: genderFemale},
		"mlle":         {class: titleSocial, gender: genderFemale},
		"mademoiselle": {class: titleSocial, gender: genderFemale},
		"docteur":      {class: titleAcademic, canon: "dr"},
		"docteure":     {class: titleAcademic, gender: genderFemale, canon: "dr"},
		"pr":           {class: titleAcademic, canon: "prof"},
		"professeur":   {class: titleAcademic, canon: "prof"},
		"professeure":  {class: titleAcademic, gender: genderFemale, canon: "prof"},
	},
	Greet: greetFrench,

	Drafts: draftTable{
		Funcs: map[string]any{"de": frenchDe},
		Partials: `
{{- define "role"}}poste{{if .Role}} {{de .Role}}{{end}}{{if .Company}} chez {{.Company}}{{end}}{{end}}
{{- define "team"}}{{if .Company}}l’équipe {{de .Company}}{{else}}votre équipe{{end}}{{end}}
{{- define "signoff"}}Bien cordialement{{if .Candidate}},
{{.Candidate}}{{end}}{{end}}`,

		Stages: map[string]stagePhrases{
			"":             {Thanks: "le temps que vous m’avez consacré", Noun: "ma candidature", Ref: "l’envoi de ma candidature"},
			"application":  {Thanks: "l’attention portée à ma candidature", Noun: "ma candidature", Ref: "l’envoi de ma candidature"},
			"screening":    {Thanks: "l’examen de ma candidature", Noun: "ma candidature", Ref: "l’envoi de ma candidature"},
			"phone_screen": {Thanks: "notre échange téléphonique", Noun: "mon entretien téléphonique", Ref: "notre entretien téléphonique"},
			"assessment":   {Thanks: "le temps consacré à mon évaluation", Noun: "mon évaluation", Ref: "la remise de mon évaluation"},
			"interview":    {Thanks: "le temps que vous avez consacré à mes entretiens", Noun: "mes entretiens", Ref: "mon entretien"},
			"final_round":  {Thanks: "notre rencontre lors des entretiens finaux", Noun: "mes entretiens finaux", Ref: "mes entretiens finaux"},
			"offer":        {Thanks: "l’attention portée à ma candidature jusqu’au stade de l’offre", Noun: "ma candidature", Ref: "nos échanges au sujet d’une offre"},
		},

		Contacts: map[string]string{
			"recruiter": "Merci également pour votre suivi tout au long du processus.",
			"hr":        "Merci également pour votre suivi tout au long du processus.",
		},

		Reasons: map[string]string{
			"skills_gap":     "En attendant, je travaille déjà les compétences que vous avez mentionnées.",
			"experience_gap": "En attendant, je continue d’acquérir l’expérience que vous avez mentionnée.",
		},

		Flex: map[string]flexPhrases{
			SectorGeneral:    {Subject: "Mission ponctuelle ou à temps partiel", Offer: "une mission ponctuelle, un temps partiel ou un contrat en freelance"},
			SectorMedicine:   {Subject: "Remplacements", Offer: "des remplacements"},
			SectorNursing:    {Subject: "Vacations ou missions d’intérim", Offer: "des vacations ou des missions d’intérim"},
			SectorTeaching:   {Subject: "Remplacements ou vacations", Offer: "des remplacements ou des vacations"},
			SectorSocialCare: {Subject: "Remplacements ou missions d’intérim", Offer: "des remplacements ou des missions d’intérim"},
		},

		Numbers: []string{"zéro", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"},

		Templates: map[Kind]draftTemplate{
			KindThankYou: {
				Subject: `{{if .Ghosted}}Merci pour le temps consacré à ma candidature{{if .Role}} au poste {{de .Role}}{{end}}{{else}}Merci pour votre réponse{{if .Role}} concernant le poste {{de .Role}}{{end}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Merci pour {{.Stage.Thanks}}. J’ai beaucoup apprécié de participer au processus de recrutement pour le {{template "role" .}}.
{{- else if .Cancelled}}Merci de m’avoir fait savoir que le {{template "role" .}} ne sera finalement pas pourvu, et merci pour {{.Stage.Thanks}}.
{{- else if eq .Channel "phone"}}Merci d’avoir pris le temps de m’appeler pour me faire part de votre décision concernant le {{template "role" .}}, et merci pour {{.Stage.Thanks}}. J’apprécie le soin que vous y avez apporté.
{{- else if eq .Channel "in_person"}}Merci de m’avoir fait part en personne de votre décision concernant le {{template "role" .}}, et merci pour {{.Stage.Thanks}}. J’apprécie le soin que vous y avez apporté.
{{- else}}Merci de m’avoir fait part de votre décision concernant le {{template "role" .}}, et merci pour {{.Stage.Thanks}}. J’apprécie le soin que vous y avez apporté.{{end}}
{{if .Spoke}}
Nos échanges m’ont beaucoup plu et m’ont permis de mieux connaître {{template "team" .}}. Je vous saurais gré de transmettre mes remerciements à toutes les personnes que j’ai rencontrées.
{{else}}
Je vous saurais gré de transmettre mes remerciements à toutes les personnes qui ont participé au processus.
{{end}}
{{if not .Ghosted}}{{.ContactLine}}{{end}}

{{if .Ghosted}}J’espère que nos chemins se croiseront à nouveau, et je vous souhaite, ainsi qu’à {{template "team" .}}, beaucoup de succès.
{{- else if .Cancelled}}Je comprends que les projets évoluent, et j’espère que nos chemins se croiseront à nouveau. Je vous souhaite, ainsi qu’à {{template "team" .}}, beaucoup de succès.
{{- else}}Même si cette nouvelle me déçoit, je respecte votre décision et j’espère que nos chemins se croiseront à nouveau. Je vous souhaite, ainsi qu’à {{template "team" .}}, beaucoup de succès.{{end}}

{{template "signoff" .}}`,
			},

			KindFeedbackRequest: {
				Subject: `Une question rapide au sujet {{if .Role}}du poste {{de .Role}}{{else}}de ma candidature{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Merci pour {{.Stage.Thanks}}. Je n’ai pas encore eu de nouvelles concernant le {{template "role" .}}.

Si vous avez décidé de ne pas donner suite à ma candidature, pourriez-vous m’indiquer le point qui aurait le plus renforcé {{.Stage.Noun}} ?
{{- else if .Cancelled}}Merci pour {{.Stage.Thanks}}. Je comprends que le {{template "role" .}} ne sera finalement pas pourvu, et je souhaite tout de même tirer des enseignements de ce processus.

Si vous en avez le temps, pourriez-vous m’indiquer un point que je pourrais améliorer pour la suite ?
{{- else}}Merci pour {{.Stage.Thanks}}. Je respecte votre décision concernant le {{template "role" .}}, et je souhaite en tirer des enseignements.

Si vous en avez le temps, pourriez-vous m’indiquer le point qui aurait le plus renforcé {{.Stage.Noun}} ?{{end}} Une phrase ou deux m’aideraient beaucoup, et je comprendrai tout à fait si ce n’est pas possible.
{{if .ResponseURL}}
Si c’est plus simple pour vous, vous pouvez répondre ici ; cela prend environ deux minutes : {{.ResponseURL}}
{{end}}
Merci encore, et très bonne continuation.

{{template "signoff" .}}`,
			},

			KindContinuedInterest: {
				Subject: `Futures opportunités{{if .Company}} chez {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Merci pour {{.Stage.Thanks}}. Quelle que soit l’issue pour le {{template "role" .}}, mon intérêt pour {{template "team" .}} reste entier.
{{- else if .Cancelled}}Merci encore pour {{.Stage.Thanks}}. Je comprends que le {{template "role" .}} ne sera finalement pas pourvu ; ce processus m’a tout de même donné envie de rejoindre {{template "team" .}}.
{{- else}}Merci encore pour {{.Stage.Thanks}}. Même si le {{template "role" .}} ne s’est pas concrétisé pour moi cette fois-ci, ce processus a renforcé mon intérêt pour {{template "team" .}}.{{if .ReasonLine}} {{.ReasonLine}}{{end}}{{end}}

{{if .Cancelled}}Si le poste est rouvert, ou si une autre opportunité correspond à mon profil, j’aimerais que vous pensiez à moi, et je suivrai vos offres avec attention.
{{- else}}J’aimerais que vous pensiez à moi pour de futures opportunités correspondant à mon profil, et je suivrai vos offres avec attention. Si un poste adapté se présente, ce sera un plaisir d’échanger avec vous.{{end}}

{{template "signoff" .}}`,
			},

			KindCheckIn: {
				Subject: `Rester en contact{{if .Company}} avec {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

J’espère que ces dernières semaines se sont bien passées pour vous. {{if .Spoke}}Nous avons échangé il y a quelque temps au sujet du {{template "role" .}}{{else if .Ghosted}}J’ai postulé il y a quelque temps au {{template "role" .}}{{else}}Nous avons été en contact il y a quelque temps au sujet du {{template "role" .}}{{end}}, et je souhaitais simplement vous adresser un petit mot.

Je garde un vif intérêt pour {{template "team" .}} et pour votre travail. {{if .Cancelled}}Si le poste est relancé ou si un besoin similaire apparaît, ce sera un plaisir d’avoir de vos nouvelles ; sinon, inutile de me répondre.{{else}}Inutile de me répondre ; je tenais simplement à rester en contact.{{end}}

{{template "signoff" .}}`,
			},

			KindContractInquiry: {
				Subject: `{{.Flex.Subject}}{{if .Company}} chez {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Merci pour {{.Stage.Thanks}}. Quelle que soit l’issue pour le {{template "role" .}}, je me permets aussi de proposer mon aide à {{template "team" .}} sous une forme plus souple, par exemple {{.Flex.Offer}}.
{{- else if .Cancelled}}Merci encore pour {{.Stage.Thanks}}. Je comprends que le {{template "role" .}} ne sera finalement pas pourvu. Si le travail prévu reste à faire, je me permets de proposer mon aide à {{template "team" .}}, par exemple {{.Flex.Offer}}.
{{- else}}Merci encore pour {{.Stage.Thanks}}. Je comprends que le {{template "role" .}} ne s’est pas concrétisé pour moi cette fois-ci, et je me permets de proposer mon aide à {{template "team" .}} sous une forme plus souple, par exemple {{.Flex.Offer}}.{{end}}

Si un tel besoin se présente, j’en discuterai volontiers avec vous au moment qui vous conviendra.

{{template "signoff" .}}`,
			},

			KindStatusFollowUp: {
				Subject: `Suivi de ma candidature{{if .Role}} au poste {{de .Role}}{{end}}`,
				Body: `{{.Greeting}}

J’espère que vous allez bien. {{if .Weeks}}Je me permets de revenir vers vous : {{if eq .Weeks 1}}une semaine s’est écoulée{{else}}{{.WeeksWord}} semaines se sont écoulées{{end}} depuis {{.Stage.Ref}} pour le {{template "role" .}}.{{else}}Je me permets de revenir brièvement vers vous au sujet du {{template "role" .}}.{{end}}

Je sais que ces décisions peuvent prendre du temps et que les projets évoluent parfois. Lorsque vous aurez un moment, pourriez-vous me dire où en est le processus ? Si ma candidature n’est pas retenue, un court message serait tout aussi bienvenu.

Je garde un vif intérêt pour {{template "team" .}}, et je suivrai avec attention vos futures offres.

{{template "signoff" .}}`,
			},

			KindFeedbackThanks: {
				Subject: `Merci pour votre retour{{if .Role}} sur le poste {{de .Role}}{{end}}`,
				Body: `{{.Greeting}}

Merci d’avoir pris le temps de me faire part de vos remarques sur {{.Stage.Noun}} pour le {{template "role" .}}. Des retours aussi francs sont rares, et je les apprécie sincèrement.

Ils me donnent des pistes de travail concrètes, et je m’en servirai pour préparer mes prochaines candidatures.

J’espère que nos chemins se croiseront à nouveau, et je vous souhaite, ainsi qu’à {{template "team" .}}, beaucoup de succès.

{{template "signoff" .}}`,
			},
		},
	},

	Misfits: map[misfit]string{
		misfitUnknownKind:      "Ce type de brouillon n’existe pas.",
		misfitNoDecisionYet:    "L’employeur ne vous a pas encore fait part de sa décision : il est donc trop tôt pour l’en remercier. Envoyez plutôt une seule relance polie (status-follow-up).",
		misfitAskStatusFirst:   "L’employeur n’a pas encore répondu. Demandez une fois où en est le processus (status-follow-up) ; sollicitez un retour une fois qu’il vous aura répondu.",
		misfitFeedbackReceived: "Son retour vous est déjà parvenu. Remerciez-le (feedback-thanks) plutôt que de le redemander.",
		misfitFeedbackDeclined: "L’employeur a indiqué préférer ne pas faire de retour. Insister nuit à la relation ; un message d’intérêt pour de futurs postes (continued-interest) garde la porte ouverte.",
		misfitRoleCancelled:    "Le poste a été supprimé : l’issue en dit donc peu sur votre candidature. Un message d’intérêt pour de futurs postes (continued-interest) ou une proposition d’aide plus souple (contract-inquiry) conviennent mieux.",
		misfitNoFeedbackYet:    "Aucun retour n’est encore arrivé. Demandez-en un d’abord (feedback-request).",
		misfitDecisionSent:     "L’employeur vous a déjà fait part de sa décision. Une relance n’a de sens que si vous n’avez reçu aucune réponse ; un message de remerciement (thank-you) convient mieux.",
		misfitAwaitingReply:    "L’employeur n’a pas encore répondu. Limitez-vous à une seule relance polie (status-follow-up) ; d’autres messages avant sa réponse seraient perçus comme une pression.",
		misfitNoRelationship:   "L’employeur ne vous a pas encore répondu : lui proposer une autre forme de collaboration suppose une relation qu’il n’a pas encore montrée. Relancez d’abord une fois sur l’état du processus (status-follow-up).",
		misfitNotMetYet:        "Vous n’avez encore échangé avec personne dans l’entreprise : un message pour garder le contact a peu sur quoi s’appuyer. Un message d’intérêt pour de futurs postes (continued-interest) dit la même chose sans présumer d’une relation.",
	},

	SectorWords: map[string][]string{
		SectorMedicine: {"médecin", "chirurgien", "chirurgienne", "pédiatre", "anesthésiste", "psychiatre", "radiologue",
			"cardiologue", "généraliste", "praticien hospitalier", "praticienne hospitalière", "interne en médecine",
			"pharmacien", "pharmacienne", "dentiste", "chirurgien dentiste", "vétérinaire"},
		SectorNursing: {"infirmier", "infirmière", "sage femme", "aide soignant", "aide soignante", "kinésithérapeute",
			"masseur kinésithérapeute", "manipulateur radio", "manipulatrice radio", "ibode", "iade", "ide"},
		SectorTeaching: {"enseignant", "enseignante", "professeur", "professeure", "professeur des écoles",
			"instituteur", "institutrice", "formateur", "formatrice", "conseiller principal d éducation"},
		SectorSocialCare: {"auxiliaire de vie", "aide à domicile", "assistant social", "assistante sociale",
			"assistant de service social", "assistante de service social", "éducateur spécialisé", "éducatrice spécialisée",
			"accompagnant éducatif et social", "accompagnante éducative et sociale", "aes", "moniteur éducateur", "monitrice éducatrice"},
	},

	Page: PageText{
		CandidateFallback:  "la personne candidate",
		FormTitle:          "Votre retour pour {candidate}",
		Lead:               "{candidate} a postulé au poste « {role} » chez {company} et aimerait beaucoup recevoir quelques mots sincères pour progresser. Cela prend environ deux minutes.",
		Requirements:       "Tous les champs sont facultatifs, mais indiquez au moins un point fort, une suggestion ou un commentaire, ou choisissez « Nous préférons ne pas faire de retour ».",
		NoteLabel:          "Message de la personne candidate :",
		ErrorsHeading:      "Veuillez vérifier le formulaire :",
		StrengthsLegend:    "Ce qui a bien fonctionné",
		ImprovementsLegend: "Ce qui aurait renforcé la candidature",
		StrengthArea:       "Point fort {n} — domaine",
		StrengthDetail:     "Point fort {n} — précisions",
		ImprovementArea:    "Axe de progrès {n} — domaine",
		ImprovementDetail:  "Axe de progrès {n} — suggestion",
		SummaryLabel:       "Autre chose à ajouter",
		AuthorNameLabel:    "Votre nom (facultatif)",
		AuthorRoleLabel:    "Votre fonction (facultatif)",
		SubmitButton:       "Envoyer mon retour",
		DeclineButton:      "Nous préférons ne pas faire de retour",
		Categories: []PageOption{
			{"skills", "Compétences"}, {"experience", "Expérience"}, {"interview_performance", "Performance en entretien"},
			{"communication", "Communication"}, {"preparation", "Préparation"}, {"culture_fit", "Adéquation avec l’équipe"},
			{"technical_depth", "Profondeur technique"}, {"motivation", "Motivation"}, {"compensation", "Prétentions salariales"},
			{"other", "Autre"},
		},
		LanguageLabel:          "Langue",
		Footer:                 "Cette demande a été envoyée via Rebound au nom de la personne candidate. Rebound enregistre votre réponse et la transmet à la personne candidate par la plateforme emploi qu’elle utilise, qui la reçoit via l’API et les webhooks de Rebound.",
		RespondedTitle:         "Merci",
		RespondedMessage:       "Votre retour sera transmis à {candidate} par sa plateforme emploi. Merci d’avoir pris ce temps : cela compte vraiment.",
		DeclinedTitle:          "Merci",
		DeclinedMessage:        "C’est noté : sa plateforme emploi indiquera à {candidate} que vous préférez ne pas faire de retour. Merci d’y avoir réfléchi.",
		AlreadyAnsweredTitle:   "Demande déjà traitée",
		AlreadyAnsweredMessage: "Cette demande de retour a déjà reçu une réponse. Merci, il n’y a plus rien à faire.",
		ExpiredTitle:           "Lien expiré",
		ExpiredMessage:         "Ce lien a expiré ou a été retiré. Aucune réponse n’est nécessaire.",
		NotFoundTitle:          "Lien introuvable",
		NotFoundMessage:        "Ce lien n’est pas valide. Vérifiez que vous avez bien copié le lien en entier.",
		TooLongTitle:           "Réponse trop longue",
		TooLongMessage:         "Le formulaire n’a pas pu être lu ; raccourcissez votre réponse et réessayez.",
		ReloadTitle:            "Veuillez recharger la page",
		ReloadMessage:          "Ce formulaire a expiré ou ne provient pas de cette page. Rouvrez le lien et réessayez.",
		ErrorCategory:          "Veuillez choisir un domaine dans la liste.",
		ErrorNothingGiven:      "Indiquez au moins un point fort, une suggestion ou un commentaire, ou choisissez « Nous préférons ne pas faire de retour ».",
		ErrorInvalidField:      "Un champ est trop long ou n’est pas valide. Vérifiez vos réponses et réessayez.",
	},

	Tone: frenchTone,
	StopWords: strings.Fields(`le la les de des du un une et est pas je j vous votre vos nous notre pour dans sur avec ce cette ces c qu
		que qui mon ma mes ne n suis ai au aux bien très mais ou si été être avoir d l m s en il elle on y tout plus sans aussi
		même fait comme cela ça leur a avant après chez depuis entre encore déjà toujours rien moi lui eux ici là gens était étais sont ont avez avons peut faut fois cet ceux celle dont où quand alors donc car puis vrai vraiment me
		aujourd hui bon bonne ceci celui chose comment deux dire elles enfin faire ils jour leurs lors mal moins mois
		non nos parce parfois peu pourquoi quelque quelques semaine semaines seul seulement soit son sa ses souvent
		temps toute toutes trop vers voilà tant façon bon`),
	Markers: strings.Fields(`merci bonjour cordialement madame monsieur salutations beaucoup entretien entretiens candidature poste
		recrutement réponse décision équipe`),
	Endings: strings.Fields("eux euse aux ement ais ait oir ique"),
}

// frenchTone is the French tone check. Its negations know both halves of "ne … pas" and the
// elided "n'" ("je n'exige rien"), and the courteous formulas of French letters ("dans
// l'attente de votre retour", "je vous prie d'agréer…") are left alone.
var frenchTone = toneTable{
	Advice: map[string]advice{
		FindingHostile: {"Les insultes et le mépris ferment la porte pour de bon ; les recruteurs changent d’entreprise et se souviennent du ton.",
			"Supprimez-le ; si quelque chose s’est mal passé, dites-le une fois, brièvement et sobrement, ou pas du tout."},
		FindingBlame: {"Accuser l’employeur suppose de la mauvaise foi ; la plupart des décisions de recrutement sont serrées et professionnelles, pas personnelles.",
			"Parlez de ce que vous feriez autrement, ou demandez ce qui aurait renforcé votre candidature."},
		FindingDemands: {"Personne ne doit d’explication à un candidat ; une exigence ne laisse aucune façon aimable de dire oui.",
			"Formulez-le comme une faveur : « Accepteriez-vous de me dire… ? »"},
		FindingSelfDeprecation: {"Des mots si durs sur vous-même vous desservent auprès de votre lecteur, et à vos propres yeux ; un refus est une décision, pas un verdict sur votre valeur.",
			"Supprimez-le, ou citez un point précis sur lequel vous travaillez déjà."},
		FindingSarcasm: {"L’ironie et les rappels appuyés sonnent comme du mépris, et votre lecteur répondra au ton plutôt qu’aux mots.",
			"Dites simplement ce que vous souhaitez : « Pourriez-vous me dire où en est le processus ? »"},
		FindingBegging: {"Supplier met votre lecteur dans l’embarras et change rarement une décision déjà prise.",
			"Dites que votre intérêt demeure et que de futurs postes vous intéressent ; la porte reste ouverte, avec dignité."},
		FindingPushyFollowUp: {"Les délais et les relances répétées mettent la pression sur ce qui reste une courtoisie, et rendent une réponse moins probable.",
			"Relancez une seule fois, sans délai imposé : « Lorsque vous aurez un moment, pourriez-vous me dire où en est le processus ? »"},
		FindingLegalThreat: {"Une menace juridique dans une réponse rompt la relation et ne sera pas entendue comme vous le souhaitez ; une réclamation a ses propres voies.",
			"Gardez ce message courtois, ou ne l’envoyez pas. Si vous pensez avoir été traité de façon illégale, faites-le valoir séparément par la voie appropriée : la procédure de réclamation de l’employeur, un conseiller en droit du travail ou un avocat."},
	},
	Shouting:    advice{"Les majuscules se lisent comme des cris, même quand les mots sont calmes.", "Écrivez en minuscules ; si un mot doit ressortir, laissez la phrase le porter."},
	Punctuation: advice{"La ponctuation redoublée trahit l’agacement ou l’ironie.", "Un point, ou un seul point d’interrogation, suffit."},
	TooLong: advice{"Une réponse à un refus doit se lire en quelques secondes ; les longues ont tendance à argumenter et sont rarement lues jusqu’au bout.",
		"Réduisez-la à quelques phrases : un remerciement, une question ou un souhait, et une formule de politesse."},

	Negators:        []string{"ne", "pas", "jamais", "sans", "aucun", "aucune", "ni", "guère", "nullement"},
	NegatorPrefixes: []string{"n'", "n’"},
	NegatorsAfter:   []string{"rien", "jamais", "aucun", "aucune"},
	NotNegation:     []string{"n’importe", "n'importe", "pas seulement", "non seulement"},
	ClauseBreaks:    []string{"mais", "cependant", "pourtant", "toutefois", "néanmoins"},
	Warm: []string{"merci", "infiniment", "~génia", "~super", "~adoré", "~ravi", "~formidable", "~magnifique", "~merveilleu",
		"chaleureusement", "félicitations", "reconnaissant", "reconnaissante"},
	WarmFillers: []string{"un", "une", "beaucoup", "mille", "à", "tous", "toute", "équipe", "pour", "tout", "encore", "grand", "votre", "temps", "et"},
	Acronyms:    []string{"CDI", "CDD", "RGPD", "PME", "SNCF", "DRH", "RH", "DSI", "DPO", "PDG", "DG", "BTS", "IUT", "CNIL", "SMIC"},

	Phrases: []phrase{
		// Hostilité et mépris.
		{Kind: FindingHostile, Pattern: `\b(?:incompétent(?:e|s|es)|incapables?|guignols?|clowns|amateurs|bras cassés|nuls|branquignols)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:blague|mascarade|farce|cirque|arnaque|plaisanterie|pagaille|foutoir|bordel|foutage de gueule|honteu(?:x|se))\b|\bquelle honte\b|\bc['’]est (?:une )?honte\b|\bdu grand n['’]importe quoi\b|\bc['’]est n['’]importe quoi\b`},
		{Kind: FindingHostile, Pattern: `\btant pis pour vous\b|\bc['’]est vous qui y perdez\b|\bvous y perdez\b`},
		{Kind: FindingHostile, Pattern: `\bj['’]espère que (?:votre|cette) (?:boîte|entreprise|société|start-?up|agence)\b[^.!?\n]{0,25}\b(?:coule|couler|fasse faillite|ferme|sombre|disparaisse)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:vous m['’]avez|m['’]avoir) fait perdre (?:mon|du) temps\b|\bune perte de temps\b`},
		{Kind: FindingHostile, Pattern: `\bvous (?:allez le|le) regretter\b|\bvous allez regretter\b|\bvous le regretterez\b`},
		{Kind: FindingHostile, Pattern: `\bje vais (?:raconter|dire|écrire|publier|prévenir)\b[^.!?\n]{0,20}\b(?:partout|à tout le monde|sur les réseaux|glassdoor|linkedin)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:la moins|pas très|peu|pas du tout) professionnel(?:le)?s?\b|\bméprisant(?:e|s|es)?\b|\bodieu(?:x|se)\b|\bgrossier(?:e|s|es)?\b`},
		{Kind: FindingHostile, Pattern: `\bvous vous foutez\b|\bse foutre de\b`},
		{Kind: FindingHostile, Pattern: `\bn['’]y conna(?:ît|it|issent) rien\b|\bn['’](?:a|ont) aucune idée\b`, NoNegation: true},
		{Kind: FindingHostile, Pattern: `\b(?:un )?(?:vrai |véritable |complet |total )?chaos\b|\bune catastrophe\b`},

		// Accuser l'employeur.
		{Kind: FindingBlame, Pattern: `\binjuste(?:s|ment)?\b|\binjustice\b`, Unless: `\binjuste de ma part\b`},
		{Kind: FindingBlame, Pattern: `\btruqué(?:e|s|es)?\b|\bjoué d['’]avance\b|\bdécidée? d['’]avance\b|\bdéjà (?:choisi|retenu|trouvé) (?:quelqu['’]un|votre candidat)\b|\bla décision était (?:déjà )?prise\b`},
		{Kind: FindingBlame, Pattern: `\bvous n['’]avez (?:même )?pas (?:lu|regardé|ouvert|écouté)\b|\bn['’]a (?:même )?pas (?:lu|regardé|ouvert)\b|\bpersonne n['’]a (?:pris la peine|lu|regardé|ouvert)\b|\bn['’]a pas écouté un (?:seul )?mot\b|\bjamais ouvert mon\b`},
		{Kind: FindingBlame, Pattern: `\bpréjugés? contre moi\b|\b(?:à cause|en raison) de mon (?:âge|origine|accent|sexe|genre|handicap|nom)\b|\bdiscrimin\w+\b`},
		{Kind: FindingBlame, Pattern: `\b(?:vous faites|vous avez fait|c['’]est) une (?:grave |grosse |énorme )?erreur\b`},
		{Kind: FindingBlame, Pattern: `\bvotre (?:processus|recrutement|organisation)\b[^.!?\n]{0,25}\b(?:désorganisé|chaotique|bancal|pagaille|n['’]importe quoi)\b`},
		{Kind: FindingBlame, Pattern: `\bvous ne m['’]avez (?:jamais|pas) (?:laissé|donné) (?:ma|une|la moindre) chance\b`},
		{Kind: FindingBlame, Pattern: `\bavant de (?:rejeter|juger|écarter) (?:les gens|les candidats|quelqu['’]un)\b`},
		{Kind: FindingBlame, Pattern: `\bpiston(?:né|née|nés|nées)?\b|\bnépotisme\b|\bfavoritisme\b|\bcopinage\b|\bpar relations\b`},
		{Kind: FindingBlame, Pattern: `\b(?:cherchiez|vouliez|préfériez|avez préféré|avez choisi) (?:clairement |manifestement |visiblement )?(?:quelqu['’]un|une personne|un profil|un candidat) (?:de )?(?:plus jeune|plus âgée?|moins cher|moins chère)\b`},

		// Exigences.
		{Kind: FindingDemands, Pattern: `\bj['’](?:exige|insiste)\b|\bje (?:vous )?(?:exige|somme)\b|\bnous exigeons\b`},
		{Kind: FindingDemands, Pattern: `\bvous me devez\b`},
		{Kind: FindingDemands, Pattern: `\bje veux (?:savoir|une explication|comprendre pourquoi|des explications)\b`},
		{Kind: FindingDemands, Pattern: `\bje mérite (?:de savoir|une explication|une réponse|des explications)\b|\bj['’]ai le droit de savoir\b`},
		{Kind: FindingDemands, Pattern: `\bvous devez (?:me (?:donner|faire|dire|expliquer|envoyer|fournir)|m['’](?:expliquer|envoyer))\b`},
		{Kind: FindingDemands, Pattern: `(?:^|[.!?]\s*|\n)((?:dites|expliquez|envoyez|donnez)-moi (?:qui|pourquoi|ce|les|le|la|mes|mon|ma)\b)`},
		{Kind: FindingDemands, Pattern: `\bj['’]attends (?:une|des) (?:explications?|justifications?|excuses)\b`},
		{Kind: FindingDemands, Pattern: `\b(?:j['’]ai besoin|je veux|j['’]exige) que vous (?:m['’]expliquiez|me disiez|me donniez|me répondiez)\b`},

		// Relances insistantes.
		{Kind: FindingPushyFollowUp, Pattern: `\bj['’]attends (?:une |votre )?(?:réponse|retour|décision|explications?)\b[^.!?\n]{0,20}\b(?:d['’]ici|avant|au plus tard)\b|\b(?:répondre|répondez|réponse|retour|rappeler|rappelez)\b[^.!?\n]{0,15}\b(?:aujourd['’]hui(?: même)?|ce soir|demain|avant (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la fin)|d['’]ici (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|la fin)|au plus vite|au plus tôt|dès que possible|immédiatement|sans délai|en urgence)\b`,
			Unless: `\bsi (?:possible|vous avez|c['’]est possible)\b|\bje (?:dois|devrai) (?:y )?répondre\b|\bune autre proposition\b|\bsinon aucun souci\b|\binutile de\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bsans (?:nouvelles?|réponse|retour) de votre part (?:d['’]ici|avant)\b|\bsi je n['’]ai pas de (?:réponse|nouvelles|retour)\b[^.!?\n]{0,30}\b(?:d['’]ici|avant|cette semaine|demain|j['’]écrirai|je contacterai)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bje (?:rappellerai|relancerai|appellerai|écrirai)\b[^.!?\n]{0,15}\b(?:tous les jours|chaque jour|jusqu['’]à)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:j['’]écrirai|je contacterai|j['’]appellerai|je m['’]adresserai)\b[^.!?\n]{0,25}\b(?:votre|au|à votre) (?:pdg|directeur|directrice|dg|patron|supérieur|manager|n\+1)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:c['’]est|voici) (?:mon|ma|le|la) (?:deuxième|troisième|quatrième|cinquième|\d+e) (?:mail|message|relance|e-mail|courriel|tentative|appel)\b|\bje vous ai (?:déjà )?(?:appelée?|écrit|relancée?) (?:deux|trois|quatre|cinq|plusieurs|\d+) fois\b|\bpour la (?:deuxième|troisième|quatrième|\d+e) fois\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bj['’]attends toujours\b|\btoujours (?:pas de|aucune) (?:réponse|nouvelles)\b|\btoujours en attente\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bje (?:la|le|les) (?:veux|attends|exige)\b[^.!?\n]{0,15}\b(?:cette semaine|aujourd['’]hui|demain|avant|d['’]ici)\b|\bau plus tard (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|cette semaine|le \d+)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bmes (?:deux|trois|quatre|cinq|\d+|nombreux|multiples) (?:derniers |précédents )?(?:messages|mails|e-mails|courriels|appels|relances)\b|\bne m['’]obligez pas à\b`, NoNegation: true},

		// Ironie et agressivité passive.
		{Kind: FindingSarcasm, Pattern: `\bmerci pour rien\b|\bmerci du cadeau\b|\bmerci bien pour (?:rien|ça)\b`},
		{Kind: FindingSarcasm, Pattern: `\bmerci (?:de|d['’]|pour) (?:m['’]avoir fait perdre|avoir enfin|enfin|le (?:mail|message|courriel) (?:de refus )?automatique|le refus automatique|la réponse automatique|m['’]avoir ignorée?)`},
		{Kind: FindingSarcasm, Pattern: `\bmerci\W{0,6}(?:enfin,? )?je suppose\b`},
		{Kind: FindingSarcasm, Pattern: `\bquelle délicatesse\b|\bquelle élégance\b|\bquel professionnalisme\b|\bencore bravo\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:félicitations|bravo) (?:pour|d['’]avoir) (?:avoir )?(?:embauché|recruté|choisi|trouvé)\b[^.!?\n]{0,30}\b(?:moins cher|moins chère|moins qualifiée?|moins expérimentée?|pistonnée?|copain|copine|neveu|nièce|cousin|cousine)\b|\bbravo pour (?:la communication|l['’]organisation|le suivi|votre réactivité)\b`},
		{Kind: FindingSarcasm, Pattern: `\btrès professionnel (?:d['’]|de )`},
		{Kind: FindingSarcasm, Pattern: `\bj['’]espère que vous êtes (?:contents?|satisfaits?|fiers?) de votre (?:choix|décision)\b`},
		{Kind: FindingSarcasm, Pattern: `\bcomme (?:indiqué|mentionné|précisé|dit|écrit) dans mes (?:\w+ )?(?:derniers |précédents )?(?:mails|messages|courriels|e-mails)\b|\bau cas où vous n['’]auriez pas (?:vu|lu|reçu) mes\b|\bcomme je vous l['’]ai (?:déjà )?(?:dit|écrit|indiqué)\b`},
		{Kind: FindingSarcasm, Pattern: `\bje me doute que vous êtes (?:très |bien )?(?:débordée?s?|occupée?s?|pris),? mais\b|\bla moindre des choses\b`},
		{Kind: FindingSarcasm, Pattern: `\bmerci\b[^.!?\n]{0,60}\bpour rien\b|(?:\.\.\.|…)\s*(?:ou )?pas\b`},
		{Kind: FindingSarcasm, Pattern: `\bj['’]espère que (?:la personne|le candidat|la candidate|votre choix|l['’]heureux élu|l['’]heureuse élue)\b[^.!?\n]{0,25}\ben vaut la peine\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:génial|super|formidable|parfait|merveilleux|chouette),? (?:encore un|encore une|un nouveau|une nouvelle|encore) (?:refus|rejet|mail|non)\b`},

		// Supplications.
		{Kind: FindingBegging, Pattern: `\bje vous en (?:supplie|conjure)\b|\bje vous (?:supplie|implore)\b`},
		{Kind: FindingBegging, Pattern: `\brevenir sur votre décision\b|\breconsidér\w+\b|\bréfléchi(?:ssez|r)[- ]y (?:encore|à nouveau)\b|\bchanger d['’]avis\b`},
		{Kind: FindingBegging, Pattern: `\b(?:donnez|accordez|laissez)-moi (?:une|ma|une autre|une seconde|une dernière|une nouvelle) (?:autre |seconde |dernière )?(?:chance|occasion)\b|\bsi vous me donniez (?:ma|une) chance\b`},
		{Kind: FindingBegging, Pattern: `\bj['’]ai (?:vraiment |tellement )?besoin de ce (?:poste|travail|job|boulot)\b`},
		{Kind: FindingBegging, Pattern: `\bje ferais n['’]importe quoi\b|\bje suis prête? à tout\b|\bmême gratuitement\b|\bj['’]accepterais un salaire (?:plus bas|inférieur|moindre)\b`},
		{Kind: FindingBegging, Pattern: `\bje suis désespérée?\b`},
		{Kind: FindingBegging, Pattern: `\bs['’]il vous plaît,? s['’]il vous plaît\b|\b(?:rien|quelque chose) que je puisse faire\b`, NoNegation: true},
		{Kind: FindingBegging, Pattern: `\bsans être payée?\b|\bbénévolement\b|\bgratuitement\b|\bsans salaire\b`, NoNegation: true},

		// Autodénigrement.
		{Kind: FindingSelfDeprecation, Pattern: `\bje suis (?:vraiment |tellement |trop |complètement |totalement )*(?:nul(?:le)?|bête|idiote?|incapable|incompétente?|minable|une? (?:vraie? )?(?:quiche|catastrophe|ratée?|idiote?|imbécile|nullité))\b|\bje ne suis bon(?:ne)? à rien\b|\bje ne vaux rien\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\b(?:désolée?|pardon|excusez-moi) (?:de|d['’]|pour) (?:vous )?avoir fait perdre (?:votre|du) temps\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bje (?:savais|sais) que je n['’](?:étais|suis) pas à la hauteur\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bje ne trouverai jamais (?:de )?(?:travail|emploi|poste|boulot)\b|\bpersonne ne voudra (?:jamais )?(?:de moi|m['’]embaucher)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bje regrette (?:même )?d['’]avoir postulé\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bvous avoir dérangée?s? avec ma candidature\b`},

		// Menaces juridiques.
		{Kind: FindingLegalThreat, Pattern: `\bmon avocate?\b|\bun avocat\b|\bmon conseil juridique\b|\bprud['’]?hom\w*\b|\bpoursuites?(?: judiciaires)?\b|\bporter plainte\b|\bplainte\b|\bprocès\b|\btribunal\b|\bmise en demeure\b|\bdéfenseur des droits\b|\binspection du travail\b|\bje connais mes droits\b|\ben justice\b`},
		{Kind: FindingLegalThreat, Pattern: `\bcourrier de mon (?:conseil|avocat)\b|\b(?:consulté|contacté|mandaté|saisi) (?:un|une|mon|ma) (?:avocate?|juriste)\b`},
	},
}

// greetFrench writes "Madame Schulz," or "Monsieur Weber," when a title gives the gender (French
// does not put Dr or Pr in a salutation), and "Bonjour Helen Marsh," otherwise.
func greetFrench(p personName) string {
	switch {
	case p.empty():
		return "Bonjour,"
	case p.kept:
		return "Bonjour " + p.raw + ","
	case p.titled && p.gender == genderFemale:
		return "Madame " + p.family + ","
	case p.titled && p.gender == genderMale:
		return "Monsieur " + p.family + ","
	}
	return "Bonjour " + p.names + ","
}

// frenchDe writes the preposition "de" before s, elided before a vowel: "de Contoso",
// "d’Initech", "d’Analyste". Elision before an h is not attempted, because whether the h is
// mute cannot be told from the spelling of a name.
func frenchDe(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U', 'Y',
		'à', 'â', 'é', 'è', 'ê', 'ë', 'î', 'ï', 'ô', 'û', 'ù', 'É', 'È', 'Ê', 'Â', 'Î', 'Ô', 'Û':
		return "d’" + s
	}
	return "de " + s
}
