/**
 * Goose `config.yaml`: the `extensions` map plus `GOOSE_MODE`, whose default
 * (`auto`) runs every tool without approval.
 */
import { entry, str } from "../../../parse/doc.js";
import type { Adapter } from "../../adapter.js";
import { gooseAdapter } from "../server-maps.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "goose";

export const gooseConfigAdapter: Adapter = (input) => {
  const servers = gooseAdapter(input).servers;
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, "client");
    const mode = entry(doc, "GOOSE_MODE");
    const v = str(mode?.value);
    if (!mode || v === undefined) {
      d.setDefault("allow", "`GOOSE_MODE` is not set, and its default is `auto`: every tool runs without approval (set `approve` or `smart_approve`)");
    } else if (v === "auto") {
      d.setting("GOOSE_MODE", mode.value, "permissive", "every tool of every extension runs without approval");
      d.setDefault("allow", "`GOOSE_MODE` is `auto`: every tool runs without approval", d.loc(mode.value));
    } else if (v === "chat") {
      d.setDefault("deny", "`GOOSE_MODE` is `chat`: no tools run", d.loc(mode.value));
    } else {
      d.setDefault("ask", `\`GOOSE_MODE\` is \`${v}\`: tools ask before they run`, d.loc(mode.value));
    }
    return d.build(CLIENT, "policy", servers);
  });
  return { servers, policies, diagnostics: [] };
};
