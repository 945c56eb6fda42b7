/**
 * Credentials in the files of a repository that are no MCP configuration
 * (Terraform, INI, Spring, C#, notebooks...), written the way those files
 * are written. Values are built at test time.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("repo-file-contexts");
const PW = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** hardcoded-secret findings as `line:column provider`, and whether any output holds `secret`. */
function secretsIn(path: string, text: string): string[] {
  const r = scanSources([{ path, text }]);
  return r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column} ${x.secret?.provider ?? ""}`);
}

/** Where `secret` first occurs in `text`, as secretsIn lists a finding: `line:column provider`. */
function plantedAt(text: string, secret: string, provider: string): string {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(secret)) + 1;
  return `${line}:${(lines[line - 1] ?? "").indexOf(secret) + 1} ${provider}`;
}

/** `text` gives one finding, at `secret`'s first character, and no output holds the secret. */
function expectOnlyAt(path: string, text: string, secret: string, provider: string): void {
  expect(secretsIn(path, text)).toEqual([plantedAt(text, secret, provider)]);
  expect(JSON.stringify(scanSources([{ path, text }]).findings)).not.toContain(secret.slice(2));
}

describe("assignments aligned by a formatter (terraform fmt, aligned .properties)", () => {
  const pw = f.str(PW, 18);
  const dd = f.hex(32);
  const text = `resource "aws_db_instance" "main" {\n  identifier                 = "main"\n  password                   = "${pw}"\n}\n\ndatadog_api_key            = "${dd}"\n`;

  it("a password after many blanks before `=` is reported at its first character", () => {
    expect(secretsIn("infra/main.tf", text)).toEqual([`3:33 generic-password`, `6:31 datadog-api-key`]);
  });

  it("is never printed", () => {
    const out = JSON.stringify(scanSources([{ path: "infra/main.tf", text }]).findings);
    expect(out).not.toContain(pw.slice(2));
    expect(out).not.toContain(dd.slice(2));
  });
});

describe("a function call is no value (Terraform's base64encode(...), HCL expressions)", () => {
  it("an unquoted name called as a function is not reported; a quoted value and an unquoted one with no call still are", () => {
    const pw = f.str(PW, 18);
    const text = [
      'resource "kubernetes_secret" "gateway" {',
      "  data = {",
      '    api_key    = base64encode("changeme-secret-key")',
      "    JWT_SECRET = base64encode(random_password.jwt.result)",
      "    token      = sha256(var.seed)",
      `    password   = "${pw}"`,
      "  }",
      "}",
      "",
    ].join("\n");
    expect(secretsIn("infra/secrets.tf", text)).toEqual(["6:19 generic-password"]);
    expect(secretsIn("deploy/.env", `DB_PASSWORD=${pw}\nAPI_KEY=base64encode(x)\n`)).toEqual(["1:13 generic-password"]);
  });
});

describe("a # inside an unquoted value (INI, .env, YAML, shell: a comment starts only after a blank)", () => {
  const pw = f.str(PW, 5) + "#" + f.str(PW, 12);
  it.each([
    [".pypirc", `[internal]\nrepository = https://pypi.internal/simple\nusername = ci\npassword = ${pw}\n`, "4:12 generic-password"],
    ["deploy/.env", `DB_PASSWORD=${pw} # rotated monthly\n`, "1:13 generic-password"],
    ["config/app.yml", `smtp:\n  password: ${pw}\n`, "2:13 generic-password"],
  ])("%s: the whole password, at its first character", (path, text, want) => {
    expect(secretsIn(path, text)).toEqual([want]);
    expect(JSON.stringify(scanSources([{ path, text }]).findings)).not.toContain(pw.slice(4));
  });
});

