/**
 * Terraform state (`*.tfstate`, `*.tfstate.backup`): the values its structure marks as secrets are
 * reported once, at their first character. Values are built at test time.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("terraform-state");
const PROVIDER = 'provider["registry.terraform.io/hashicorp/random"]';

const dbPassword = f.alnum(16);
const tokenString = f.alnum(24);
const suffix = f.str("abcdefghijklmnopqrstuvwxyz", 6);
const ssmValue = f.alnum(20);
const rdsPassword = f.alnum(18);
const redisKey = f.b64(44);
const outputSecret = f.alnum(22);
const bcrypt = `$2a$10$${f.str("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./", 53)}`;

const attr = (value: string) => ({ type: "get_attr", value });
const instance = (attributes: Record<string, unknown>, sensitive: unknown[] = []) => ({ schema_version: 0, attributes, sensitive_attributes: sensitive });
const resource = (type: string, name: string, ...instances: unknown[]) => ({ mode: "managed", type, name, provider: PROVIDER, instances });

/** A state as Terraform 1.x writes it (two-space indent, one attribute a line). */
function state(): string {
  const resources = [
    // An older random provider repeats the result as the id: one finding, at the result.
    resource("random_password", "db", instance({ bcrypt_hash: bcrypt, id: dbPassword, length: 16, result: dbPassword, special: false }, [[attr("bcrypt_hash")], [attr("result")]])),
    resource("random_string", "suffix", instance({ id: suffix, length: 6, result: suffix, upper: false })),
    resource("random_string", "api_token", instance({ id: tokenString, length: 24, result: tokenString })),
    resource("aws_ssm_parameter", "app", instance({ name: "/app/db", type: "SecureString", value: ssmValue }, [[attr("value")]])),
    resource("aws_db_instance", "main", instance({ identifier: "main", password: rdsPassword, username: "app" }, [[attr("password")]])),
    resource("kubernetes_secret", "redis", instance({ data: { REDIS_HOST: "redis.internal", REDIS_KEY: redisKey } }, [[attr("data"), { type: "index", value: { value: "REDIS_KEY", type: "string" } }]])),
    // What a tool that redacts state leaves: no value.
    resource("azurerm_linux_virtual_machine", "vm", instance({ admin_password: "[secret]", custom_data: "" }, [[attr("admin_password")], [attr("custom_data")]])),
  ];
  const outputs = { db_endpoint: { value: "main.internal:5432", type: "string" }, admin_secret: { value: outputSecret, type: "string", sensitive: true } };
  return `${JSON.stringify({ version: 4, terraform_version: "1.5.7", serial: 3, lineage: "lineage", outputs, resources }, null, 2)}\n`;
}

/** `line:column level provider title` of each hardcoded-secret finding. */
function findingsIn(path: string, text: string): string[] {
  return scanSources([{ path, text }])
    .findings.filter((x) => x.ruleId === "hardcoded-secret")
    .map((x) => `${x.loc.line}:${x.loc.column} ${x.level} ${x.secret?.provider ?? ""} ${x.message.slice(0, x.message.indexOf(" in this file"))}`);
}

/** `line:column` of the first character of `value` after `"key": "` in `text`. */
function at(text: string, key: string, value: string): string {
  const i = text.indexOf(`"${key}": "${value}"`) + key.length + 5;
  const before = text.slice(0, i);
  return `${before.split("\n").length}:${i - before.lastIndexOf("\n")}`;
}

describe("Terraform state", () => {
  const text = state();

  it("reports each generated, sensitive-listed and sensitive-output value once, at its first character", () => {
    expect(findingsIn("terraform.tfstate", text)).toEqual([
      `${at(text, "admin_secret\": {\n      \"value", outputSecret)} warning generic-credential Sensitive output (\`admin_secret\`) in Terraform state`,
      `${at(text, "result", dbPassword)} error generic-password Generated password (\`random_password.db\` result) in Terraform state`,
      `${at(text, "result", tokenString)} error generic-credential Generated credential (\`random_string.api_token\` result) in Terraform state`,
      `${at(text, "value", ssmValue)} warning generic-credential Sensitive value (\`aws_ssm_parameter.app\` value) in Terraform state`,
      `${at(text, "password", rdsPassword)} warning generic-password Sensitive value (\`aws_db_instance.main\` password) in Terraform state`,
      `${at(text, "REDIS_KEY", redisKey)} warning generic-credential Sensitive value (\`kubernetes_secret.redis\` REDIS_KEY) in Terraform state`,
    ]);
  });

  it("prints none of the values", () => {
    const out = JSON.stringify(scanSources([{ path: "terraform.tfstate", text }]).findings);
    for (const v of [dbPassword, tokenString, ssmValue, rdsPassword, redisKey, outputSecret]) expect(out).not.toContain(v.slice(3));
  });

  it("reads a backup state as the state", () => {
    expect(findingsIn("envs/prod/terraform.tfstate.backup", text)).toHaveLength(6);
  });

  it("reads the structure only in a file named as a state: elsewhere the line checks alone (credential-named keys)", () => {
    expect(findingsIn("docs/state-example.json", text).map((s) => s.split(" ").slice(0, 3).join(" "))).toEqual([
      `${at(text, "password", rdsPassword)} warning generic-password`,
      `${at(text, "REDIS_KEY", redisKey)} warning generic-credential`,
    ]);
  });
});
