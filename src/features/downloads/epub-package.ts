import type { DownloadableWork } from './downloads.types.ts';
import { allTags, languageTag, w3cDateTime } from './meta.ts';
import { xmlEscape as e } from './xhtml.ts';

/** The EPUB's packaging files: container.xml, the OPF package document, nav.xhtml and toc.ncx. */

/** A file of the publication other than mimetype and META-INF (paths relative to OEBPS/). */
export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  /** In the spine (reading order), and listed in the tables of contents under this label. */
  tocLabel?: string;
}

export const XHTML_TYPE = 'application/xhtml+xml';

export function epubIdentifier(work: DownloadableWork): string {
  return `urn:quire:work:${work.id}`;
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** Series metadata both the EPUB 3 way (belongs-to-collection) and calibre's own way. */
function seriesMetadata(work: DownloadableWork): string[] {
  if (!work.series) return [];
  const { title, part } = work.series;
  return [
    `<meta property="belongs-to-collection" id="c1">${e(title)}</meta>`,
    `<meta refines="#c1" property="collection-type">series</meta>`,
    `<meta refines="#c1" property="group-position">${part}</meta>`,
    `<meta name="calibre:series" content="${e(title)}"/>`,
    `<meta name="calibre:series_index" content="${part}"/>`,
  ];
}

export function packageDocument(
  work: DownloadableWork,
  items: ManifestItem[],
  description: string,
  modified: Date,
): string {
  const lang = languageTag(work.language);
  const published = w3cDateTime(work.publishedAt);
  const metadata = [
    `<dc:identifier id="uid">${e(epubIdentifier(work))}</dc:identifier>`,
    `<dc:title id="title">${e(work.title)}</dc:title>`,
    ...work.creators.flatMap((name, i) => [
      `<dc:creator id="creator${i + 1}">${e(name)}</dc:creator>`,
      `<meta refines="#creator${i + 1}" property="role" scheme="marc:relators">aut</meta>`,
    ]),
    `<dc:language>${e(lang)}</dc:language>`,
    description ? `<dc:description>${e(description)}</dc:description>` : '',
    `<dc:publisher>Quire</dc:publisher>`,
    published ? `<dc:date>${published}</dc:date>` : '',
    `<dc:source>${e(work.url)}</dc:source>`,
    ...allTags(work).map((tag) => `<dc:subject>${e(tag)}</dc:subject>`),
    `<meta property="dcterms:modified">${w3cDateTime(modified)}</meta>`,
    ...seriesMetadata(work),
  ].filter(Boolean);
  const manifest = items.map(
    (item) =>
      `<item id="${item.id}" href="${e(item.href)}" media-type="${item.mediaType}"` +
      `${item.properties ? ` properties="${item.properties}"` : ''}/>`,
  );
  const spine = items.filter((item) => item.tocLabel).map((item) => `<itemref idref="${item.id}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${e(lang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join('\n')}
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine toc="ncx">
${spine.join('\n')}
</spine>
</package>
`;
}

/** The EPUB 3 navigation document: the table of contents and landmarks. */
export function navDocument(work: DownloadableWork, items: ManifestItem[]): string {
  const lang = e(languageTag(work.language));
  const entries = items.filter((item) => item.tocLabel);
  const toc = entries.map((item) => `<li><a href="${e(item.href)}">${e(item.tocLabel!)}</a></li>`);
  const first = entries.find((item) => item.id.startsWith('chapter')) ?? entries[0];
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head><title>${e(work.title)}</title></head>
<body>
<nav epub:type="toc" id="toc"><h1>Contents</h1>
<ol>
${toc.join('\n')}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>Landmarks</h2>
<ol>
<li><a epub:type="titlepage" href="title.xhtml">Title Page</a></li>
<li><a epub:type="bodymatter" href="${e(first?.href ?? 'title.xhtml')}">Start of Content</a></li>
</ol>
</nav>
</body>
</html>
`;
}

/** The EPUB 2 table of contents, for older reading systems. */
export function ncxDocument(work: DownloadableWork, items: ManifestItem[]): string {
  const points = items
    .filter((item) => item.tocLabel)
    .map(
      (item, i) =>
        `<navPoint id="navpoint-${i + 1}" playOrder="${i + 1}"><navLabel><text>${e(item.tocLabel!)}</text>` +
        `</navLabel><content src="${e(item.href)}"/></navPoint>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${e(languageTag(work.language))}">
<head>
<meta name="dtb:uid" content="${e(epubIdentifier(work))}"/>
<meta name="dtb:depth" content="1"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${e(work.title)}</text></docTitle>
${work.creators.map((name) => `<docAuthor><text>${e(name)}</text></docAuthor>`).join('\n')}
<navMap>
${points.join('\n')}
</navMap>
</ncx>
`;
}
