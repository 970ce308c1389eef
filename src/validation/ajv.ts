import { _ } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The fields of an OpenAPI document that hold schemas; ajv sees them as the root of the document. */
const DOCUMENT_FIELDS = ['paths', 'components'];
/** OpenAPI's base vocabulary: annotations inside schemas that JSON Schema 2020-12 does not define. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'discriminator'];

let instance: Ajv2020 | undefined;

/**
 * The one Ajv instance: JSON Schema 2020-12 (OpenAPI 3.1's dialect), strict so that a typo in a
 * hand-written schema is an error instead of a silently ignored keyword, and allErrors so that a
 * failure lists every violation.
 */
export function sharedAjv(): Ajv2020 {
  if (!instance) {
    instance = new Ajv2020({
      strict: true,
      allErrors: true,
      validateFormats: true,
      // Compiled validators can be kept as code (validators.ts); the formats' code then requires them.
      code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
    });
    addFormats(instance);
    for (const keyword of [...DOCUMENT_FIELDS, ...OPENAPI_ANNOTATIONS]) instance.addKeyword({ keyword });
    // Specification extensions (x-...) may stand anywhere in a document; ajv needs each one named.
  }
  return instance;
}

/** Registers the extension keywords a document uses, so strict mode accepts them as annotations. */
export function declareExtensions(ajv: Ajv2020, doc: unknown): void {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) seen.add(key);
      visit(value);
    }
  };
  visit(doc);
  for (const keyword of seen) if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
}
