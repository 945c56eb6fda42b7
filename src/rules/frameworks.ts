/**
 * Framework identifiers that rules may carry in `meta.frameworks`, each with
 * its published title and the page it was checked against. Only identifiers
 * verified against a published list are here; a test fails when a rule uses
 * one that is not. SARIF carries them as tags (`owasp-agentic/ASI03`,
 * `nist-csf/PR.AA-05`).
 */

export interface FrameworkSource {
  readonly url: string;
  readonly title: string;
}

export interface FrameworkEntry {
  readonly framework: "OWASP Top 10 for Agentic Applications (2026)" | "NIST CSF 2.0";
  readonly title: string;
  readonly source: FrameworkSource;
}

/** The OWASP list as published by the OWASP GenAI Security Project (December 2025). */
const OWASP_AGENTIC: FrameworkSource = {
  url: "https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/",
  title: "OWASP Top 10 for Agentic Applications for 2026 (ids and titles checked on https://www.promptfoo.dev/docs/red-team/owasp-agentic-ai and https://docs.modulos.ai/frameworks/owasp-top-10-agentic/)",
};

const csf = (path: string, id: string): FrameworkSource => ({
  url: `https://csf.tools/reference/nist-cybersecurity-framework/v2-0/${path}/`,
  title: `NIST Cybersecurity Framework 2.0, ${id} (csf.tools reference)`,
});

const owasp = (title: string): FrameworkEntry => ({ framework: "OWASP Top 10 for Agentic Applications (2026)", title, source: OWASP_AGENTIC });
const nist = (title: string, source: FrameworkSource): FrameworkEntry => ({ framework: "NIST CSF 2.0", title, source });

export const FRAMEWORKS: Readonly<Record<string, FrameworkEntry>> = {
  "owasp-agentic/ASI02": owasp("Tool Misuse and Exploitation"),
  "owasp-agentic/ASI03": owasp("Identity and Privilege Abuse"),
  "owasp-agentic/ASI04": owasp("Agentic Supply Chain Vulnerabilities"),
  "owasp-agentic/ASI05": owasp("Unexpected Code Execution"),
  "nist-csf/PR.AA-01": nist("Identities and credentials for authorized users, services, and hardware are managed by the organization", csf("pr/pr-aa/pr-aa-01", "PR.AA-01")),
  "nist-csf/PR.AA-03": nist("Users, services, and hardware are authenticated", { url: "https://kjoelensecurity.com/csf/pr.aa.html", title: "NIST CSF 2.0 PR.AA (Identity Management, Authentication, and Access Control) subcategories" }),
  "nist-csf/PR.AA-05": nist(
    "Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed, and incorporate the principles of least privilege and separation of duties",
    { url: "https://kjoelensecurity.com/csf/pr.aa.html", title: "NIST CSF 2.0 PR.AA (Identity Management, Authentication, and Access Control) subcategories" },
  ),
  "nist-csf/PR.DS-02": nist("The confidentiality, integrity, and availability of data-in-transit are protected", { url: "https://www.sherlockforensics.com/compliance/nist-csf/pr-ds-02.html", title: "NIST CSF 2.0 PR.DS-02: Data-in-Transit Protection" }),
  "nist-csf/PR.PS-01": nist("Configuration management practices are established and applied", csf("pr/pr-ps/pr-ps-01", "PR.PS-01")),
  "nist-csf/PR.PS-04": nist("Log records are generated and made available for continuous monitoring", csf("pr/pr-ps/pr-ps-04", "PR.PS-04")),
  "nist-csf/DE.CM-03": nist("Personnel activity and technology usage are monitored to find potentially adverse events", csf("de/de-cm/de-cm-03", "DE.CM-03")),
  "nist-csf/GV.PO-01": nist("Policy for managing cybersecurity risks is established based on organizational context, cybersecurity strategy, and priorities and is communicated and enforced", csf("gv/gv-po/gv-po-01", "GV.PO-01")),
};

/** `owasp-agentic/ASI03` → `OWASP ASI03 Identity and Privilege Abuse`. */
export function frameworkLabel(id: string): string {
  const e = FRAMEWORKS[id];
  const short = id.replace(/^owasp-agentic\//, "OWASP ").replace(/^nist-csf\//, "NIST CSF ");
  return e ? `${short} ${e.title}` : short;
}
