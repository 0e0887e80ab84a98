import type { ParsedPost } from '../features/importer/types.ts';

const list = (items: string[]) => (items.length ? items.join(', ') : '—');

/** `quire import parse FILE` without --json: what was read, and what to check, for a person. */
export function describeParse(post: ParsedPost): string {
  const out: string[] = [];
  const { source } = post;
  if (source.journalTitle) out.push(`Journal:   ${source.journalTitle}`);
  if (source.postedAt) out.push(`Posted:    ${source.postedAt.replace('T', ' ').slice(0, 16)}`);
  if (source.subject) out.push(`Subject:   ${source.subject}`);
  if (source.tags.length) out.push(`Tags:      ${list(source.tags)}`);
  if (!post.hasHeader) out.push('No fic header found: the whole post is taken as the story.');
  post.works.forEach((work, i) => {
    out.push('', `Work ${i + 1}: ${work.title ?? '(no title)'}`);
    if (work.authors.length) out.push(`  Authors:        ${list(work.authors)}`);
    out.push(`  Fandoms:        ${list(work.fandoms)}`);
    out.push(`  Rating:         ${work.rating.value}${work.rating.raw ? ` (“${work.rating.raw}”)` : ''}`);
    out.push(`  Warnings:       ${list(work.warnings.archive)}`);
    out.push(`  Relationships:  ${list(work.relationships)}`);
    if (work.characters.length) out.push(`  Characters:     ${list(work.characters)}`);
    out.push(`  Additional:     ${list(work.additionalTags)}`);
    if (work.series)
      out.push(
        `  Series:         ${work.series.title}${work.series.part ? `, part ${work.series.part}` : ''}`,
      );
    if (work.chapter)
      out.push(`  Chapter:        ${work.chapter.number ?? '?'}/${work.chapter.total ?? '?'}`);
    if (work.summary) out.push(`  Summary:        ${work.summary}`);
    const claimed = work.wordCount.claimed === null ? '' : ` (the header says ${work.wordCount.claimed})`;
    out.push(`  Words:          ${work.wordCount.counted}${claimed}`);
    for (const [label, value] of Object.entries(work.otherFields)) out.push(`  ${label}: ${value}`);
    for (const problem of work.problems) out.push(`  ! ${problem}`);
  });
  for (const problem of post.problems) out.push(`! ${problem}`);
  return `${out.join('\n')}\n`;
}
