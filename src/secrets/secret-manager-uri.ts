/**
 * A value that is the address of a secret in a secret manager, not the secret: 1Password
 * `op://vault/item/field` (`op run` and `op inject` read it), HashiCorp Vault `vault:path#key`
 * (bank-vaults' injector), AWS Secrets Manager and SSM ARNs, Google Secret Manager
 * `projects/p/secrets/s`, Azure App Service `@Microsoft.KeyVault(...)`. No leak; the model
 * records it as a secret store reference (which tool resolves it is not the client's business).
 */

/** Whole-value forms, each anchored and without nested quantifiers. */
const URI_FORMS: readonly RegExp[] = [
  /^op:\/\/[^/\s][^/]{0,200}\/[^/]{1,200}\/[^\r\n]{1,300}$/,
  /^vault:[^\s#]{1,300}(?:#[^\s#]{1,100})?$/,
  /^arn:aws[a-z-]{0,20}:(?:secretsmanager|ssm):[^\s]{1,500}$/,
  /^projects\/[^/\s]{1,100}\/secrets\/[^/\s]{1,300}(?:\/versions\/[^/\s]{1,100})?$/,
  /^@Microsoft\.KeyVault\([^()\r\n]{1,500}\)$/,
];

/** The secret manager address this value is (trimmed), or undefined. */
export function secretManagerAddress(value: string): string | undefined {
  const v = value.trim();
  return URI_FORMS.some((re) => re.test(v)) ? v : undefined;
}