describe("code quoted inside a JSON string (a Jupyter notebook's cell source)", () => {
  const pw = f.str(PW, 10) + "7" + f.str(PW, 5);
  const cell = (line: string) => JSON.stringify({ cells: [{ cell_type: "code", metadata: {}, outputs: [], source: ["import psycopg\n", line, "conn = psycopg.connect(password=db_password)\n"] }], nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n";

  it("a password between escaped quotes is reported at its first character", () => {
    const text = cell(`db_password = "${pw}"\n`);
    const line = text.split("\n").findIndex((l) => l.includes(pw)) + 1;
    const column = (text.split("\n")[line - 1] ?? "").indexOf(pw) + 1;
    expect(secretsIn("notebooks/explore.ipynb", text)).toEqual([`${line}:${column} generic-password`]);
    expect(JSON.stringify(scanSources([{ path: "notebooks/explore.ipynb", text }]).findings)).not.toContain(pw.slice(2));
  });

  it("a reference or a placeholder there stays quiet", () => {
    expect(secretsIn("notebooks/explore.ipynb", cell(`db_password = os.environ["DB_PASSWORD"]\n`))).toEqual([]);
    expect(secretsIn("notebooks/explore.ipynb", cell(`db_password = "<your password>"\n`))).toEqual([]);
  });
});

describe("a connection string's ;Password=...; in program source", () => {
  const pw = f.str(PW, 12) + "4" + f.str(PW, 5);
  it.each([
    ["dotnet/Settings.cs", `public static class Settings\n{\n    public const string Db = "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=appuser;Password=${pw};Encrypt=True;";\n}\n`],
    ["src/main/java/Db.java", `class Db {\n  static final String URL = "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=${pw};";\n}\n`],
  ])("%s: reported at its first character, not printed", (path, text) => {
    const line = text.split("\n").findIndex((l) => l.includes(pw)) + 1;
    const column = (text.split("\n")[line - 1] ?? "").indexOf(pw) + 1;
    expect(secretsIn(path, text)).toEqual([`${line}:${column} generic-password`]);
    expect(JSON.stringify(scanSources([{ path, text }]).findings)).not.toContain(pw.slice(2));
  });

  it("an unquoted expression after ; in code is still no value", () => {
    expect(secretsIn("dist/app.min.js", `a();password=e.password;token=getToken(q);secret=r9;\n`)).toEqual([]);
  });
});

describe("wp-config.php keys and salts aligned as WordPress writes them", () => {
  const salt = f.str(PW + "!@#%^&*()-_[]{}~+=,.;:/?|", 64);
  const pw = f.str(PW, 12) + "5" + f.str(PW, 3);
  const text = `<?php\ndefine( 'DB_PASSWORD',      '${pw}' );\ndefine( 'AUTH_KEY',         '${salt}' );\ndefine( 'SECURE_AUTH_KEY',  'put your unique phrase here' );\n`;
  it("the salt and the password, at their first characters", () => {
    expect(secretsIn("wp-config.php", text)).toEqual(["2:30 generic-password", "3:30 wordpress-auth-salt"]);
    expect(JSON.stringify(scanSources([{ path: "wp-config.php", text }]).findings)).not.toContain(salt.slice(2, 20));
  });
});

describe("XML credentials: Maven settings.xml <password>, .NET <add key=... value=...>", () => {
  const pw = f.str(PW, 13) + "8" + f.str(PW, 4);
  const key = f.alnum(36) + "3";
  it("Maven settings.xml: the password element's text, at its first character", () => {
    const text = `<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>deployer</username>\n      <password>${pw}</password>\n    </server>\n    <server>\n      <password>\${env.GITHUB_TOKEN}</password>\n    </server>\n  </servers>\n</settings>\n`;
    expect(secretsIn("maven/settings.xml", text)).toEqual(["6:17 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "maven/settings.xml", text }]).findings)).not.toContain(pw.slice(2));
  });

  it("NuGet.config and app.config: the value of the entry whose key names a credential", () => {
    const text = `<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${pw}" />\n    </acme>\n  </packageSourceCredentials>\n  <appSettings>\n    <add key="StripeApiKey" value="${key}" />\n    <add key="ApiKeyHeader" value="X-Api-Key" />\n    <add key="Password" value="" />\n  </appSettings>\n</configuration>\n`;
    expect(secretsIn("NuGet.config", text)).toEqual(["5:43 generic-password", "9:36 generic-credential"]);
  });

  it("elements that name no credential, and references, stay quiet", () => {
    const text = `<config>\n  <passwordPolicy>Strict2024Policy</passwordPolicy>\n  <tokenUrl>https://auth.example.org/token</tokenUrl>\n  <password>\${DB_PASSWORD}</password>\n</config>\n`;
    expect(secretsIn("config/app.xml", text)).toEqual([]);
  });
});

describe("Dockerfile ENV in its key-value form with a blank (ENV NAME value)", () => {
  const pw = f.str(PW, 11) + "6" + f.str(PW, 5);
  it("the value after the name, at its first character", () => {
    const text = `FROM node:20-alpine\nENV NODE_ENV production\nENV DB_PASSWORD ${pw}  \nENV API_TOKEN "\${API_TOKEN}"\nENV PASSWORD_MIN_LENGTH 12\nENV  SMTP_PASSWORD   "${pw}x"\n`;
    expect(secretsIn("Dockerfile", text)).toEqual(["3:17 generic-password", "6:23 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "Dockerfile", text }]).findings)).not.toContain(pw.slice(2));
  });
});

describe("curl's -u user:password in a Jenkinsfile or a script", () => {
  const pw = f.str(PW, 12) + "4" + f.str(PW, 5);
  it("the password after the colon, at its first character, never printed", () => {
    const text = `pipeline {\n  stages {\n    stage('push') {\n      steps {\n        sh "curl -u admin:${pw} https://nexus.example.org/repository/raw/"\n        sh 'curl --user "ci:${pw}" -T app.tgz https://nexus.example.org/up'\n      }\n    }\n  }\n}\n`;
    expect(secretsIn("Jenkinsfile", text)).toEqual(["5:27 generic-cli-flag", "6:29 generic-cli-flag"]);
    expect(JSON.stringify(scanSources([{ path: "Jenkinsfile", text }]).findings)).not.toContain(pw.slice(2));
  });

  it("references, a uid:gid, a user repeated and git's -u stay quiet", () => {
    const text = `curl -u admin:$NEXUS_PASSWORD https://nexus.example.org/\ncurl -u "bot:\${{ secrets.NEXUS_PW }}" https://nexus.example.org/\ndocker run -u 1000:1000 -e URL=https://x.example.org img\ncurl -u root:root http://localhost:8080/\ngit push -u origin main # https://example.org\n`;
    expect(secretsIn("scripts/upload.sh", text)).toEqual([]);
  });
});

describe("GitLab CI variables written with value: (under the variable's name, or in a flow mapping)", () => {
  const pw = f.str(PW, 10) + "3" + f.str(PW, 7);
  const key = f.alnum(39) + "7";
  it("the value, at its first character, never printed", () => {
    const text = `variables:\n  DEPLOY_PASSWORD:\n    value: "${pw}"\n    description: "Deploy account"\n  SONAR_TOKEN: { value: "${key}", expand: false }\n`;
    expect(secretsIn(".gitlab-ci.yml", text)).toEqual(["3:13 generic-password", "5:26 generic-credential"]);
    const out = JSON.stringify(scanSources([{ path: ".gitlab-ci.yml", text }]).findings);
    expect(out).not.toContain(pw.slice(2));
    expect(out).not.toContain(key.slice(2));
  });

  it("a flow mapping's key is found across blanks around its colon and brace, and not past a quoted key of other text", () => {
    const text = `variables:\n  SONAR_TOKEN  :   {   value: "${key}" }\n  IMAGE_TAG: { note: "SONAR_TOKEN: {", value: "${key}" }\n`;
    expect(secretsIn(".gitlab-ci.yml", text)).toEqual(["2:32 generic-credential"]);
  });

  it("a value under a name that is no credential, a sibling value: and references stay quiet", () => {
    const text = `variables:\n  IMAGE_TAG:\n    value: "${key}"\n  API_TOKEN:\n  value: "${key}"\n  DB_PASSWORD:\n    value: "$VAULT_DB_PASSWORD"\n  REGISTRY_TOKEN: { value: "\${CI_JOB_TOKEN}" }\n`;
    expect(secretsIn(".gitlab-ci.yml", text)).toEqual([]);
  });
});

describe("Ruby hash-rocket keys written as symbols (:password => '...')", () => {
  const pw = f.str(PW, 9) + "2" + f.str(PW, 8);
  it("the value, at its first character, never printed", () => {
    const text = `default_attributes(\n  "mysql" => { :server_root_password => '${pw}' }\n)\nSMTP = { :user_name => 'mailer', :password => "${pw}", :port => 587 }\n`;
    expect(secretsIn("roles/db.rb", text)).toEqual(["2:42 generic-password", "4:48 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "roles/db.rb", text }]).findings)).not.toContain(pw.slice(2));
  });

  it("a reference and a method call stay quiet", () => {
    expect(secretsIn("config/mail.rb", `opts = { :password => ENV['SMTP_PASSWORD'], :api_key => Rails.application.credentials.api_key }\n`)).toEqual([]);
  });
});

describe("a key that names a hash algorithm after the credential (token_sha256, PASSWORD_MD5)", () => {
  const digest = f.hex(64);
  const key = f.alnum(39) + "5";
  it("holds a digest: quiet; the credential beside it is still reported", () => {
    const text = `auth:\n  token_sha256: ${digest}\n  password_md5: ${digest.slice(0, 32)}\n  apiKeyChecksum: ${digest.slice(0, 40)}\n  api_key_2: ${key}\n`;
    expect(secretsIn("helm/values.yaml", text)).toEqual(["5:14 generic-credential"]);
  });
});

describe("SQL user and role statements (CREATE USER ... WITH PASSWORD '...')", () => {
  const pw = f.str(PW, 8) + "9" + f.str(PW, 8);
  it("the quoted password, at its first character, never printed", () => {
    const text = `-- seed\nCREATE USER app WITH PASSWORD '${pw}';\nCREATE ROLE reporting LOGIN PASSWORD '${pw}x';\nalter user admin password '${pw}y';\n`;
    expect(secretsIn("db/init.sql", text)).toEqual(["2:32 generic-password", "3:39 generic-password", "4:28 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "db/init.sql", text }]).findings)).not.toContain(pw.slice(2));
  });

  it("a stored hash, a placeholder and the word in prose stay quiet", () => {
    const text = `ALTER USER admin WITH PASSWORD 'md5${f.hex(32)}';\nALTER ROLE app PASSWORD 'SCRAM-SHA-256$4096:${f.b64url(24)}';\nCREATE USER app WITH PASSWORD 'changeme';\n-- the password 'Summer2024!' is rejected by the policy\n`;
    expect(secretsIn("db/init.sql", text)).toEqual([]);
  });
});

describe("a key written after its encoding (Laravel's APP_KEY=base64:...)", () => {
  const key = Buffer.from(f.hex(64), "hex").toString("base64");
  it("the whole value, at its first character, never printed", () => {
    const text = `APP_NAME=Laravel\nAPP_ENV=production\nAPP_KEY=base64:${key}\nAPP_URL=https://app.example.org\nMAIL_PASSWORD=null\n`;
    expect(secretsIn("laravel/.env", text)).toEqual(["3:9 generic-credential"]);
    expect(JSON.stringify(scanSources([{ path: "laravel/.env", text }]).findings)).not.toContain(key.slice(2, 30));
  });

  it("an empty key and a scheme reference stay quiet", () => {
    expect(secretsIn("laravel/.env", `APP_KEY=\nAPP_KEY=base64:\nAPI_KEY=vault:secret/data/app#api_key\n`)).toEqual([]);
  });
});

describe("a YAML block scalar that holds one line (signing_secret: |)", () => {
  const key = f.alnum(47) + "2";
  const pw = f.str(PW, 14) + "7" + f.str(PW, 3);
  it("the line below the indicator, at its first character, never printed", () => {
    const text = `webhooks:\n  signing_secret: |\n    ${key}\n  enabled: true\nstringData:\n  password: >-\n    ${pw}\n  db_password: |-2\n    ${pw}x\n`;
    // Any indicator YAML allows, with an indentation digit too (the one definition suppressions read).
    expect(secretsIn("helm/values.yaml", text)).toEqual(["3:5 generic-credential", "7:5 generic-password", "9:5 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "helm/values.yaml", text }]).findings)).not.toContain(key.slice(2));
  });

  it("a block of several lines, an empty block and a reference stay quiet", () => {
    const text = `config:\n  secret_config: |\n    retries: 3\n    region: eu-west-1\n  api_token: |\n  next: 1\n  db_password: |\n    \${DB_PASSWORD}\n`;
    expect(secretsIn("helm/values.yaml", text)).toEqual([]);
  });
});

describe("Microsoft Teams incoming webhook URLs", () => {
  const url = `https://contoso.webhook.office.com/webhookb2/${f.uuid()}@${f.uuid()}/IncomingWebhook/${f.hex(32)}/${f.uuid()}`;
  it("in .env and in a Jenkinsfile, at the URL's first character, never printed", () => {
    expect(secretsIn("deploy/.env", `TEAMS_WEBHOOK_URL=${url}\n`)).toEqual(["1:19 teams-webhook-url"]);
    const text = `post {\n  failure {\n    office365ConnectorSend webhookUrl: '${url}', message: 'failed'\n  }\n}\n`;
    expect(secretsIn("Jenkinsfile", text)).toEqual(["3:41 teams-webhook-url"]);
    expect(JSON.stringify(scanSources([{ path: "Jenkinsfile", text }]).findings)).not.toContain(url.slice(40));
  });

  it("a documented placeholder stays quiet", () => {
    expect(secretsIn("docs/notify.md", "Set `TEAMS_WEBHOOK_URL` to https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<connector>\n")).toEqual([]);
  });
});

describe("a stored password hash under a password key (a users list, Spring {bcrypt}, LDAP, Django)", () => {
  const CRYPT = "./" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const hashes = [
    "$2b$12$" + f.str(CRYPT, 53),
    "$argon2id$v=19$m=65536,t=3,p=4$" + f.b64(22) + "$" + f.b64(43),
    "$6$" + f.alnum(16) + "$" + f.str(CRYPT, 86),
    "pbkdf2_sha256$600000$" + f.alnum(22) + "$" + f.b64(43) + "=",
    "{SSHA}" + f.b64(32),
    "{bcrypt}$2a$10$" + f.str(CRYPT, 53),
  ];
  const pw = f.str(PW, 18);

  it("is no plaintext secret: quiet, while a plain password beside it is reported", () => {
    const text = "users:\n" + hashes.map((h, i) => `  - name: u${i}\n    password: ${h}\n`).join("") + `  - name: plain\n    password: ${pw}\n`;
    expect(secretsIn("config/users.yml", text)).toEqual([`${2 * hashes.length + 3}:15 generic-password`]);
  });

  it("in a .properties file and a SQL user statement too", () => {
    expect(secretsIn("app.properties", `spring.security.user.password=${hashes[0]}\nadmin.password=${hashes[3]}\n`)).toEqual([]);
    expect(secretsIn("db/V1__roles.sql", `CREATE ROLE analyst WITH LOGIN PASSWORD '${"SCRAM-SHA-256$4096:" + f.b64(24) + "$" + f.b64(44) + ":" + f.b64(44)}';\n`)).toEqual([]);
  });
});

describe("form-encoded bodies (password=...&, client_secret=...&)", () => {
  const pw = f.str(PW, 9) + "7" + f.str(PW, 8);
  const cs = f.alnum(39) + "4";
  /** Each finding as line:column-endColumn provider. */
  const spans = (path: string, text: string) =>
    scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column}-${x.loc.endColumn} ${x.secret?.provider ?? ""}`);

  it.each([
    ["scripts/token.sh", `curl -fsS -d "grant_type=password&username=ops&password=${pw}&scope=api" https://sso.example.org/token\n`],
    ["api/login.http", `POST https://sso.example.org/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=password&username=alice&password=${pw}&client_id=web\n`],
    ["src/billing.py", `resp = requests.post(URL, data="grant_type=password&username=billing&password=${pw}&scope=api")\n`],
  ])("%s: the password alone, at its first character, up to the next pair", (path, text) => {
    const line = text.split("\n").findIndex((l) => l.includes(pw)) + 1;
    const column = (text.split("\n")[line - 1] ?? "").indexOf(pw) + 1;
    expect(spans(path, text)).toEqual([`${line}:${column}-${column + pw.length} generic-password`]);
    expect(JSON.stringify(scanSources([{ path, text }]).findings)).not.toContain(pw.slice(2));
  });

  it("a client secret in a request body in JavaScript and in a .rest file", () => {
    expect(secretsIn("src/token.js", `const body = "client_id=reports&client_secret=${cs}&grant_type=client_credentials";\n`)).toEqual(["1:47 generic-credential"]);
    expect(secretsIn("api/auth.rest", `POST https://sso.example.org/token\n\nclient_id=orders&client_secret=${cs}&grant_type=client_credentials\n`)).toEqual(["3:32 generic-credential"]);
  });

  it("templates, references and a URL's query (read by the URL check) are as before", () => {
    expect(secretsIn("api/login.http", `username={{user}}&password={{password}}&grant_type=password\n`)).toEqual([]);
    expect(secretsIn("src/token.js", `const body = "grant_type=password&password=" + encodeURIComponent(pw);\n`)).toEqual([]);
    expect(secretsIn("scripts/get.sh", `curl "https://api.example.org/v1/report?user=ops&password=${pw}"\n`)).toEqual(["1:59 generic-url-query-credential"]);
  });
});

describe("Cookie headers in .http files, shell and program source", () => {
  const sid = f.b64url(30) + "9";

  it.each([
    ["api/cart.http", `GET https://shop.example.org/cart\nCookie: session=${sid}; theme=dark\n`],
    ["scripts/flush.sh", `curl -fsS -H "Cookie: sid=${sid}" https://admin.example.org/api/flush\n`],
    ["src/Http.java", `conn.setRequestProperty("Cookie", "JSESSIONID=${sid}");\n`],
    ["client/client.go", `\treq.Header.Set("Cookie", "session_id=${sid}")\n`],
    ["src/client.py", `session.headers.update({"Cookie": "sessionid=${sid}"})\n`],
    ["postman/c.postman_collection.json", `{ "header": [\n  { "key": "Cookie", "value": "connect.sid=${sid}" }\n] }\n`],
  ])("%s: the session value, at its first character, never printed", (path, text) => {
    expectOnlyAt(path, text, sid, "generic-cookie");
  });

  it("analytics and CSRF cookies, templates and cookie code stay quiet", () => {
    const ga = `GA1.2.${f.digits(10)}.${f.digits(10)}`;
    expect(secretsIn("api/cart.http", `GET https://shop.example.org/\nCookie: _ga=${ga}; _gid=${ga}; csrftoken=${f.alnum(32)}; theme=dark\n`)).toEqual([]);
    expect(secretsIn("api/cart.http", `GET https://shop.example.org/\nCookie: session={{session}}\n`)).toEqual([]);
    expect(secretsIn("src/app.js", `document.cookie = "theme=dark; path=/";\nres.cookie("sid", token, { httpOnly: true });\nconst cookie = req.headers.cookie;\n`)).toEqual([]);
  });
});

describe("SQL's IDENTIFIED BY (MySQL, MariaDB, Oracle)", () => {
  // A letter first: Oracle's unquoted password is an identifier.
  const pw = "k" + f.str(PW, 5) + "#" + f.str(PW, 11);

  it.each([
    ["db/001_users.sql", `-- service account\nCREATE USER 'orders'@'%' IDENTIFIED BY '${pw}';\n`],
    ["db/002_native.sql", `ALTER USER 'reporter'@'localhost' IDENTIFIED WITH mysql_native_password BY '${pw}';\n`],
    ["db/oracle.sql", `CREATE USER app_owner IDENTIFIED BY "${pw}" DEFAULT TABLESPACE users;\n`],
    ["db/oracle2.sql", `alter user scott identified by ${pw};\n`],
    ["scripts/setup.sh", `mysql -u root -e "CREATE USER 'orders'@'localhost' IDENTIFIED BY '${pw}';"\n`],
  ])("%s: the password at its first character, never printed", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-password");
  });

  it("a stored hash, a common default, a reference and a substitution stay quiet", () => {
    const text = [
      `CREATE USER 'a'@'%' IDENTIFIED BY PASSWORD '*${f.hex(40).toUpperCase()}';`,
      `CREATE USER 'b'@'%' IDENTIFIED WITH caching_sha2_password AS '$A$005$${f.alnum(20)}';`,
      `CREATE USER 'c'@'%' IDENTIFIED BY 'password';`,
      `CREATE USER 'd'@'%' IDENTIFIED BY '\${ORDERS_PASSWORD}';`,
      `CREATE USER e IDENTIFIED BY &app_password;`,
      `-- users are identified by their e-mail address`,
    ].join("\n");
    expect(secretsIn("db/users.sql", text)).toEqual([]);
  });
});

describe("a registry login's -p flag (docker login -u u -p <pw>)", () => {
  const pw = f.str(PW, 17) + "5";

  it.each([
    [".github/workflows/ci.yml", `jobs:\n  b:\n    steps:\n      - run: docker login -u acmebot -p ${pw} ghcr.io\n`],
    ["Jenkinsfile", `stage('push') {\n  steps {\n    sh 'docker login -u deploy -p ${pw} nexus.example.org:8443'\n  }\n}\n`],
    ["scripts/push.ps1", `docker login -u ci -p "${pw}" acme.azurecr.io\n`],
    ["scripts/push.sh", `podman login registry.example.org --username ci -p=${pw}\n`],
  ])("%s: the password at its first character, never printed", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-cli-flag");
  });

  it("references, --password-stdin and other commands' -p stay quiet", () => {
    const text = [
      `docker login -u $U -p $P`,
      `docker login -u acmebot -p "\${{ secrets.DOCKERHUB_TOKEN }}"`,
      `docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY`,
      `docker login -u ci -p $(DOCKER_PASSWORD) $(REGISTRY)`,
      `echo "$PW" | docker login ghcr.io -u acmebot --password-stdin`,
      `docker run -p 8080:80 nginx # then login`,
      `ssh -p 2222 deploy@host login`,
    ].join("\n");
    expect(secretsIn("scripts/push.sh", text)).toEqual([]);
  });
});

describe("IDENTIFIED BY in prose (type declarations, docs)", () => {
  it("is no SQL user statement: quiet", () => {
    const text = [
      "/**",
      " * Using the method identified by `algorithm`, `subtle.digest()` attempts to generate a digest of `data`.",
      " * Returns the computed style for a DOM node identified by `nodeId`.",
      " * Requests are identified by requestIdentifier42, then retried.",
      " */",
    ].join("\n");
    expect(secretsIn("types/crypto.d.ts", text)).toEqual([]);
  });
});

describe("an Authorization header set by a web server (nginx, Apache, an ingress snippet)", () => {
  const basic = Buffer.from(`upstream:${f.str(PW, 18)}`).toString("base64");

  it.each([
    ["nginx/site.conf", `location /legacy/ {\n  proxy_pass https://legacy.internal;\n  proxy_set_header Authorization "Basic ${basic}";\n}\n`],
    ["apache/site.conf", `<Location /legacy>\n  RequestHeader set Authorization "Basic ${basic}"\n</Location>\n`],
    ["k8s/ingress.yaml", `metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      proxy_set_header Authorization 'Basic ${basic}';\n`],
  ])("%s: the credentials at their first character, never printed", (path, text) => {
    expectOnlyAt(path, text, basic, "generic-authorization-header");
  });

  it("a variable and a realm stay quiet", () => {
    expect(secretsIn("nginx/site.conf", `proxy_set_header Authorization "Basic $upstream_auth";\nproxy_set_header Authorization $http_authorization;\nadd_header WWW-Authenticate 'Basic realm="admin"';\n`)).toEqual([]);
  });
});

describe("credentials passed to a call in program source (setters, Basic-auth helpers)", () => {
  const pw = f.str(PW, 8) + "#" + f.str(PW, 9);
  const key = f.alnum(31) + "7";

  it.each([
    ["src/main/java/DbConfig.java", `        ds.setUsername("app");\n        ds.setPassword("${pw}");\n`],
    ["client/client.go", `\treq.SetBasicAuth("svc-billing", "${pw}")\n`],
    ["src/client.py", `resp = requests.get(URL, auth=("svc", "${pw}"))\nresp = requests.get(URL, auth=HTTPBasicAuth("svc", "${pw}"))\n`],
    ["src/Http.kt", `val credential = Credentials.basic("svc", "${pw}")\n`],
    ["src/Mail.cs", `client.Credentials = new NetworkCredential("mailer", "${pw}");\n`],
    ["src/Auth.java", `return new PasswordAuthentication("svc", "${pw}".toCharArray());\n`],
  ])("%s: the password at its first character, never printed", (path, text) => {
    const found = secretsIn(path, text);
    expect(found[0]).toBe(plantedAt(text, pw, "generic-password"));
    expect(JSON.stringify(scanSources([{ path, text }]).findings)).not.toContain(pw.slice(2));
  });

  it("a setter named after a key takes that name", () => {
    const text = `config.setApiKey("${key}");\n`;
    expect(secretsIn("src/Client.java", text)).toEqual([plantedAt(text, key, "generic-credential")]);
  });

  it("references, empty values, hashes and other setters stay quiet", () => {
    const text = [
      `ds.setPassword(System.getenv("DB_PASSWORD"));`,
      `ds.setPassword("");`,
      `ds.setPassword(password);`,
      `user.setPasswordHash("$2b$12$${f.str("./" + PW, 53)}");`,
      `req.setHeader("X-Request-Id", "${f.uuid()}");`,
      `req.SetBasicAuth(user, pass)`,
      `auth = ("svc", os.environ["SVC_PASSWORD"])`,
    ].join("\n");
    expect(secretsIn("src/Quiet.java", text)).toEqual([]);
  });
});

describe("RFC 7009's example revocation body", () => {
  it("is a documentation example: quiet in a docstring and an .http body", () => {
    const body = "token=" + "45ghiukldj" + "ahdnhzdauz" + "&token_type_hint=refresh_token";
    expect(secretsIn("oauthlib/revocation.py", `def revoke(self):\n    """\n    POST /revoke HTTP/1.1\n\n    ${body}\n    """\n`)).toEqual([]);
    expect(secretsIn("api/revoke.http", `POST https://sso.example.org/revoke\nContent-Type: application/x-www-form-urlencoded\n\n${body}\n`)).toEqual([]);
  });
});

describe("a Makefile's ?= and JSON written inside a JSON string (Postman raw bodies)", () => {
  const pw = f.str(PW, 10) + "#" + f.str(PW, 7);

  it("DOCKER_PASSWORD ?= <pw> is an assignment; a reference is not reported", () => {
    expect(secretsIn("Makefile", `REGISTRY ?= registry.example.org\nDOCKER_PASSWORD ?= ${pw}\nTOKEN ?= $(shell cat .token)\n`)).toEqual(["2:20 generic-password"]);
  });

  it("a password between escaped quotes in a raw body, at its first character, never printed", () => {
    const text = `{\n  "request": {\n    "body": { "mode": "raw", "raw": "{\\"username\\": \\"svc\\", \\"password\\": \\"${pw}\\"}" }\n  }\n}\n`;
    expect(secretsIn("postman/c.postman_collection.json", text)).toEqual([`3:${(text.split("\n")[2] ?? "").indexOf(pw) + 1} generic-password`]);
    expect(JSON.stringify(scanSources([{ path: "postman/c.postman_collection.json", text }]).findings)).not.toContain(pw.slice(2));
    expect(secretsIn("postman/c.postman_collection.json", text.replace(pw, "{{password}}"))).toEqual([]);
  });
});

describe("Redis's --requirepass", () => {
  const pw = f.str(PW, 18);
  it("is a password flag: reported at its first character; a reference is not", () => {
    const text = `services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${pw} --appendonly yes\n  cache2:\n    command: ["redis-server", "--requirepass", "\${REDIS_PASSWORD}"]\n`;
    expect(secretsIn("docker-compose.yml", text)).toEqual(["4:41 generic-cli-flag"]);
  });
});

describe("Spring Security's {noop} password (plain text after the encoder id)", () => {
  const pw = f.str(PW, 17) + "3";
  it("the password after {noop}, at its first character, never printed; {bcrypt} and references stay quiet", () => {
    const props = `spring.security.user.name=admin\nspring.security.user.password={noop}${pw}\nops.password={bcrypt}$2a$10$${f.str("./" + PW, 53)}\nci.password={noop}\${CI_PASSWORD}\n`;
    expect(secretsIn("src/main/resources/application.properties", props)).toEqual(["2:37 generic-password"]);
    expect(secretsIn("src/main/resources/application.yml", `spring:\n  security:\n    user:\n      password: "{noop}${pw}"\n`)).toEqual(["4:24 generic-password"]);
    expect(JSON.stringify(scanSources([{ path: "application.properties", text: props }]).findings)).not.toContain(pw.slice(2));
  });
});

describe("PowerShell's ConvertTo-SecureString -AsPlainText", () => {
  const pw = f.str(PW, 8) + "#" + f.str(PW, 9);
  it("the quoted password, not the cmdlet's name, at its first character", () => {
    const text = [
      `$SecurePassword = ConvertTo-SecureString "${pw}" -AsPlainText -Force`,
      `$Cred = New-Object PSCredential("svc", (ConvertTo-SecureString -String '${pw}' -AsPlainText -Force))`,
      `$Password = Read-Host -AsSecureString`,
      `$secpasswd = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force`,
    ].join("\n");
    const col = (line: number) => (text.split("\n")[line - 1] ?? "").indexOf(pw) + 1;
    expect(secretsIn("deploy/deploy.ps1", text)).toEqual([`1:${col(1)} generic-password`, `2:${col(2)} generic-password`]);
    expect(JSON.stringify(scanSources([{ path: "deploy/deploy.ps1", text }]).findings)).not.toContain(pw.slice(2));
  });
});

describe("a MySQL client's -p<pw>", () => {
  const pw = f.str(PW, 17) + "8";
  it.each([
    [".gitlab-ci.yml", `test:\n  script:\n    - mysql -h db -u root -p${pw} < schema.sql\n`],
    ["scripts/backup.sh", `mysqldump -uroot -p'${pw}' shop > /backup/shop.sql\n`],
    ["scripts/check.sh", `docker exec db mysql -uroot -p${pw} -e "show databases"\n`],
  ])("%s: the password at its first character, never printed", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-cli-flag");
  });

  it("a prompt (-p alone), the port (-P), references, placeholders and defaults stay quiet", () => {
    const text = [
      `mysql -u root -p -P3306 shop`,
      `mysql -u root -p$MYSQL_ROOT_PASSWORD`,
      `mysqladmin ping -h localhost -p"\${MYSQL_PASSWORD}"`,
      `mysql -uroot -proot`,
      `Run mysql -u <user> -p<password> <database> to connect.`,
    ].join("\n");
    expect(secretsIn("scripts/db.sh", text)).toEqual([]);
  });
});

describe("a random value that holds '<' and '>' (a WordPress salt): no <placeholder>", () => {
  // WordPress's salt service draws from letters, digits and 30 symbols, '<' and '>' among them.
  const SALT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()-_[]{}~+=,.;:/?|";
  const salt = f.str(SALT, 20) + "<k#" + f.str(SALT, 6) + "(>" + f.str(SALT, 30);

  it("wp-config.php's AUTH_KEY is reported at its first character", () => {
    expectOnlyAt("wp-config.php", `<?php\ndefine( 'AUTH_KEY',         '${salt}' );\n`, salt, "wordpress-auth-salt");
  });

  it("a password with '<' ... '>' in a .env is reported; a name in angle brackets or a template tag stays quiet", () => {
    const pw = f.str(PW, 6) + "<=" + f.str(PW, 4) + "%>" + f.str(PW, 6);
    expectOnlyAt(".env", `SMTP_PASSWORD=${pw}\n`, pw, "generic-password");
    expect(secretsIn("wp-config.php", `<?php\ndefine( 'AUTH_KEY', '<put your unique phrase here>' );\n`)).toEqual([]);
    expect(secretsIn("config/database.yml", `production:\n  password: <%= ENV.fetch("DB_PASSWORD") %>\n`)).toEqual([]);
    expect(secretsIn(".env", `SMTP_PASSWORD=<YourStrong!Passw0rd>\nAPI_KEY=<from vault: team/api-key>\n`)).toEqual([]);
  });
});

describe("a Firebase client configuration's API key (public by design) is a note; another Google API key an error", () => {
  const key = () => "AI" + "za" + f.b64url(35);
  /** hardcoded-secret findings as `line:column provider level`. */
  const levels = (path: string, text: string) =>
    scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column} ${x.secret?.provider ?? ""} ${x.level}`);

  it.each([
    ["web/src/firebase.js", (k: string) => `const firebaseConfig = {\n  apiKey: "${k}",\n  authDomain: "shop-3f2a1.firebaseapp.com",\n  projectId: "shop-3f2a1",\n  messagingSenderId: "${f.digits(12)}",\n};\n`, "2:12"],
    ["web/.env.local", (k: string) => `NEXT_PUBLIC_FIREBASE_API_KEY=${k}\n`, "1:30"],
    ["android/app/google-services.json", (k: string) => `{\n  "client": [{\n    "api_key": [{ "current_key": "${k}" }]\n  }]\n}\n`, "3:35"],
    ["ios/GoogleService-Info.plist", (k: string) => `<dict>\n\t<key>API_KEY</key>\n\t<string>${k}</string>\n\t<key>GCM_SENDER_ID</key>\n\t<string>${f.digits(12)}</string>\n</dict>\n`, "3:10"],
  ])("%s: a note", (path, text, at) => {
    expect(levels(path, text(key()))).toEqual([`${at} firebase-api-key note`]);
  });

  it.each([
    [".env", (k: string) => `GEMINI_API_KEY=${k}\n`, "1:16"],
    ["src/gemini.ts", (k: string) => `const config = {\n  apiKey: "${k}",\n  model: "gemini-2.0-flash",\n};\n`, "2:12"],
  ])("%s: an error", (path, text, at) => {
    expect(levels(path, text(key()))).toEqual([`${at} google-api-key error`]);
  });

  it("asks to restrict a Firebase key, not to rotate it; another Google API key is still to rotate", () => {
    const message = (path: string, text: string) => scanSources([{ path, text }]).findings.find((x) => x.ruleId === "hardcoded-secret")?.message ?? "";
    const firebase = message("web/.env.local", `NEXT_PUBLIC_FIREBASE_API_KEY=${key()}\n`);
    expect(firebase).toContain("restrict it rather than rotate it (API restrictions that allow only the Firebase APIs the app calls, and App Check)");
    expect(firebase).not.toMatch(/rotate it\.|, rotate it,/);
    expect(message(".env", `GEMINI_API_KEY=${key()}\n`)).toMatch(/Move it to a secret store and rotate it\.$/);
  });
});

describe("a credential given to a call by its setting's name, or to a builder method named after it", () => {
  const pw = f.str(PW, 12) + "7" + f.str(PW, 5);
  it.each([
    ["src/main/java/com/acme/Mailer.java", (v: string) => `    props.put("mail.smtp.password", "${v}");\n`, "generic-password"],
    ["src/main/java/com/acme/Tls.java", (v: string) => `System.setProperty("javax.net.ssl.keyStorePassword", "${v}");\n`, "generic-password"],
    ["jobs/etl.py", (v: string) => `spark.conf.set("fs.s3a.secret.key", "${v}")\n`, "generic-credential"],
    ["cmd/app/main.go", (v: string) => `\tos.Setenv("STRIPE_API_KEY", "${v}")\n`, "generic-credential"],
    ["app/settings.py", (v: string) => `DB_PASSWORD = os.getenv("DB_PASSWORD", "${v}")\n`, "generic-password"],
    ["src/main.rs", (v: string) => `    let res = client.get(url).bearer_auth("${v}").send().await?;\n`, "generic-credential"],
    ["src/Db.java", (v: string) => `DataSourceBuilder.create().username("app").password("${v}").build();\n`, "generic-password"],
  ])("%s: reported at the literal's first character", (path, line, provider) => {
    expectOnlyAt(path, line(pw), pw, provider);
  });

  it("other names, references and placeholders stay quiet", () => {
    expect(secretsIn("src/A.java", `props.put("mail.smtp.host", "${pw}");\nprops.put("mail.smtp.password", System.getenv("SMTP_PASSWORD"));\nSystem.setProperty("javax.net.ssl.keyStorePassword", "<keystore password>");\n`)).toEqual([]);
    expect(secretsIn("app/settings.py", `DB_PASSWORD = os.getenv("DB_PASSWORD", "")\nTOKEN = os.environ.get("API_TOKEN", "changeme")\nx = cache.get("token_count", "${pw}")\n`)).toEqual([]);
    expect(secretsIn("src/main.rs", `client.get(url).bearer_auth(&token).header("X-Request-Id", "${pw}")\n`)).toEqual([]);
  });
});

describe("sshpass's -p flag", () => {
  const pw = f.str(PW, 11) + "5" + f.str(PW, 4);
  it.each([
    ["scripts/deploy.sh", `sshpass -p '${pw}' scp release.tar.gz deploy@10.0.0.5:/srv/releases/\n`],
    [".github/workflows/deploy.yml", `      - run: sshpass -p ${pw} ssh -o StrictHostKeyChecking=no deploy@host ./restart.sh\n`],
    ["Jenkinsfile", `sh "sshpass -p${pw} rsync -az dist/ deploy@host:/srv/app"\n`],
  ])("%s: the password at its first character", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-cli-flag");
  });

  it("a reference, -e (the environment) and -f (a file) stay quiet", () => {
    expect(secretsIn("scripts/deploy.sh", `sshpass -p "$SSHPASS" ssh deploy@host\nsshpass -e ssh deploy@host\nsshpass -f ~/.ssh/pw ssh deploy@host\n`)).toEqual([]);
  });
});

describe("a keyword/value connection string in program source (libpq's host=... password=... dbname=...)", () => {
  const pw = f.str(PW, 10) + "8" + f.str(PW, 6);
  it.each([
    ["cmd/server/main.go", `\tdb, err := sql.Open("postgres", "host=db.internal user=app password=${pw} dbname=app sslmode=require")\n`],
    ["app/db.py", `conn = psycopg2.connect("dbname=shop user=shop password=${pw}")\n`],
    ["src/Db.cs", `var cs = "Driver={PostgreSQL};Server=db; host=db port=5432 password=${pw} dbname=shop";\n`],
  ])("%s: the password at its first character", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-password");
  });

  it("code that assigns with blanks around it, references and a lone pair stay quiet", () => {
    expect(secretsIn("app/db.py", `password = get_password() if x else y\nconn = connect("host=db user=app password=" + os.environ["PGPASSWORD"])\n`)).toEqual([]);
    expect(secretsIn("src/a.go", `\tdsn := fmt.Sprintf("host=%s user=%s password=%s dbname=%s", h, u, p, d)\n`)).toEqual([]);
  });
});

describe("a SealedSecret's encryptedData (kubeseal ciphertext, made to be committed)", () => {
  const sealed = () => "Ag" + "B" + f.b64(729);
  const doc = (a: string, b: string) => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: app-secrets\nspec:\n  encryptedData:\n    DB_PASSWORD: ${a}\n    API_TOKEN: ${b}\n`;

  it("stays quiet", () => {
    expect(secretsIn("k8s/sealed-secret.yaml", doc(sealed(), sealed()))).toEqual([]);
  });

  it("a long random value of another shape under a credential key is still reported", () => {
    const other = "Zk" + f.b64(729);
    expectOnlyAt("k8s/secret.yaml", `apiVersion: v1\nkind: Secret\nstringData:\n  API_TOKEN: ${other}\n`, other, "generic-credential");
  });
});

describe("Pusher's and Reverb's app key (the browser client's) is public; their app secret is not", () => {
  it("a Laravel .env gives the secrets only", () => {
    const secret = f.hex(20);
    const reverb = f.lower(20) + "3";
    const text = `PUSHER_APP_ID=${f.digits(7)}\nPUSHER_APP_KEY=${f.hex(20)}\nPUSHER_APP_SECRET=${secret}\nVITE_PUSHER_APP_KEY="\${PUSHER_APP_KEY}"\nREVERB_APP_KEY=${f.lower(20)}\nREVERB_APP_SECRET=${reverb}\n`;
    expect(secretsIn(".env", text)).toEqual([plantedAt(text, secret, "generic-credential"), plantedAt(text, reverb, "generic-credential")]);
  });
});

describe("Spring's ${NAME:default} placeholder with a literal default", () => {
  const pw = f.str(PW, 12) + "6" + f.str(PW, 5);
  it.each([
    ["src/main/resources/application.yml", `spring:\n  datasource:\n    password: \${DB_PASSWORD:${pw}}\n`],
    ["src/main/resources/application.properties", `spring.datasource.password=\${app.db.password:${pw}}\n`],
  ])("%s: the default at its first character", (path, text) => {
    expectOnlyAt(path, text, pw, "generic-password");
  });

  it("an empty or common default, a port, and a client's ${env:NAME} / ${input:id} stay quiet", () => {
    expect(secretsIn("src/main/resources/application.yml", `a:\n  password: \${DB_PASSWORD:}\n  user-password: \${USER_PASSWORD:changeit}\n  port: \${SERVER_PORT:8080}\n`)).toEqual([]);
    expect(secretsIn(".vscode/settings.json", `{ "x.token": "\${env:GITHUB_PERSONAL_ACCESS_TOKEN}", "y.key": "\${input:openai_api_key_2024}" }\n`)).toEqual([]);
  });
});

describe("a Terraform variable named for a credential, with a literal default", () => {
  const pw = f.str(PW, 12) + "9" + f.str(PW, 5);
  it("the default is reported at its first character", () => {
    const text = `variable "region" {\n  default = "eu-west-1"\n}\n\nvariable "master_password" {\n  type        = string\n  description = "Master password for the cluster"\n  default     = "${pw}"\n  sensitive   = true\n}\n`;
    expectOnlyAt("infra/modules/rds/variables.tf", text, pw, "generic-password");
  });

  it("no default, a reference, an empty default and another variable's default stay quiet", () => {
    const text = `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nvariable "api_token" {\n  default = ""\n}\n\nvariable "replica_password" {\n  default = var.master_password\n}\n\nvariable "instance_class" {\n  default = "${pw}"\n}\n`;
    expect(secretsIn("variables.tf", text)).toEqual([]);
  });
});

describe("SQL INSERT rows whose column list names a credential", () => {
  const pw = f.str(PW, 12) + "4" + f.str(PW, 5);
  const secret = f.alnum(40);
  it("the literal at the credential column is reported, in each row", () => {
    const text = `INSERT INTO users (id, email, password, role) VALUES (2, 'ops@acme.example', '${pw}', 'ops');\n`;
    expectOnlyAt("db/seed.sql", text, pw, "generic-password");
    const rows = `INSERT INTO \`oauth_clients\` (\`id\`, \`name\`, \`client_secret\`) VALUES (1, 'it''s web', '${secret}'), (2, 'cli', NULL);\n`;
    expectOnlyAt("db/seed.sql", rows, secret, "generic-credential");
  });

  it("a hash column, a bcrypt value, rows without a column list and other columns stay quiet", () => {
    const bcrypt = "$2y$10$" + f.str("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 53);
    expect(secretsIn("db/seed.sql", `INSERT INTO users (id, email, password_hash) VALUES (1, 'a@b.example', '${pw}');\nINSERT INTO users (id, password) VALUES (1, '${bcrypt}');\nINSERT INTO \`users\` VALUES (1,'admin','${pw}');\nINSERT INTO users (id, password, note) VALUES (3, NULL, '${pw}');\n`)).toEqual([]);
  });
});

describe("Postman's apikey auth", () => {
  const key = f.alnum(32);
  it("the entry named value holds the API key", () => {
    const text = JSON.stringify({ auth: { type: "apikey", apikey: [{ key: "value", value: key, type: "string" }, { key: "key", value: "X-API-Key", type: "string" }] } }, null, 2) + "\n";
    expectOnlyAt("postman/orders.postman_collection.json", text, key, "generic-credential");
    const inline = `{ "auth": { "type": "apikey", "apikey": [{ "key": "value", "value": "${key}", "type": "string" }, { "key": "key", "value": "X-API-Key", "type": "string" }] } }\n`;
    expectOnlyAt("postman/inline.postman_collection.json", inline, key, "generic-credential");
  });

  it("so does a pretty-printed header pair's value under a key that names a credential", () => {
    const text = JSON.stringify({ request: { header: [{ key: "X-Api-Key", value: key, type: "text" }, { key: "Accept", value: f.alnum(24), type: "text" }] } }, null, 2) + "\n";
    expectOnlyAt("postman/h.postman_collection.json", text, key, "generic-credential");
  });

  it("a variable there stays quiet", () => {
    expect(secretsIn("p.postman_collection.json", `{ "apikey": [{ "key": "value", "value": "{{apiKey}}", "type": "string" }] }\n`)).toEqual([]);
  });
});
