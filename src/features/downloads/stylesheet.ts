/** The stylesheet of the downloads: style.css in the EPUB, inlined in the HTML file. */
export const STYLESHEET = `body { font-family: serif; line-height: 1.5; }
h1.title, p.byline { text-align: center; }
p.byline { font-style: italic; }
p.source { font-size: 0.85em; }
dl.meta { border: 1px solid #999; padding: 0.5em 1em; font-size: 0.9em; }
dl.meta dt { font-weight: bold; margin-top: 0.3em; }
dl.meta dd { margin: 0 0 0 1.5em; }
blockquote.userstuff { margin: 0.5em 1.5em; }
.userstuff p, .userstuff .quire-p { margin: 0 0 1em 0; }
.chapter > h2 { margin-top: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 0.2em 0.4em; }
.center, .quire-center { text-align: center; }
.big { font-size: larger; }
.quire-small { font-size: smaller; }
.quire-em, .quire-i, .quire-cite, .quire-var, a.quire-image { font-style: italic; }
.quire-strong, .quire-b, .quire-h1, .quire-h2, .quire-h3, .quire-h4, .quire-h5, .quire-h6 { font-weight: bold; }
.quire-u { text-decoration: underline; }
.quire-s { text-decoration: line-through; }
.quire-code, .quire-kbd, .quire-samp, .quire-pre { font-family: monospace; }
.quire-pre { white-space: pre-wrap; }
`;
