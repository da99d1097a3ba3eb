/**
 * What the API itself says to people (error messages), in every locale START ships UI text for.
 * Content (service names, articles…) lives in the database; these are the API's own words.
 * Placeholders are written {name}.
 */
export const MESSAGE_LOCALES = ["ar", "en", "fr"] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];
export const DEFAULT_MESSAGE_LOCALE: MessageLocale = "ar";

const en = {
  badRequest: "The request is not valid.",
  malformedJson: "The request body is not valid JSON.",
  unsupportedContentType: "Send GraphQL requests as JSON, with the header Content-Type: application/json.",
  payloadTooLarge: "The request is too large (at most {limit}).",
  methodNotAllowed: "Only GET and POST requests are accepted here.",
  notAcceptable: "This API answers in JSON only (application/json or application/graphql-response+json).",
  csrfBlocked:
    "This request was blocked as a possible cross-site request forgery. Send it with the header Content-Type: application/json, or, for GET, with the header Apollo-Require-Preflight: true.",
  parseFailed: "The query could not be read: it is not valid GraphQL.",
  validationFailed: "The query does not match this API's schema.",
  introspectionDisabled: "Schema introspection is turned off on this server.",
  operationNotFound: "The operation to run could not be determined: check operationName.",
  invalidVariables: "A variable is missing or has the wrong type.",
  persistedQueriesUnsupported: "Persisted queries are not supported: send the full query.",
  badUserInput: "An argument is not valid.",
  pageSize: "“first” must be a number from 1 to {max}.",
  invalidCursor: "The cursor “after” does not belong to this list or this sort order.",
  unknownLocale: "The locale “{locale}” is not available. Available locales: {available}.",
  invalidId: "“{value}” is not a valid ID.",
  idOrSlugRequired: "Give either an id or a slug, not both and not neither.",
  unknownReference: "No {entity} matches “{value}”.",
  invalidPoint: "The point is not valid: latitude goes from -90 to 90 and longitude from -180 to 180.",
  invalidRadius: "The radius must be greater than 0 and at most {max} km.",
  sortNeedsQuery: "Sorting by relevance needs a text query.",
  sortNeedsPoint: "Sorting by distance needs a point (near).",
  queryLength: "The search text must contain at least one letter or digit and at most {max} characters.",
  openFilterConflict: "Use either openNow or openAt, not both.",
  notFound: "This {entity} does not exist or is not published.",
  queryTooDeep: "The query is nested too deeply ({depth} levels; the limit is {max}).",
  queryTooComplex:
    "The query asks for too much at once (complexity {complexity}; the limit is {max}). Ask for fewer items or fewer fields.",
  internal: "Something went wrong on our side. If it happens again, give this reference: {requestId}.",
  databaseUnavailable: "The database cannot be reached.",
  "entity.service": "service",
  "entity.organization": "organization",
  "entity.category": "category",
  "entity.place": "place",
  "entity.rightsArticle": "rights article",
  "entity.vacancy": "vacancy",
  "entity.location": "location",
} as const;

export type MessageKey = keyof typeof en;
type Catalogue = Record<MessageKey, string>;

const ar: Catalogue = {
  badRequest: "الطلب غير صالح.",
  malformedJson: "محتوى الطلب ليس بصيغة JSON صحيحة.",
  unsupportedContentType: "أرسل طلبات GraphQL بصيغة JSON مع الترويسة Content-Type: application/json.",
  payloadTooLarge: "الطلب كبير جدًا (الحد الأقصى {limit}).",
  methodNotAllowed: "لا تُقبل هنا إلا طلبات GET وPOST.",
  notAcceptable: "تجيب هذه الواجهة بصيغة JSON فقط (application/json أو application/graphql-response+json).",
  csrfBlocked:
    "حُجب هذا الطلب لاحتمال أن يكون تزويرًا لطلب عبر المواقع (CSRF). أرسله مع الترويسة Content-Type: application/json، أو مع الترويسة Apollo-Require-Preflight: true في طلبات GET.",
  parseFailed: "تعذّرت قراءة الاستعلام: صيغته ليست GraphQL صحيحة.",
  validationFailed: "الاستعلام لا يطابق مخطط هذه الواجهة.",
  introspectionDisabled: "الاستعلام عن مخطط الواجهة معطّل على هذا الخادم.",
  operationNotFound: "تعذّر تحديد العملية المطلوب تنفيذها: تحقّق من operationName.",
  invalidVariables: "أحد المتغيرات مفقود أو من نوع غير صحيح.",
  persistedQueriesUnsupported: "الاستعلامات المحفوظة غير مدعومة: أرسل نص الاستعلام كاملًا.",
  badUserInput: "أحد المُدخلات غير صالح.",
  pageSize: "يجب أن تكون قيمة «first» عددًا من 1 إلى {max}.",
  invalidCursor: "المؤشّر «after» لا ينتمي إلى هذه القائمة أو إلى طريقة الترتيب هذه.",
  unknownLocale: "اللغة «{locale}» غير متاحة. اللغات المتاحة: {available}.",
  invalidId: "«{value}» ليس معرّفًا صالحًا.",
  idOrSlugRequired: "حدّد المعرّف (id) أو الاسم المختصر (slug)، أحدهما فقط.",
  unknownReference: "لا يوجد عنصر من نوع «{entity}» يطابق «{value}».",
  invalidPoint: "النقطة غير صالحة: خط العرض من ‎-90 إلى 90 وخط الطول من ‎-180 إلى 180.",
  invalidRadius: "يجب أن يكون نصف القطر أكبر من صفر وألا يتجاوز {max} كم.",
  sortNeedsQuery: "الترتيب حسب الصلة يحتاج إلى نص للبحث.",
  sortNeedsPoint: "الترتيب حسب المسافة يحتاج إلى نقطة (near).",
  queryLength: "يجب أن يحتوي نص البحث على حرف أو رقم واحد على الأقل وألا يتجاوز {max} حرفًا.",
  openFilterConflict: "استخدم openNow أو openAt، لا كليهما.",
  notFound: "العنصر المطلوب ({entity}) غير موجود أو غير منشور.",
  queryTooDeep: "الاستعلام متداخل أكثر من اللازم ({depth} مستويات، والحد الأقصى {max}).",
  queryTooComplex:
    "الاستعلام يطلب الكثير دفعة واحدة (درجة التعقيد {complexity}، والحد الأقصى {max}). اطلب عناصر أو حقولًا أقل.",
  internal: "حدث خطأ من جهتنا. إذا تكرّر، فاذكر هذا الرقم المرجعي: {requestId}.",
  databaseUnavailable: "تعذّر الوصول إلى قاعدة البيانات.",
  "entity.service": "خدمة",
  "entity.organization": "منظمة",
  "entity.category": "تصنيف",
  "entity.place": "مكان",
  "entity.rightsArticle": "مقال حقوق",
  "entity.vacancy": "وظيفة شاغرة",
  "entity.location": "موقع",
};

