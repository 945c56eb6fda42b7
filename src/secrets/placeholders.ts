/**
 * Placeholder and reference recognition. A value that is a placeholder
 * (`<YOUR_TOKEN>`, `your-api-key-here`, `ghp_xxxx…`, a provider's documented
 * example key) or contains a reference in any client syntax (`${VAR}`,
 * `{env:X}`, `process.env.X` …) is never reported as a secret.
 */

import { encryptionScheme } from "./encrypted.js";
import { secretManagerAddress } from "./secret-manager-uri.js";
import { signedWithPublicKey, unverifiableSignature } from "./jwt.js";

// Providers' own documentation examples, assembled from parts so that no
// scanner flags this file. Exact matches.
/** jwt.io's sample token (HS256, "John Doe"), pasted into READMEs and configs as "your token". */
export const JWT_IO_EXAMPLE = [
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
  "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
].join(".");

const DOC_EXAMPLES: ReadonlySet<string> = new Set([
  ["AKIA", "IOSFODNN7", "EXAMPLE"].join(""),
  ["wJalrXUtnFEMI", "/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY"].join(""),
  ["AKIA", "I44QH8DHB", "EXAMPLE"].join(""),
  ["je7MtGbClwBF", "/2Zp9Utk/", "h3yCo8nvb", "EXAMPLEKEY"].join(""),
  ["sk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc"].join(""),
  ["pk", "_test_", "TYooMQauvdEDq54NiTphI7jx"].join(""),
  // Stripe's earlier API reference test keys, and Mailgun's documentation key
  ["sk", "_test_", "BQokikJOvBiI2HlWgH4olfQ2"].join(""),
  ["pk", "_test_", "6pRNASCoBOKtIshFeQd4XMUh"].join(""),
  ["key", "-3ax6xnjp29jd6fds4gc373sgvjxteol0"].join(""),
  ["gh", "p_", "16C7e42F292c6912E7710c838347Ae178B4a"].join(""),
  ["gh", "o_", "16C7e42F292c6912E7710c838347Ae178B4a"].join(""),
  ["xox", "b-", "17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"].join(""),
  // PagerDuty's REST API documentation token
  ["y_NbAkKc66", "ryYTWUXYEu"].join(""),
  // MDN's and RFC 7617's Basic credentials (aladdin:opensesame, Aladdin:open sesame)
  ["YWxhZGRpbjpv", "cGVuc2VzYW1l"].join(""),
  ["QWxhZGRpbjpv", "cGVuIHNlc2FtZQ=="].join(""),
  // The Supabase CLI's local-development anon and service_role keys (issuer supabase-demo)
  [
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9",
    ["CRXP1A7WOeoJeXxjNni43kd", "QwgnWNReilDMblYTn_I0"].join(""),
  ].join("."),
  [
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0",
    ["EGIM96RAZx35lJzdJsyH-qQ", "wv8Hdp7fsn3W0YpN81IU"].join(""),
  ].join("."),
  // The OAuth RFCs' examples, copied into OAuth libraries, their docs and tests (and MCP servers'
  // OAuth code): RFC 6749 access, refresh and authorization code, client secret, client Basic
  // credentials (s6BhdRkqt3:gX1fBat3bV); RFC 6750 bearer token; RFC 5849 client, temporary and
  // token credentials and its section 3.5.1 request.
  ["2YotnFZFEj", "r1zCsicMWpAA"].join(""),
  ["tGzv3JOkF0", "XG5Qx2TlKWIA"].join(""),
  ["SplxlOBeZQ", "QYbYS6WxSbIA"].join(""),
  ["7Fjfp0ZBr1", "KtDRbnfVdmIw"].join(""),
  ["czZCaGRSa3F0", "MzpnWDFmQmF0M2JW"].join(""),
  ["mF_9.B5f", "-4.1JqM"].join(""),
  ["dpf43f3p", "2l4k3l03"].join(""),
  ["kd94hf93", "k423kf44"].join(""),
  ["hh5s93j4", "hdidpola"].join(""),
  ["nnch734d", "00sl2jdk"].join(""),
  ["pfkkdhi9", "sl3r4s00"].join(""),
  ["0685bd91", "84jfhq22"].join(""),
  ["ad180jjd", "733klru7"].join(""),
  // RFC 7009's revocation request body (token=...&token_type_hint=refresh_token), quoted in OAuth libraries' docs
  ["45ghiukldj", "ahdnhzdauz"].join(""),
  // Telegram Desktop's public TEST ONLY api_hash (docs/api_credentials.md), copied into MTProto samples
  ["344583e45741", "c457fe1862106095a5eb"].join(""),
  // Discord's API reference: its example bot token and OAuth bearer token (Authorization: Bot ..., Bearer ...)
  ["MTk4NjIyNDgzNDcxOTI1MjQ4", "Cl2FMQ", "ZnCjm1XVW7vRze4b7Cq4se7kKWs"].join("."),
  ["CZhtkLDpNYXgPH9", "Ml6shqh2OwykChw"].join(""),
  // Azurite's (the Azure Storage emulator's) well-known development account key, devstoreaccount1
  ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UV", "ErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="].join(""),
  // The example key of Google's API key documentation, copied into tutorials and scanners' tests
  ["AIzaSyDaGmWKa4JsXZ", "-HjGw7ISLn_3namBGewQe"].join(""),
  // The UUIDs documentation shows as "a UUID" (Wikipedia's examples): OpenAPI examples and generated MCP
  // server READMEs put them where an API key or a refresh token goes
  ["123e4567", "e89b", "12d3", "a456", "426614174000"].join("-"),
  ["550e8400", "e29b", "41d4", "a716", "446655440000"].join("-"),
  // X (Twitter): the bearer token twitter.com's own web client sends (public: in its JavaScript, and copied into
  // every scraper), and the example bearer token of X's API documentation
  ["A".repeat(21) + "NRILgAAAAAAnNwIzUejRCOuH5E6I8xnZz4puTs", "%3D", "1Zv7ttfk8LF81IUq16cHjhLTvJu4FA33AGWWjCpTnA"].join(""),
  ["A".repeat(21) + "MLheAAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI", "%3D", "EUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"].join(""),
  JWT_IO_EXAMPLE,
]);

