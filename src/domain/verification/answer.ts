// Security answers compare after trimming, case folding and accent folding: "  Trois-Rivières" matches "trois-rivieres".

export function foldAnswer(answer: string): string {
  return answer
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('en-CA');
}
