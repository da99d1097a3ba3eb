/**
 * Phrase banks for the synthetic directory, in Arabic, English and French, written to read as a
 * real listing would (short sentences, Modern Standard Arabic). The generator assembles names,
 * descriptions, addresses, hours notes, vacancy notices and rights articles from them; category
 * and place names come from content/. Everything generated is a sample: names end in
 * "(مثال)" / "(sample)" / "(exemple)" and contacts use the sample forms (+2180000NNNN, example.org).
 */

export type Locale = "ar" | "en" | "fr";
export type Tri = Record<Locale, string>;

export const SAMPLE_SUFFIX: Tri = { ar: " (مثال)", en: " (sample)", fr: " (exemple)" };

/** French "de" before a place name: de Tripoli, d'Ajdabiya, du Caire, de La Valette. */
export function frOf(name: string): string {
  if (name.startsWith("Le ")) return `du ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÀÂÉÈÊÎÏÔÖÛÜ]/i.test(name)) return `d'${name}`;
  return `de ${name}`;
}

/** French "à" before a place name: à Tripoli, au Caire, à La Valette. */
export function frAt(name: string): string {
  if (name.startsWith("Le ")) return `au ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** French "in <country>" (en Libye, au Royaume-Uni, à Malte, aux États-Unis). */
const FRENCH_COUNTRY_PREPOSITION: Record<string, string> = {
  libya: "en Libye",
  tunisia: "en Tunisie",
  egypt: "en Égypte",
  turkey: "en Turquie",
  malta: "à Malte",
  italy: "en Italie",
  germany: "en Allemagne",
  "united-kingdom": "au Royaume-Uni",
  france: "en France",
  jordan: "en Jordanie",
  "united-arab-emirates": "aux Émirats arabes unis",
  qatar: "au Qatar",
  malaysia: "en Malaisie",
  "united-states": "aux États-Unis",
  canada: "au Canada",
  ireland: "en Irlande",
};

export function frInCountry(slug: string, name: string): string {
  return FRENCH_COUNTRY_PREPOSITION[slug] ?? `en ${name}`;
}

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`phrase: no value for {${key}} in "${template}"`);
    return value;
  });

// ————————————————————————————————————————— organizations

/** Words Libyan associations are named after, with their usual Latin spellings. */
export const ORGANIZATION_WORDS: { ar: string; en: string; fr: string }[] = [
  { ar: "الأمل", en: "Al-Amal", fr: "Al-Amal" },
  { ar: "النور", en: "Al-Nour", fr: "An-Nour" },
  { ar: "الرحمة", en: "Al-Rahma", fr: "Ar-Rahma" },
  { ar: "الوفاء", en: "Al-Wafa", fr: "Al-Wafa" },
  { ar: "البسمة", en: "Al-Basma", fr: "Al-Basma" },
  { ar: "الخير", en: "Al-Khair", fr: "Al-Khaïr" },
  { ar: "السلام", en: "Al-Salam", fr: "As-Salam" },
  { ar: "الغد", en: "Al-Ghad", fr: "Al-Ghad" },
  { ar: "التضامن", en: "Al-Tadamun", fr: "At-Tadamoun" },
  { ar: "الكرامة", en: "Al-Karama", fr: "Al-Karama" },
  { ar: "الفجر", en: "Al-Fajr", fr: "Al-Fajr" },
  { ar: "الإخاء", en: "Al-Ikhaa", fr: "Al-Ikhaa" },
  { ar: "الأمان", en: "Al-Aman", fr: "Al-Aman" },
  { ar: "البركة", en: "Al-Baraka", fr: "Al-Baraka" },
  { ar: "الواحة", en: "Al-Waha", fr: "Al-Waha" },
  { ar: "الصفاء", en: "Al-Safa", fr: "As-Safa" },
  { ar: "الإحسان", en: "Al-Ihsan", fr: "Al-Ihsan" },
  { ar: "جسور", en: "Jusour", fr: "Joussour" },
  { ar: "بادر", en: "Badir", fr: "Badir" },
  { ar: "نبض", en: "Nabd", fr: "Nabd" },
  { ar: "سند", en: "Sanad", fr: "Sanad" },
  { ar: "رفيق", en: "Rafiq", fr: "Rafik" },
  { ar: "الشروق", en: "Al-Shorouq", fr: "Ach-Chourouk" },
  { ar: "الياسمين", en: "Al-Yasmine", fr: "Al-Yasmine" },
];

export type OrganizationKind = "national_ngo" | "international_ngo" | "government" | "private";

/**
 * How an organization is named. {w} is a word above; {place} the home town. `frSubject` is the
 * name with its article, as the subject of a French sentence; `arVerb` the gender of the name's
 * head noun (تقدّم / يقدّم).
 */
export interface OrganizationTemplate {
  kind: OrganizationKind;
  name: Tri;
  /** The name inside a sentence, when the full name carries its town after a dash. */
  short?: Tri;
  frArticle: "L'" | "La " | "Le " | "";
  enArticle: "the " | "";
  arGender: "f" | "m";
  /** The groups of service categories it works in. */
  focus: string[];
}

export const ORGANIZATION_TEMPLATES: OrganizationTemplate[] = [
  {
    kind: "national_ngo",
    name: { ar: "جمعية {w} للتنمية – {place}", en: "{w} Development Association – {place}", fr: "Association {w} pour le développement – {place}" },
    short: { ar: "جمعية {w} للتنمية", en: "{w} Development Association", fr: "Association {w} pour le développement" },
    frArticle: "L'",
    enArticle: "the ",
    arGender: "f",
    focus: ["relief", "livelihoods", "education", "information", "wash", "cash"],
  },
  {
    kind: "national_ngo",
    name: { ar: "منظمة {w} للإغاثة والتنمية – {place}", en: "{w} Relief and Development Organisation – {place}", fr: "Organisation {w} de secours et de développement – {place}" },
    short: { ar: "منظمة {w} للإغاثة والتنمية", en: "{w} Relief and Development Organisation", fr: "Organisation {w} de secours et de développement" },
    frArticle: "L'",
    enArticle: "the ",
    arGender: "f",
    focus: ["relief", "shelter", "health", "wash", "cash"],
  },
  {
    kind: "national_ngo",
    name: { ar: "مؤسسة {w} الخيرية – {place}", en: "{w} Charitable Foundation – {place}", fr: "Fondation caritative {w} – {place}" },
    short: { ar: "مؤسسة {w} الخيرية", en: "{w} Charitable Foundation", fr: "Fondation caritative {w}" },
    frArticle: "La ",
    enArticle: "the ",
    arGender: "f",
    focus: ["relief", "health", "education", "shelter"],
  },
  {
    kind: "national_ngo",
    name: { ar: "مبادرة {w} الشبابية – {place}", en: "{w} Youth Initiative – {place}", fr: "Initiative des jeunes {w} – {place}" },
    short: { ar: "مبادرة {w} الشبابية", en: "{w} Youth Initiative", fr: "Initiative des jeunes {w}" },
    frArticle: "L'",
    enArticle: "the ",
    arGender: "f",
    focus: ["education", "livelihoods", "information", "mental_health"],
  },
  {
    kind: "national_ngo",
    name: { ar: "جمعية {w} لرعاية الأسرة والطفل – {place}", en: "{w} Family and Child Welfare Society – {place}", fr: "Association {w} pour la famille et l'enfance – {place}" },
    short: { ar: "جمعية {w} لرعاية الأسرة والطفل", en: "{w} Family and Child Welfare Society", fr: "Association {w} pour la famille et l'enfance" },
    frArticle: "L'",
    enArticle: "the ",
    arGender: "f",
    focus: ["protection", "health", "education", "mental_health"],
  },
  {
    kind: "national_ngo",
    name: { ar: "رابطة {w} للدفاع عن حقوق المهاجرين – {place}", en: "{w} League for Migrants' Rights – {place}", fr: "Ligue {w} pour les droits des migrants – {place}" },
    short: { ar: "رابطة {w} للدفاع عن حقوق المهاجرين", en: "{w} League for Migrants' Rights", fr: "Ligue {w} pour les droits des migrants" },
    frArticle: "La ",
    enArticle: "the ",
    arGender: "f",
    focus: ["legal_aid", "protection", "information", "return"],
  },
  {
    kind: "national_ngo",
    name: { ar: "شبكة {w} للدعم النفسي – {place}", en: "{w} Psychosocial Support Network – {place}", fr: "Réseau {w} de soutien psychosocial – {place}" },
    short: { ar: "شبكة {w} للدعم النفسي", en: "{w} Psychosocial Support Network", fr: "Réseau {w} de soutien psychosocial" },
    frArticle: "Le ",
    enArticle: "the ",
    arGender: "f",
    focus: ["mental_health", "protection"],
  },
  {
    kind: "international_ngo",
    name: { ar: "منظمة أيادٍ عبر المتوسط – مكتب {place}", en: "Hands Across the Mediterranean – {place} office", fr: "Des mains à travers la Méditerranée – bureau {of_place}" },
    short: { ar: "منظمة أيادٍ عبر المتوسط", en: "Hands Across the Mediterranean", fr: "Des mains à travers la Méditerranée" },
    frArticle: "",
    enArticle: "",
    arGender: "f",
    focus: ["protection", "health", "legal_aid", "relief"],
  },
  {
    kind: "international_ngo",
    name: { ar: "منظمة الإغاثة الطبية الدولية – مكتب {place}", en: "International Medical Relief – {place} office", fr: "Secours médical international – bureau {of_place}" },
    short: { ar: "منظمة الإغاثة الطبية الدولية", en: "International Medical Relief", fr: "Secours médical international" },
    frArticle: "Le ",
    enArticle: "",
    arGender: "f",
    focus: ["health", "mental_health", "wash"],
  },
  {
    kind: "international_ngo",
    name: { ar: "الشبكة الدولية للحماية – مكتب {place}", en: "International Protection Network – {place} office", fr: "Réseau international de protection – bureau {of_place}" },
    short: { ar: "الشبكة الدولية للحماية", en: "International Protection Network", fr: "Réseau international de protection" },
    frArticle: "Le ",
    enArticle: "the ",
    arGender: "f",
    focus: ["protection", "legal_aid", "return", "shelter"],
  },
  {
    kind: "international_ngo",
    name: { ar: "منظمة آفاق للتعليم – مكتب {place}", en: "Horizons for Education – {place} office", fr: "Horizons pour l'éducation – bureau {of_place}" },
    short: { ar: "منظمة آفاق للتعليم", en: "Horizons for Education", fr: "Horizons pour l'éducation" },
    frArticle: "",
    enArticle: "",
    arGender: "f",
    focus: ["education", "livelihoods"],
  },
  {
    kind: "government",
    name: { ar: "مستشفى {place} العام", en: "{place} General Hospital", fr: "Hôpital général {of_place}" },
    frArticle: "L'",
    enArticle: "",
    arGender: "m",
    focus: ["health"],
  },
  {
    kind: "government",
    name: { ar: "مكتب العمل والتأهيل – {place}", en: "{place} Labour and Rehabilitation Office", fr: "Bureau du travail et de la réadaptation {of_place}" },
    short: { ar: "مكتب العمل والتأهيل في {place}", en: "{place} Labour and Rehabilitation Office", fr: "Bureau du travail et de la réadaptation {of_place}" },
    frArticle: "Le ",
    enArticle: "the ",
    arGender: "m",
    focus: ["livelihoods"],
  },
  {
    kind: "government",
    name: { ar: "مكتب الشؤون الاجتماعية – {place}", en: "{place} Social Affairs Office", fr: "Bureau des affaires sociales {of_place}" },
    short: { ar: "مكتب الشؤون الاجتماعية في {place}", en: "{place} Social Affairs Office", fr: "Bureau des affaires sociales {of_place}" },
    frArticle: "Le ",
    enArticle: "the ",
    arGender: "m",
    focus: ["cash", "relief", "protection"],
  },
  {
    kind: "government",
    name: { ar: "مراقبة التعليم – {place}", en: "{place} Education Office", fr: "Service de l'éducation {of_place}" },
    short: { ar: "مراقبة التعليم في {place}", en: "{place} Education Office", fr: "Service de l'éducation {of_place}" },
    frArticle: "Le ",
    enArticle: "the ",
    arGender: "f",
    focus: ["education"],
  },
  {
    kind: "private",
    name: { ar: "مصحة {w} – {place}", en: "{w} Clinic – {place}", fr: "Clinique {w} – {place}" },
    short: { ar: "مصحة {w}", en: "{w} Clinic", fr: "Clinique {w}" },
    frArticle: "La ",
    enArticle: "the ",
    arGender: "f",
    focus: ["health"],
  },
];

/** A consulate in a host-country city: Libyans abroad. */
export const CONSULATE_TEMPLATE: OrganizationTemplate = {
  kind: "government",
  name: { ar: "القنصلية الليبية في {place}", en: "Consulate of Libya in {place}", fr: "Consulat de Libye {at_place}" },
  frArticle: "Le ",
  enArticle: "the ",
  arGender: "f",
  focus: ["consular", "civic", "legal_aid"],
};

export const ORGANIZATION_INTRO: Record<OrganizationKind, Tri> = {
  national_ngo: {
    ar: "منظمة ليبية غير حكومية تأسست عام {year}، يعمل فيها متطوعون وموظفون من أهل المنطقة.",
    en: "A Libyan non-governmental organisation founded in {year}, run by local staff and volunteers.",
    fr: "Une organisation non gouvernementale libyenne fondée en {year}, animée par des salariés et des bénévoles de la région.",
  },
  international_ngo: {
    ar: "منظمة دولية غير حكومية تعمل في المنطقة منذ عام {year} مع شركاء محليين.",
    en: "An international non-governmental organisation working in the region since {year} with local partners.",
    fr: "Une organisation non gouvernementale internationale présente dans la région depuis {year}, avec des partenaires locaux.",
  },
  government: {
    ar: "جهة حكومية تقدّم خدماتها للمواطنين والمقيمين منذ عام {year}.",
    en: "A public body serving citizens and residents since {year}.",
    fr: "Un organisme public au service des citoyens et des résidents depuis {year}.",
  },
  private: {
    ar: "مؤسسة صحية خاصة تأسست عام {year}، تتعاون مع المنظمات الإنسانية في الإحالات.",
    en: "A private health provider founded in {year} that takes referrals from humanitarian organisations.",
    fr: "Un établissement de santé privé fondé en {year}, qui reçoit des patients orientés par les organisations humanitaires.",
  },
};

/** French: an organisation (elle), a public body or a health provider (il). */
export const ORGANIZATION_WHERE: Record<"f" | "m", Tri> = {
  f: { ar: "تعمل في {places}.", en: "It works in {places}.", fr: "Elle intervient {places}." },
  m: { ar: "تعمل في {places}.", en: "It works in {places}.", fr: "Il intervient {places}." },
};

/** "a, b and c" in each language. */
export function joinAnd(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join("");
  const last = items[items.length - 1]!;
  const rest = items.slice(0, -1);
  if (locale === "ar") return `${rest.join("، ")} و${last}`;
  return `${rest.join(", ")} ${locale === "en" ? "and" : "et"} ${last}`;
}

// ————————————————————————————————————————— locations

/** A location's name; {place} is its town. */
export const LOCATION_NAMES: Tri[] = [
  { ar: "فرع {place}", en: "{place} branch", fr: "Antenne {of_place}" },
  { ar: "المركز المجتمعي في {place}", en: "{place} community centre", fr: "Centre communautaire {of_place}" },
  { ar: "مكتب {place}", en: "{place} office", fr: "Bureau {of_place}" },
  { ar: "مركز الخدمات في {place}", en: "{place} service centre", fr: "Centre de services {of_place}" },
];

export const HEALTH_LOCATION_NAMES: Tri[] = [
  { ar: "العيادة المتنقلة في {place}", en: "{place} mobile clinic", fr: "Clinique mobile {of_place}" },
  { ar: "مركز {place} الصحي", en: "{place} health centre", fr: "Centre de santé {of_place}" },
  { ar: "العيادات الخارجية في {place}", en: "{place} outpatient clinic", fr: "Consultations externes {of_place}" },
];

export const LIBYAN_STREETS: Tri[] = [
  { ar: "شارع عمر المختار", en: "Omar Al-Mukhtar Street", fr: "rue Omar al-Mokhtar" },
  { ar: "شارع الجمهورية", en: "Al-Jumhuriya Street", fr: "rue Al-Joumhouriya" },
  { ar: "شارع الاستقلال", en: "Al-Istiqlal Street", fr: "rue de l'Indépendance" },
  { ar: "طريق المطار", en: "Airport Road", fr: "route de l'Aéroport" },
  { ar: "شارع الجلاء", en: "Al-Jala Street", fr: "rue Al-Jala" },
  { ar: "الطريق الساحلي", en: "Coastal Road", fr: "route côtière" },
  { ar: "شارع النصر", en: "Al-Nasr Street", fr: "rue An-Nasr" },
  { ar: "شارع الشط", en: "Al-Shatt Street", fr: "rue Ach-Chatt" },
  { ar: "شارع بن عاشور", en: "Ben Ashour Street", fr: "rue Ben Achour" },
];

export const HOST_STREETS: Tri[] = [
  { ar: "شارع المحطة", en: "Station Road", fr: "rue de la Gare" },
  { ar: "شارع الميناء", en: "Harbour Street", fr: "rue du Port" },
  { ar: "ساحة السوق", en: "Market Square", fr: "place du Marché" },
  { ar: "شارع الكنيسة", en: "Church Street", fr: "rue de l'Église" },
];

export const LANDMARKS: Tri[] = [
  { ar: "بجوار المسجد الكبير", en: "next to the main mosque", fr: "à côté de la grande mosquée" },
  { ar: "مقابل مركز الشرطة", en: "opposite the police station", fr: "en face du commissariat" },
  { ar: "خلف المستشفى العام", en: "behind the general hospital", fr: "derrière l'hôpital général" },
  { ar: "قرب السوق المركزي", en: "near the central market", fr: "près du marché central" },
  { ar: "بجوار مصرف الجمهورية", en: "next to Jumhuriya Bank", fr: "à côté de la banque Al-Joumhouriya" },
  { ar: "في الطابق الأول فوق الصيدلية", en: "first floor, above the pharmacy", fr: "au premier étage, au-dessus de la pharmacie" },
];

export const ACCESSIBILITY: Tri[] = [
  { ar: "المدخل في الطابق الأرضي دون درج.", en: "Ground-floor entrance with no steps.", fr: "Entrée de plain-pied, sans marches." },
  { ar: "يوجد منحدر للكراسي المتحركة ودورة مياه مهيأة.", en: "Wheelchair ramp and an accessible toilet.", fr: "Rampe pour fauteuils roulants et toilettes accessibles." },
  { ar: "الخدمة في الطابق الثاني ولا يوجد مصعد.", en: "The service is on the second floor and there is no lift.", fr: "Le service est au deuxième étage et il n'y a pas d'ascenseur." },
];

export const TRANSPORTATION: Tri[] = [
  { ar: "تتوقف سيارات الأجرة الجماعية عند الدوار القريب.", en: "Shared taxis stop at the nearby roundabout.", fr: "Les taxis collectifs s'arrêtent au rond-point voisin." },
  { ar: "على بعد عشر دقائق سيراً من وسط المدينة.", en: "Ten minutes' walk from the town centre.", fr: "À dix minutes à pied du centre-ville." },
  { ar: "موقف الحافلات أمام المدخل مباشرة.", en: "The bus stop is right in front of the entrance.", fr: "L'arrêt de bus est juste devant l'entrée." },
];

// ————————————————————————————————————————— services

/** A service delivered without a public address, by phone or online. */
export const REMOTE_SUFFIX: Tri = { ar: "عن بُعد", en: "by phone", fr: "par téléphone" };

/** {org} is the organization's name with its article; {at_place} where (French: à Sabha, au Caire). */
export const SERVICE_WHO: Record<"f" | "m", Tri> = {
  f: { ar: "تقدّم {org} هذه الخدمة في {place}.", en: "{org} provides this service in {place}.", fr: "{org} propose ce service {at_place}." },
  m: { ar: "يقدّم {org} هذه الخدمة في {place}.", en: "{org} provides this service in {place}.", fr: "{org} propose ce service {at_place}." },
};

export const SERVICE_WHO_REMOTE: Record<"f" | "m", Tri> = {
  f: {
    ar: "تقدّم {org} هذه الخدمة عبر الهاتف وواتساب، دون عنوان معلن حفاظاً على سلامة المستفيدين.",
    en: "{org} provides this service by phone and WhatsApp, with no public address, to keep the people it helps safe.",
    fr: "{org} propose ce service par téléphone et WhatsApp, sans adresse publique, pour la sécurité des personnes accompagnées.",
  },
  m: {
    ar: "يقدّم {org} هذه الخدمة عبر الهاتف وواتساب، دون عنوان معلن حفاظاً على سلامة المستفيدين.",
    en: "{org} provides this service by phone and WhatsApp, with no public address, to keep the people it helps safe.",
    fr: "{org} propose ce service par téléphone et WhatsApp, sans adresse publique, pour la sécurité des personnes accompagnées.",
  },
};

export const SERVICE_EXTRAS: Tri[] = [
  {
    ar: "يتحدث الفريق العربية والإنجليزية، ويمكن توفير مترجم عند الطلب.",
    en: "The team speaks Arabic and English, and an interpreter can be arranged on request.",
    fr: "L'équipe parle arabe et anglais, et un interprète peut être trouvé sur demande.",
  },
  { ar: "تُعامل كل المعلومات الشخصية بسرية تامة.", en: "All personal information is kept strictly confidential.", fr: "Toutes les informations personnelles restent strictement confidentielles." },
  { ar: "يُفضَّل الاتصال قبل الحضور للتأكد من المواعيد.", en: "Please call before coming to check the times.", fr: "Appelez avant de venir pour vérifier les horaires." },
  {
    ar: "تُعطى الأولوية للنساء الحوامل والأطفال وكبار السن وذوي الإعاقة.",
    en: "Pregnant women, children, older people and people with disabilities are seen first.",
    fr: "Les femmes enceintes, les enfants, les personnes âgées et les personnes handicapées sont reçus en priorité.",
  },
  { ar: "يمكن الحضور دون موعد مسبق في أيام العمل.", en: "You can come without an appointment on working days.", fr: "Vous pouvez venir sans rendez-vous les jours ouvrables." },
  {
    ar: "يزور فريق متنقل الأحياء والمناطق البعيدة مرة في الأسبوع.",
    en: "A mobile team visits outlying neighbourhoods and areas once a week.",
    fr: "Une équipe mobile se rend une fois par semaine dans les quartiers et les zones éloignés.",
  },
  {
    ar: "لا يُسأل أحد عن وضعه القانوني للحصول على الخدمة.",
    en: "Nobody is asked about their legal status to get the service.",
    fr: "Personne n'est interrogé sur sa situation administrative pour bénéficier du service.",
  },
  {
    ar: "يُحال من يحتاج إلى رعاية متخصصة إلى الجهات الشريكة.",
    en: "People who need specialised care are referred to partner organisations.",
    fr: "Les personnes qui ont besoin d'une prise en charge spécialisée sont orientées vers des organisations partenaires.",
  },
  { ar: "المكان مجهّز لاستقبال الأطفال، وفيه ركن للعب.", en: "The place is set up for children and has a play corner.", fr: "Le lieu est aménagé pour les enfants et dispose d'un coin jeux." },
  {
    ar: "تُقدَّم الخدمة عبر الهاتف أيضاً لمن لا يستطيع الحضور.",
    en: "The service is also given by phone to those who cannot come in person.",
    fr: "Le service est aussi assuré par téléphone pour les personnes qui ne peuvent pas se déplacer.",
  },
];

export const ELIGIBILITY: Record<string, Tri> = {
  migrants_in_libya: {
    ar: "المهاجرون واللاجئون وطالبو اللجوء في ليبيا، مهما كانت جنسيتهم أو وضعهم القانوني.",
    en: "Migrants, refugees and asylum seekers in Libya, whatever their nationality or legal status.",
    fr: "Les migrants, réfugiés et demandeurs d'asile en Libye, quels que soient leur nationalité et leur statut.",
  },
  libyans_abroad: {
    ar: "المواطنون الليبيون المقيمون في الخارج وأسرهم.",
    en: "Libyan citizens living abroad and their families.",
    fr: "Les citoyens libyens qui vivent à l'étranger et leur famille.",
  },
  idps: { ar: "النازحون داخلياً والأسر التي تستضيفهم.", en: "Internally displaced people and the families hosting them.", fr: "Les personnes déplacées internes et les familles qui les accueillent." },
  returnees: {
    ar: "العائدون إلى مناطقهم الأصلية خلال السنتين الماضيتين.",
    en: "People who returned to their home areas in the last two years.",
    fr: "Les personnes revenues dans leur région d'origine au cours des deux dernières années.",
  },
  women: { ar: "النساء والفتيات من سن 15 سنة فما فوق.", en: "Women and girls aged 15 and over.", fr: "Les femmes et les filles à partir de 15 ans." },
  children: {
    ar: "الأطفال دون 18 سنة، مع أحد الوالدين أو مقدّم الرعاية إن أمكن.",
    en: "Children under 18, with a parent or carer where possible.",
    fr: "Les enfants de moins de 18 ans, accompagnés d'un parent ou d'un proche si possible.",
  },
  anyone: { ar: "كل من يحتاج إلى الخدمة، دون تمييز.", en: "Anyone who needs the service, without discrimination.", fr: "Toute personne qui en a besoin, sans discrimination." },
};

export const APPLICATION: Tri[] = [
  {
    ar: "احضر إلى المركز في ساعات العمل وسجّل اسمك لدى الاستقبال.",
    en: "Come to the centre during opening hours and give your name at reception.",
    fr: "Présentez-vous au centre pendant les heures d'ouverture et donnez votre nom à l'accueil.",
  },
  { ar: "اتصل بالرقم المذكور لحجز موعد.", en: "Call the number listed to book an appointment.", fr: "Appelez le numéro indiqué pour prendre rendez-vous." },
  {
    ar: "أرسل رسالة عبر واتساب تذكر فيها اسمك ومكانك وما تحتاجه، وسيتصل بك أحد أعضاء الفريق.",
    en: "Send a WhatsApp message with your name, where you are and what you need, and a team member will call you back.",
    fr: "Envoyez un message WhatsApp avec votre nom, le lieu où vous êtes et ce dont vous avez besoin : un membre de l'équipe vous rappellera.",
  },
  {
    ar: "يمكن أن تحيلك إلى الخدمة منظمة شريكة أو عامل اجتماعي.",
    en: "A partner organisation or a social worker can refer you to the service.",
    fr: "Une organisation partenaire ou un travailleur social peut vous orienter vers le service.",
  },
  {
    ar: "سجّل في أحد أيام التسجيل التي يُعلن عنها في المركز وعلى صفحة المنظمة.",
    en: "Register on one of the registration days announced at the centre and on the organisation's page.",
    fr: "Inscrivez-vous lors d'une des journées d'inscription annoncées au centre et sur la page de l'organisation.",
  },
];

export const FEES: Record<"free" | "paid" | "varies", Tri[]> = {
  free: [
    { ar: "مجانية.", en: "Free of charge.", fr: "Gratuit." },
    {
      ar: "الخدمة مجانية بالكامل، ولا يحق لأحد أن يطلب منك مالاً مقابلها.",
      en: "The service is entirely free; nobody may ask you for money for it.",
      fr: "Le service est entièrement gratuit ; personne ne peut vous demander d'argent en échange.",
    },
  ],
  paid: [
    {
      ar: "رسوم رمزية تُدفع عند التسجيل، ويُعفى منها من لا يستطيع الدفع.",
      en: "A small fee is paid at registration; people who cannot pay are exempted.",
      fr: "Une petite participation est demandée à l'inscription ; les personnes qui ne peuvent pas payer en sont dispensées.",
    },
  ],
  varies: [
    {
      ar: "الاستشارة الأولى مجانية، وتختلف تكلفة الخدمات الأخرى.",
      en: "The first consultation is free; other services vary in cost.",
      fr: "La première consultation est gratuite ; le coût des autres services varie.",
    },
  ],
};

export const DOCUMENTS: Tri[] = [
  { ar: "أي وثيقة هوية", en: "Any identity document", fr: "Une pièce d'identité, quelle qu'elle soit" },
  { ar: "جواز السفر أو شهادة المفوضية إن وُجدت", en: "Passport or UNHCR certificate, if you have one", fr: "Passeport ou attestation du HCR, si vous en avez une" },
  { ar: "بطاقة التطعيم للأطفال", en: "Children's vaccination card", fr: "Carnet de vaccination des enfants" },
  { ar: "التقارير الطبية السابقة", en: "Earlier medical reports", fr: "Les comptes rendus médicaux précédents" },
  { ar: "الرقم الوطني أو كتيب العائلة", en: "National number or family booklet", fr: "Numéro national ou livret de famille" },
  { ar: "صورتان شخصيتان", en: "Two passport photos", fr: "Deux photos d'identité" },
];

export const SCHEDULE_NOTES: Tri[] = [
  { ar: "مغلق في العطلات الرسمية.", en: "Closed on public holidays.", fr: "Fermé les jours fériés." },
  { ar: "يوم الثلاثاء مخصص للنساء.", en: "Tuesdays are for women only.", fr: "Le mardi est réservé aux femmes." },
  { ar: "تتغير المواعيد في شهر رمضان.", en: "Hours change during Ramadan.", fr: "Les horaires changent pendant le ramadan." },
  { ar: "يُستقبل آخر مراجع قبل الإغلاق بنصف ساعة.", en: "The last person is seen half an hour before closing.", fr: "La dernière personne est reçue une demi-heure avant la fermeture." },
];

export const PHONE_DESCRIPTIONS: Tri[] = [
  { ar: "الاستقبال", en: "Reception", fr: "Accueil" },
  { ar: "خط الطوارئ", en: "Emergency line", fr: "Ligne d'urgence" },
  { ar: "واتساب للمواعيد", en: "WhatsApp for appointments", fr: "WhatsApp pour les rendez-vous" },
  { ar: "خط مخصص للنساء", en: "Line for women", fr: "Ligne réservée aux femmes" },
];

// ————————————————————————————————————————— vacancies

export const JOB_TITLES: Record<string, Tri[]> = {
  health: [
    { ar: "ممرضون وممرضات", en: "Nurses", fr: "Infirmiers et infirmières" },
    { ar: "قابلات", en: "Midwives", fr: "Sages-femmes" },
    { ar: "أطباء عامّون", en: "General practitioners", fr: "Médecins généralistes" },
    { ar: "فنيو مختبر", en: "Laboratory technicians", fr: "Techniciens de laboratoire" },
    { ar: "صيادلة", en: "Pharmacists", fr: "Pharmaciens" },
  ],
  education: [
    { ar: "معلمو لغة إنجليزية", en: "English teachers", fr: "Enseignants d'anglais" },
    { ar: "معلمو رياضيات", en: "Mathematics teachers", fr: "Enseignants de mathématiques" },
    { ar: "أخصائيون اجتماعيون مدرسيون", en: "School social workers", fr: "Travailleurs sociaux scolaires" },
  ],
  "vocational-training": [
    { ar: "مدربو لحام", en: "Welding instructors", fr: "Formateurs en soudure" },
    { ar: "مدربو كهرباء السيارات", en: "Auto electrics instructors", fr: "Formateurs en électricité automobile" },
  ],
  "public-administration": [
    { ar: "مفتشو عمل", en: "Labour inspectors", fr: "Inspecteurs du travail" },
    { ar: "موظفو أرشيف", en: "Records clerks", fr: "Agents d'archives" },
    { ar: "محاسبون", en: "Accountants", fr: "Comptables" },
  ],
  construction: [
    { ar: "مهندسون مدنيون", en: "Civil engineers", fr: "Ingénieurs civils" },
    { ar: "عمال بناء", en: "Construction workers", fr: "Ouvriers du bâtiment" },
    { ar: "سباكون", en: "Plumbers", fr: "Plombiers" },
  ],
  agriculture: [
    { ar: "عمال زراعيون موسميون", en: "Seasonal farm workers", fr: "Ouvriers agricoles saisonniers" },
    { ar: "مهندسون زراعيون", en: "Agronomists", fr: "Ingénieurs agronomes" },
  ],
  "oil-and-gas": [
    { ar: "فنيو صيانة", en: "Maintenance technicians", fr: "Techniciens de maintenance" },
    { ar: "مشغلو معدات ثقيلة", en: "Heavy equipment operators", fr: "Conducteurs d'engins lourds" },
  ],
  "water-and-electricity": [
    { ar: "فنيو كهرباء", en: "Electricians", fr: "Électriciens" },
    { ar: "فنيو شبكات مياه", en: "Water network technicians", fr: "Techniciens des réseaux d'eau" },
  ],
  "social-services": [
    { ar: "أخصائيون اجتماعيون", en: "Social workers", fr: "Travailleurs sociaux" },
    { ar: "مرشدون نفسيون", en: "Psychosocial counsellors", fr: "Conseillers psychosociaux" },
  ],
};

/** The sectors of each kind of government body. */
export const SECTORS_BY_FOCUS: Record<string, string[]> = {
  health: ["health"],
  livelihoods: ["vocational-training", "public-administration", "construction", "agriculture", "oil-and-gas", "water-and-electricity"],
  cash: ["social-services", "public-administration"],
  relief: ["social-services"],
  protection: ["social-services"],
  education: ["education"],
  consular: ["public-administration"],
};

export const VACANCY_DESCRIPTION: Tri = {
  ar: "إعلان مثال، وليس وظيفة حقيقية. وظائف شاغرة ({job}) لدى {org} في {place}.",
  en: "A sample notice, not a real vacancy. {job} are needed at {org} in {place}.",
  fr: "Un avis d'exemple, pas une vraie offre. {org} recrute {at_place} : {job}.",
};

export const VACANCY_REQUIREMENTS: Tri[] = [
  { ar: "شهادة في التخصص وخبرة لا تقل عن سنتين.", en: "A qualification in the field and at least two years' experience.", fr: "Un diplôme dans le domaine et au moins deux ans d'expérience." },
  { ar: "إجادة اللغة العربية، وتُعدّ الإنجليزية ميزة.", en: "Good Arabic; English is an advantage.", fr: "Bonne maîtrise de l'arabe ; l'anglais est un atout." },
  { ar: "تصريح عمل ساري المفعول لغير الليبيين.", en: "A valid work permit for non-Libyans.", fr: "Un permis de travail valide pour les non-Libyens." },
  { ar: "اللياقة الصحية وشهادة خلو من الأمراض المعدية.", en: "Fitness for work and a certificate free of infectious disease.", fr: "Aptitude physique et certificat d'absence de maladie contagieuse." },
];

export const HOW_TO_APPLY: Record<string, Tri> = {
  labour_office: {
    ar: "قدّم طلبك في مكتب العمل في {place} مع نسخة من المؤهل وإثبات الهوية.",
    en: "Apply at the {place} labour office with a copy of your qualification and proof of identity.",
    fr: "Déposez votre candidature au bureau du travail {of_place} avec une copie de votre diplôme et une pièce d'identité.",
  },
  online: { ar: "قدّم عبر الموقع الإلكتروني.", en: "Apply on the website.", fr: "Postulez sur le site." },
  email: { ar: "أرسل سيرتك الذاتية بالبريد الإلكتروني.", en: "Send your CV by e-mail.", fr: "Envoyez votre CV par courriel." },
  phone: { ar: "اتصل بالرقم المذكور لتحديد موعد للمقابلة.", en: "Call the number given to arrange an interview.", fr: "Appelez le numéro indiqué pour convenir d'un entretien." },
  in_person: {
    ar: "احضر شخصياً في أحد أيام العمل ومعك المستندات المطلوبة.",
    en: "Come in person on a working day with the documents required.",
    fr: "Présentez-vous en personne un jour ouvrable avec les documents demandés.",
  },
};

// ————————————————————————————————————————— rights articles

export const ARTICLE_TITLE: Tri = { ar: "{topic} في {country}", en: "{topic} in {country}", fr: "{topic} {in_country}" };

export const ARTICLE_SUMMARY: Tri = {
  ar: "ما تحتاج إلى معرفته في {country} عن موضوع «{topic}»: القواعد الأساسية، وما يحدث في الواقع، وأين تجد المساعدة.",
  en: "What you need to know in {country} about “{topic}”: the basic rules, what happens in practice and where to find help.",
  fr: "Ce qu'il faut savoir {in_country} sur le thème « {topic} » : les règles de base, ce qui se passe en pratique et où trouver de l'aide.",
};

export const ARTICLE_HEADINGS: Record<"law" | "practice" | "action" | "help", Tri> = {
  law: { ar: "ما يقوله القانون", en: "What the law says", fr: "Ce que dit le droit" },
  practice: { ar: "في الواقع", en: "In practice", fr: "Dans les faits" },
  action: { ar: "ما يمكنك فعله", en: "What you can do", fr: "Ce que vous pouvez faire" },
  help: { ar: "أين تجد المساعدة", en: "Where to find help", fr: "Où trouver de l'aide" },
};

export const LAW_POINTS: Tri[] = [
  {
    ar: "لكل شخص الحق في الحصول على الرعاية الطبية الطارئة، مهما كان وضعه القانوني.",
    en: "Everyone has the right to emergency medical care, whatever their legal status.",
    fr: "Toute personne a droit aux soins médicaux d'urgence, quelle que soit sa situation administrative.",
  },
  {
    ar: "لا يجوز احتجاز أحد دون أن يُبلَّغ بسبب احتجازه بلغة يفهمها.",
    en: "Nobody may be held without being told why, in a language they understand.",
    fr: "Personne ne peut être retenu sans être informé du motif, dans une langue qu'il comprend.",
  },
  {
    ar: "يحق للعامل الحصول على أجره كاملاً وفي موعده، وعلى عقد مكتوب يبيّن شروط العمل.",
    en: "Workers have the right to their full wages on time, and to a written contract setting out the terms.",
    fr: "Tout travailleur a droit à l'intégralité de son salaire à la date prévue et à un contrat écrit précisant les conditions.",
  },
  {
    ar: "للأطفال الحق في التعليم والحماية من العمل الخطر، أياً كانت جنسيتهم.",
    en: "Children have the right to education and to protection from dangerous work, whatever their nationality.",
    fr: "Les enfants ont droit à l'éducation et à la protection contre les travaux dangereux, quelle que soit leur nationalité.",
  },
  {
    ar: "يجب أن تُسلَّم إليك نسخة من أي وثيقة توقّع عليها.",
    en: "You must be given a copy of any document you sign.",
    fr: "Vous devez recevoir une copie de tout document que vous signez.",
  },
  {
    ar: "لا يجوز لأي جهة أن تحتفظ بجواز سفرك دون أمر من المحكمة.",
    en: "No one may keep your passport without a court order.",
    fr: "Personne ne peut garder votre passeport sans décision de justice.",
  },
];

export const PRACTICE_PARAGRAPHS: Tri[] = [
  {
    ar: "تختلف الإجراءات من مدينة إلى أخرى، وقد تطول المواعيد. احتفظ بنسخ من كل أوراقك، وسجّل أسماء من تتحدث إليهم وتواريخ زياراتك.",
    en: "Procedures differ from one town to another and waiting times can be long. Keep copies of all your papers, and note the names of the people you speak to and the dates of your visits.",
    fr: "Les démarches varient d'une ville à l'autre et les délais peuvent être longs. Gardez une copie de tous vos papiers et notez le nom des personnes rencontrées et la date de vos visites.",
  },
  {
    ar: "كثيراً ما يُطلب من الناس دفع مبالغ لا ينص عليها القانون. لا تدفع لأحد يعدك بتسريع الإجراءات، واسأل منظمة موثوقة قبل أي خطوة.",
    en: "People are often asked for payments the law does not require. Do not pay anyone who promises to speed things up, and ask a trusted organisation before taking any step.",
    fr: "On demande souvent aux gens des paiements que la loi ne prévoit pas. Ne payez personne qui promet d'accélérer les choses et demandez conseil à une organisation de confiance avant toute démarche.",
  },
  {
    ar: "تتغير القواعد أحياناً دون إعلان واضح. راجع هذه الصفحة ومصادرها، واتصل بالجهة المعنية قبل السفر أو تقديم الطلب.",
    en: "Rules sometimes change without clear notice. Check this page and its sources, and call the office concerned before you travel or apply.",
    fr: "Les règles changent parfois sans annonce claire. Vérifiez cette page et ses sources, et appelez le service concerné avant de vous déplacer ou de déposer une demande.",
  },
];

export const ACTION_POINTS: Tri[] = [
  { ar: "احمل معك نسخة من وثيقة هويتك دائماً.", en: "Always carry a copy of your identity document.", fr: "Ayez toujours sur vous une copie de votre pièce d'identité." },
  { ar: "احفظ أرقام الطوارئ في هاتفك.", en: "Save the emergency numbers in your phone.", fr: "Enregistrez les numéros d'urgence dans votre téléphone." },
  { ar: "اطلب مترجماً إذا لم تفهم ما يُقال لك.", en: "Ask for an interpreter if you do not understand what you are told.", fr: "Demandez un interprète si vous ne comprenez pas ce qu'on vous dit." },
  { ar: "لا توقّع على ورقة لا تفهم محتواها.", en: "Do not sign a paper you do not understand.", fr: "Ne signez pas un document que vous ne comprenez pas." },
  { ar: "أخبر شخصاً تثق به بمكانك وبما تنوي فعله.", en: "Tell someone you trust where you are and what you plan to do.", fr: "Dites à une personne de confiance où vous êtes et ce que vous comptez faire." },
];

export const HELP_PARAGRAPH: Tri = {
  ar: "انظر [خدمات المساعدة القانونية في الدليل](/ar/services/?category=legal_aid).\n\nهذه معلومات عامة وليست استشارة قانونية. اسأل محامياً أو منظمة للمساعدة القانونية عن حالتك.",
  en: "See the [legal aid services in the directory](/en/services/?category=legal_aid).\n\nThis is general information, not legal advice. Ask a lawyer or a legal aid organisation about your own case.",
  fr: "Voir les [services d'aide juridique de l'annuaire](/fr/services/?category=legal_aid).\n\nCes informations sont générales et ne constituent pas un conseil juridique. Pour votre situation, adressez-vous à un avocat ou à une organisation d'aide juridique.",
};
