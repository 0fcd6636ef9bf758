import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

const addFormats = ajvFormats.default;

function isJsonText(value: string): boolean {
  if (value === "") return true;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

let shared: Ajv2020 | undefined;

/**
 * The one ajv instance of the process: draft 2020-12, strict, every error, standard formats plus
 * `json-text` (a string holding valid JSON). Compile schemas once and reuse the validators.
 */
export function getAjv(): Ajv2020 {
  if (!shared) {
    shared = new Ajv2020({ strict: true, strictRequired: false, strictTuples: false, allErrors: true, verbose: true });
    addFormats(shared);
    shared.addFormat("json-text", { type: "string", validate: isJsonText });
  }
  return shared;
}