/** A provider's documentation example or a token its vendor publishes (exact match), for validators that skip isPlaceholder. */
export function isDocumentationExample(value: string): boolean {
  // Also the URL-decoded form of one written URL-encoded (X's bearer tokens: `=` is `%3D`).
  return DOC_EXAMPLES.has(value) || DOC_EXAMPLES.has(value.replace(/=/g, "%3D").replace(/\+/g, "%2B").replace(/\//g, "%2F"));
}

/**
 * Documentation examples quoted inside longer values: Telegram's BotFather
 * example token after any bot id (`110201543:AAHdq...`, `123456789:AAHdq...`).
 */
const DOC_EXAMPLE_PARTS: readonly string[] = [["AAHdqTcvCH1vGWJx", "fSeofSAs0K5PALDsaw"].join("")];

/**
 * Substrings that mark a value as a placeholder wherever they occur (`qwer`, `asdf`, `zxcv`: keyboard rows
 * typed for a test value, as `qwerty`). `password` with symbols for letters is not one of them: see
 * documentationPassword.
 */
const PLACEHOLDER_SUBSTRINGS =
  /your|example|sample|dummy|placeholder|change[_-]?me|changeit|replace|redacted|fake|test|demo|mock|lorem|ipsum|insert|not[_-]?real|todo|here|12345|abcde|qwer|asdf|zxcv|letmein|token|secret|password|api[_-]?key/i;

/** `password` with symbols or digits for letters: `P@ssw0rd`, `Passw0rd`, `pa$$word`, `Pa55w0rd`. */
const LEET_PASSWORD = /p[a@4][s$5]{2}w(?:or|0r)d/gi;

/**
 * The documentation's password (`P@ssw0rd`, SQL Server's `YourStrong@Passw0rd`, `P@ssw0rd42`,
 * `p@$$w0rd99`): the word with symbols for letters, and around it only placeholder words, numbers of
 * up to four digits and symbols. People pick such a word for real passwords too, because it passes
 * complexity rules: with anything else around it (`Company@Passw0rd1`, `Xk9#Passw0rd!2024prod`) the
 * value is a password, not the documentation's.
 */
function documentationPassword(v: string): boolean {
  LEET_PASSWORD.lastIndex = 0;
  if (!LEET_PASSWORD.test(v)) return false;
  return segments(v.replace(LEET_PASSWORD, " ")).every((s) => PLACEHOLDER_WORDS.has(s) || (/^[0-9]+$/.test(s) && s.length <= 4));
}

/**
 * A password written to pass complexity rules: small and capital letters, a digit and a symbol
 * (`Company@Password1`, `Xk9#Password!2024prod`). In such a value the word `password` alone does not
 * make it a placeholder, as `Passw0rd` does not (documentationPassword): the other checks still judge
 * the rest (`Password123!`, `Admin@Password1` and `MyStrongPassword1!` are made of placeholder words and
 * short numbers; `Your@Password1` holds `your`). A value in one case (`mysecretpassword`, `DB_PASSWORD`)
 * or with no digit or no symbol beyond the separators `_`, `-`, `.` (`PlainTextPassword`, `Acme_Password_2024`) keeps the word's verdict.
 */
function complexityPassword(v: string): boolean {
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v) && /[^A-Za-z0-9\s_.-]/.test(v);
}

/**
 * A name between angle brackets (`<YOUR_TOKEN>`, `<your api key>`, `<project-ref>`, `<YourStrong!Passw0rd>`)
 * or a template tag (`<%= ... %>`). Not any text between them: a random salt or password holds `<` and
 * `>` by chance (WordPress's salt service draws from a set of 92 characters with both), and what
 * lies between them then holds the symbols that such generators add (`#`, `$`, `%`, `(`, `{`, `=` ...).
 */
const ANGLE_PLACEHOLDER = /<%[^<>]*%>|<(?=[^<>]*[A-Za-z])[^<>#$%^&*(){}[\]|\\~`+=;?]*>/;

/** Masking and elision marks: `sk-…`, `ghp_xxxx`, `****`. */
const MARKERS = /\.\.\.|\u2026|\*\*\*|xxxx|XXXX|\u25a0|\u2022/; // … ■ •

/** A value of a few x's only (`xxx`, `XX`): a connection string's password as READMEs leave it (`postgresql://user:xxx@host/db`). */
const SHORT_X = /^(?:x{2,3}|X{2,3})$/;

const PLACEHOLDER_AT_BOUNDARY = new RegExp(`(?:^|[^A-Za-z0-9+/=])(?:${PLACEHOLDER_SUBSTRINGS.source})`, "i");

/** Words that make up placeholders such as `my-api-key` or `super_secret_token`. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the my our me you it is this that some any new old actual real random long generated " +
    "api apis key keys token tokens secret secrets password passwd passphrase pwd pass auth access bearer " +
    "client private public personal id app application service account user username admin root guest " +
    "string value values default empty none null nil undefined na tbd required optional " +
    "foo bar baz qux quux abc xyz hello world super very top org team project " +
    // the example password of redis.conf (`requirepass foobared`) and the Redis clients' READMEs
    "foobared " +
    "dev development prod production staging stage local localhost sandbox " +
    "db database name hash salt session jwt webhook signing encryption master bot oauth credential credentials " +
    "github gitlab openai anthropic slack aws stripe google azure mcp server pat gh sk pk " +
    "put insert enter add set goes go to in of for with and or not no do " +
    // how-to phrases: `generate-with-openssl-rand-base64-32`, `some-random-32-char-string`
    "generate run use openssl rand base hex char chars character characters strong secure length at least " +
    // the same in the languages READMEs are written in: "your", "my", "key", "password", "token", "here"
    // (`votre_mot_de_passe`, `tu-clave-api`, `sua_senha`, `dein-api-schluessel`, `twoje_haslo`)
    "tu tus su sus mi seu sua meu minha votre vos ton ta mon ma dein deine ihr ihre mein meine tuo tua mio il la le " +
    "jouw je uw mijn twoj twoja twoje moj " +
    "clave llave contrasena senha chave cle clef jeton mot de passe schluessel schlussel passwort kennwort chiave " +
    "sleutel wachtwoord klucz haslo secreto segredo segreto geheim aqui ici hier qui tutaj"
  ).split(" "),
);

/** "Your" in the languages READMEs are written in (`votre`, `tu`, `dein`...), as PLACEHOLDER_WORDS has them. */
const POSSESSIVES: ReadonlySet<string> = new Set("votre vos ton ta tu tus su sus seu sua dein deine ihr ihre tuo tua jouw uw twoj twoja twoje".split(" "));

/**
 * A phrase opened by "your" in another language, with a placeholder word after it and letters only:
 * `VOTRE_CLE_API_HUBSPOT`, `TU_CLAVE_DE_NOTION`, `DEIN_API_TOKEN_GITHUB`. English `YOUR_API_KEY_HUBSPOT`
 * is a placeholder whatever follows `your`; so is this, though a product's name is no placeholder word.
 * A part with a digit (`tu_api_9f8a7b6c`) leaves the value to the other checks.
 */
function possessivePhrase(v: string): boolean {
  const parts = v.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[\s_.-]+/).filter((p) => p.length > 0);
  if (parts.length < 3 || parts.length > 8 || !POSSESSIVES.has(parts[0] ?? "")) return false;
  const rest = parts.slice(1);
  return rest.every((p) => /^[a-z]+$/.test(p)) && rest.some((p) => PLACEHOLDER_WORDS.has(p));
}

/** Token prefixes stripped before the word checks (`sk_test_` is a real Stripe test key, not a placeholder; so is Mollie's `test_` + 30). */
const TEST_PREFIX = /^(?:(?:sk|rk|pk|rzp)_test_|FLWSECK_TEST-|sb_secret_|secret_|test_(?=[A-Za-z0-9]{30}$))/i;

function segments(v: string): string[] {
  return v
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .replace(/([0-9])([A-Za-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((s) => s.length > 0);
}

function isSequential(s: string): boolean {
  if (s.length < 6) return false;
  let steps = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    if (b === a + 1 || b === a - 1 || (a === 57 && b === 48) /* 9→0 */) steps++;
  }
  return steps / (s.length - 1) >= 0.6;
}

/** Letters and digits that each count up or down: `a1b2c3d4e5f6g7h8i9j0`. */
function isInterleavedSequence(s: string): boolean {
  const letters = s.replace(/[0-9]/g, "");
  const digits = s.replace(/[^0-9]/g, "");
  return letters.length >= 6 && digits.length >= 6 && isSequential(letters) && isSequential(digits);
}

function isPeriodic(s: string): boolean {
  if (s.length < 8) return false;
  for (let p = 1; p <= Math.min(16, s.length >> 1); p++) {
    let ok = true;
    for (let i = p; i < s.length; i++) {
      if (s[i] !== s[i - p]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

function distinctCount(s: string): number {
  return new Set(s).size;
}

/**
 * True when the value is a placeholder, a documentation example or an
 * obviously fake value rather than a real credential.
 */
export function isPlaceholder(value: string): boolean {
  let v = value.trim();
  if (v.length >= 2 && /^["'`]/.test(v) && v[v.length - 1] === v[0]) v = v.slice(1, -1).trim();
  if (v.length === 0) return true;
  if (DOC_EXAMPLES.has(v) || DOC_EXAMPLE_PARTS.some((p) => v.includes(p))) return true;
  // A JWT anyone can mint (jwt.io's key), or one whose signature no key makes (`eyJ...eyJ....abc`: hand-written).
  if (v.startsWith("eyJ") && (signedWithPublicKey(v) || unverifiableSignature(v))) return true;
  if (ANGLE_PLACEHOLDER.test(v) || /^<|>$/.test(v)) return true; // <YOUR_TOKEN>, Bearer <token>
  if (/^\[[^\]]*\]$/.test(v) || /^\{[^{}]*\}$/.test(v)) return true; // [TOKEN], {TOKEN}
  if (/(.)\1{5,}/.test(v)) return true; // aaaaaa, 000000
  if (MARKERS.test(v) || SHORT_X.test(v) || prefixThenPhrase(v) || phraseOfWords(v) || documentationPassword(v) || possessivePhrase(v)) return true;
  const body = v.replace(TEST_PREFIX, "");
  // Long random bodies (private keys, JWTs) contain short words by chance: there
  // a placeholder word must start at a boundary (`…_YOUR_KEY…`, `-here`).
  const words = complexityPassword(body) ? body.replace(/password/gi, " ") : body;
  if (words.length <= 64 ? PLACEHOLDER_SUBSTRINGS.test(words) : PLACEHOLDER_AT_BOUNDARY.test(words)) return true;
  const lower = body.toLowerCase();
  const alnum = lower.replace(/[^a-z0-9]/g, "");
  if (alnum.length === 0) return true;
  if (alnum.length >= 8 && distinctCount(alnum) <= 3) return true;
  if (isSequential(alnum) || isPeriodic(alnum) || isInterleavedSequence(alnum)) return true;
  // The longest alphanumeric run after a known-style prefix (`ghp_aaaa…`, `sk-proj-1234…`).
  const runs = lower.split(/[^a-z0-9]+/).filter((r) => r.length > 0);
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
  if (longest.length >= 6 && (distinctCount(longest) <= 2 || isSequential(longest) || isPeriodic(longest))) return true;
  // Made only of placeholder words and short numbers: `my-api-key`, `secret123`, `super_secret_token`.
  const segs = segments(body);
  if (segs.length > 0 && segs.every((s) => PLACEHOLDER_WORDS.has(s) || (/^[0-9]+$/.test(s) && s.length <= 4))) return true;
  const decoded = base64Word(v);
  return decoded !== undefined && isPlaceholder(decoded);
}

/**
 * A token's prefix (or nothing) and then a phrase in a non-Latin script: `ghp_你的实际令牌`,
 * `sk-ваш-ключ`. Tokens are ASCII; the phrase says what goes there (with at most a short ASCII
 * word in it: `你的API密钥`). A value that starts with the phrase, or has more ASCII letters and
 * digits after it (a password with Cyrillic letters inside), is left to the other checks.
 */
function prefixThenPhrase(v: string): boolean {
  let i = 0;
  while (i < v.length && i <= 16 && v.charCodeAt(i) < 0x80) i++;
  if (i < 2 || i > 16 || i >= v.length || v.charCodeAt(i) < 0x370) return false;
  const rest = v.slice(i);
  let phrase = 0;
  for (let k = 0; k < rest.length; k++) if (rest.charCodeAt(k) >= 0x370) phrase++;
  return phrase >= 2 && rest.replace(/[^A-Za-z0-9]/g, "").length <= 3;
}

/**
 * The words of placeholder phrases in non-Latin scripts ("your", "here", "enter", "actual", "issued",
 * "key", "token", "password", "secret"): Korean, Japanese, Chinese, Cyrillic, Arabic, Hebrew, Thai, Hindi.
 */
const SCRIPT_PLACEHOLDER_WORDS = new RegExp(
  [
    "\uc5ec\uae30", "\uc785\ub825", "\ubc1c\uae09", "\uc2e4\uc81c", "\ub2f9\uc2e0", "\ud0a4", "\ud1a0\ud070", "\ube44\ubc00\ubc88\ud638",
    "\uc2dc\ud06c\ub9bf", "\u3042\u306a\u305f", "\u3053\u3053", "\u5165\u529b", "\u30ad\u30fc", "\u30c8\u30fc\u30af\u30f3", "\u30d1\u30b9\u30ef\u30fc\u30c9", "\u30b7\u30fc\u30af\u30ec\u30c3\u30c8",
    "\u4f60\u7684", "\u60a8\u7684", "\u8fd9\u91cc", "\u586b", "\u5bc6\u94a5", "\u4ee4\u724c", "\u5bc6\u7801", "\u0432\u0430\u0448",
    "\u0442\u0432\u043e\u0439", "\u0437\u0434\u0435\u0441\u044c", "\u0432\u0432\u0435\u0434\u0438\u0442\u0435", "\u043a\u043b\u044e\u0447", "\u0442\u043e\u043a\u0435\u043d", "\u043f\u0430\u0440\u043e\u043b\u044c", "\u0441\u0435\u043a\u0440\u0435\u0442", "\u0645\u0641\u062a\u0627\u062d",
    "\u0631\u0645\u0632", "\u0627\u0644\u0645\u0631\u0648\u0631", "\u0647\u0646\u0627", "\u05de\u05e4\u05ea\u05d7", "\u05e1\u05d9\u05e1\u05de\u05d4", "\u05db\u05d0\u05df", "\u0e04\u0e35\u0e22\u0e4c", "\u0e23\u0e2b\u0e31\u0e2a",
    "\u0e17\u0e35\u0e48\u0e19\u0e35\u0e48", "\u0906\u092a\u0915", "\u092f\u0939\u093e", "\u0915\u0941\u0902\u091c\u0940", "\u091f\u094b\u0915\u0928",
  ].join("|"),
  "i",
);

/** Letters, digits and the separators of a phrase: no symbol of the kind generated secrets hold (`*`, `(`, `%`, `!`). */
const WORDS_AND_SEPARATORS = /^[\p{L}\p{M}\p{N}_ .-]+$/u;

/**
 * A phrase in a non-Latin script made of placeholder words, with at most a few ASCII words in it: Korean
 * for "here_n8n_API_key", Russian for "your_token_gpt4", Chinese for "your DeepSeek_V3 key". Tokens are ASCII;
 * a placeholder word (in the script, or in ASCII of 3 letters or more: `API`) says what goes there, every
 * ASCII run is a placeholder word, a name (letters only: `DeepSeek`) or a short mark (`n8n`, `v2`), and
 * nothing but words and separators is in it. A password in Cyrillic letters with digits and symbols
 * (a word, `2024!Xq`), or a generated key with a few letters beyond Latin-1, is not one.
 */
function phraseOfWords(v: string): boolean {
  let script = 0;
  for (let i = 0; i < v.length && script < 2; i++) if (v.charCodeAt(i) >= 0x370) script++;
  if (script < 2 || !WORDS_AND_SEPARATORS.test(v)) return false;
  const runs = v.match(/[A-Za-z0-9]+/g) ?? [];
  const word = (r: string): boolean => PLACEHOLDER_WORDS.has(r.toLowerCase());
  if (!runs.some((r) => r.length >= 3 && word(r)) && !SCRIPT_PLACEHOLDER_WORDS.test(v)) return false;
  return runs.every((r) => word(r) || r.length <= 4 || (r.length <= 12 && /^[A-Za-z]+$/.test(r)));
}

/** Standard base64 of 6 to 60 characters (a Kubernetes Secret's `data:` value, a Basic credential). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4}){1,14}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/**
 * The text a base64 value encodes when that text is one word (letters, digits, `.`, `_`, `-`):
 * `cGFzc3dvcmQ=` is `password`, `Y2hhbmdlbWU=` is `changeme`. Random key material seldom decodes
 * to such text, and structured text (JSON, `user:pass`) is left to the callers that read it.
 */
function base64Word(v: string): string | undefined {
  if (!BASE64.test(v)) return undefined;
  const text = Buffer.from(v, "base64").toString("latin1");
  return /^[A-Za-z0-9._-]{1,40}$/.test(text) ? text : undefined;
}

const REFERENCE_ANYWHERE =
  /\$\{|\{\{|\$\(|\{(?:env|file|secret|secrets|input|vault):|process\.env|import\.meta\.env|Deno\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|ENV\.fetch|env\(|\bsecrets\.[A-Za-z_]|\bvars\.[A-Za-z_]|^op:\/\/|^vault:|^arn:aws:(?:secretsmanager|ssm):|^projects\/[^/]+\/secrets\//;
const REFERENCE_WHOLE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$env:[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|<[^<>]*>)$/;

/**
 * True when the value is, or contains, a reference in any client syntax
 * (`${VAR}`, `${VAR:-x}`, `${env:X}`, `${input:x}`, `{env:X}`, `{file:x}`,
 * `${{ secrets.X }}`, `$VAR`, `%VAR%`, `{{X}}`, `process.env.X`,
 * `os.environ[...]`, `<...>`), or a value encrypted in place (SOPS
 * `ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]`, dotenvx `encrypted:...`:
 * encrypted.ts, which the model reads as ValueRef `encrypted`), or a secret manager's address
 * (`op://vault/item/field`, `vault:path#key`, an AWS Secrets Manager ARN: secret-manager-uri.ts). Used only to keep generic detection quiet;
 * classifying references is the model layer's job.
 */
export function containsReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE_WHOLE.test(v) || REFERENCE_ANYWHERE.test(v) || encryptionScheme(v) !== undefined || secretManagerAddress(v) !== undefined;
}
