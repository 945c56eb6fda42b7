/**
 * Template copies of a `.env` file: `.env.example`, `.env.sample`, `.env.template`,
 * `.env.dist`. A project ships one to document its settings and their defaults
 * (`cp .env.example .env`, then fill in); nothing runs with it.
 */
const TEMPLATE_ENV = /(?:^|\/)\.env\.(?:example|sample|template|dist)$/i;

/** Is `path` (POSIX, relative or absolute) a template `.env` file, the documentation of a deployment's settings rather than one? */
export function isTemplateEnvFile(path: string): boolean {
  return TEMPLATE_ENV.test(path);
}