const fr: Catalogue = {
  badRequest: "La requête n’est pas valide.",
  malformedJson: "Le corps de la requête n’est pas du JSON valide.",
  unsupportedContentType: "Envoyez les requêtes GraphQL en JSON, avec l’en-tête Content-Type: application/json.",
  payloadTooLarge: "La requête est trop volumineuse ({limit} au maximum).",
  methodNotAllowed: "Seules les requêtes GET et POST sont acceptées ici.",
  notAcceptable: "Cette API répond uniquement en JSON (application/json ou application/graphql-response+json).",
  csrfBlocked:
    "Cette requête a été bloquée car elle pourrait être une falsification de requête intersite (CSRF). Envoyez-la avec l’en-tête Content-Type: application/json ou, pour GET, avec l’en-tête Apollo-Require-Preflight: true.",
  parseFailed: "La requête est illisible : ce n’est pas du GraphQL valide.",
  validationFailed: "La requête ne correspond pas au schéma de cette API.",
  introspectionDisabled: "L’introspection du schéma est désactivée sur ce serveur.",
  operationNotFound: "Impossible de savoir quelle opération exécuter : vérifiez operationName.",
  invalidVariables: "Une variable est absente ou n’a pas le bon type.",
  persistedQueriesUnsupported: "Les requêtes persistées ne sont pas prises en charge : envoyez la requête complète.",
  badUserInput: "Un argument n’est pas valide.",
  pageSize: "« first » doit être un nombre de 1 à {max}.",
  invalidCursor: "Le curseur « after » n’appartient pas à cette liste ou à cet ordre de tri.",
  unknownLocale: "La langue « {locale} » n’est pas disponible. Langues disponibles : {available}.",
  invalidId: "« {value} » n’est pas un identifiant valide.",
  idOrSlugRequired: "Indiquez soit un id, soit un slug (l’un des deux, pas les deux).",
  unknownReference: "Aucun élément de type « {entity} » ne correspond à « {value} ».",
  invalidPoint: "Le point n’est pas valide : la latitude va de -90 à 90 et la longitude de -180 à 180.",
  invalidRadius: "Le rayon doit être supérieur à 0 et d’au plus {max} km.",
  sortNeedsQuery: "Le tri par pertinence nécessite un texte à rechercher.",
  sortNeedsPoint: "Le tri par distance nécessite un point (near).",
  queryLength: "Le texte recherché doit contenir au moins une lettre ou un chiffre, et au plus {max} caractères.",
  openFilterConflict: "Utilisez openNow ou openAt, pas les deux.",
  notFound: "Cet élément (« {entity} ») n’existe pas ou n’est pas publié.",
  queryTooDeep: "La requête est trop imbriquée ({depth} niveaux ; la limite est de {max}).",
  queryTooComplex:
    "La requête demande trop de choses à la fois (complexité {complexity} ; la limite est de {max}). Demandez moins d’éléments ou moins de champs.",
  internal: "Une erreur s’est produite de notre côté. Si elle se reproduit, indiquez cette référence : {requestId}.",
  databaseUnavailable: "La base de données est injoignable.",
  "entity.service": "service",
  "entity.organization": "organisation",
  "entity.category": "catégorie",
  "entity.place": "lieu",
  "entity.rightsArticle": "article sur les droits",
  "entity.vacancy": "offre d’emploi",
  "entity.location": "adresse",
};

const catalogues: Record<MessageLocale, Catalogue> = { ar, en, fr };

export type MessageParams = Record<string, string | number>;

export function isMessageLocale(locale: string): locale is MessageLocale {
  return (MESSAGE_LOCALES as readonly string[]).includes(locale);
}

/** The message in the given locale, placeholders filled. Entity placeholders are translated too. */
export function translate(locale: string, key: MessageKey, params: MessageParams = {}): string {
  const catalogue = catalogues[isMessageLocale(locale) ? locale : DEFAULT_MESSAGE_LOCALE];
  return catalogue[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    if (name === "entity") {
      const entityKey = `entity.${value}` as MessageKey;
      if (entityKey in catalogue) return catalogue[entityKey];
    }
    return String(value);
  });
}
