// Writes a CatalogueFile back out as YAML that parseCatalogue reads to an identical value.
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { CatalogueFile } from './catalogue-file.js';

export function serializeCatalogue(catalogue: CatalogueFile): string {
  const document = new Document(catalogue);
  // Short lists of codes or months read best on one line: `account_types: [consumer, business]`.
  visit(document, {
    Seq(_key, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  // The yaml writer quotes every string that would otherwise read back as a number ("200.00",
  // "12345"), which is what keeps money and merchant ids strings through a round trip.
  // lineWidth 0: never fold long plan names, so each value stays on one greppable line.
  return document.toString({ lineWidth: 0 });
}
