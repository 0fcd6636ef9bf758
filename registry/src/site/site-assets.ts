import { createHash } from "node:crypto";

/** The catalog pages' stylesheet (inlined; no external assets). */
export const SITE_CSS = `
:root{color-scheme:light dark;--fg:#1d1f24;--muted:#5b6170;--bg:#fff;--card:#f6f7f9;--line:#d9dce3;--accent:#1d4aff;--bad:#b42318;--bad-bg:#fee4e2;--ok:#067647}
@media (prefers-color-scheme:dark){:root{--fg:#eceef2;--muted:#a5abb8;--bg:#15171c;--card:#1f2229;--line:#363a45;--accent:#8ea6ff;--bad:#ffb4ab;--bad-bg:#4a1410;--ok:#6ce9a6}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:1px solid var(--line)}
h1{margin:.25rem 0;font-size:1.75rem}
h2{margin-top:2rem;font-size:1.25rem}
a{color:var(--accent)}
a:focus-visible,input:focus-visible,select:focus-visible,.skip:focus{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.muted{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0}
.filters label{display:block;font-weight:600;font-size:.9rem}
input,select{font:inherit;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);min-width:14rem}
ul.cards{list-style:none;padding:0;display:grid;gap:.75rem}
ul.cards li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem}
ul.cards h3{margin:0;font-size:1.1rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .5rem;border-radius:999px;border:1px solid var(--line);margin-left:.35rem;vertical-align:middle}
.badge.revoked{color:var(--bad);background:var(--bad-bg);border-color:var(--bad)}
.badge.ok{color:var(--ok);border-color:var(--ok)}
.badge.status-deprecated,.badge.status-alpha{color:var(--bad);border-color:var(--bad)}
.deprecated{border-left:4px solid var(--bad);padding:.25rem .75rem;background:var(--bad-bg)}
img.icon{vertical-align:middle;border-radius:6px}
ul.links{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
pre{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;overflow-x:auto}
.alert{border:2px solid var(--bad);background:var(--bad-bg);color:var(--bad);padding:.75rem 1rem;border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--card)}
code{font-size:.9em;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
[hidden]{display:none!important}
`.trim();

/** The index page's search and filters (progressive: without it every connector is listed). */
export const SITE_JS = `
(function(){
var q=document.getElementById("q"),filters=["type","category","status","support"].map(function(id){return document.getElementById(id)}),items=[].slice.call(document.querySelectorAll("#connectors > li")),count=document.getElementById("count"),empty=document.getElementById("empty");
function matches(li,select){
  var v=select.value;if(!v)return true;
  return select.id==="category"?(" "+li.getAttribute("data-categories")+" ").indexOf(" "+v+" ")>=0:li.getAttribute("data-"+select.id)===v;
}
function apply(){
  var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;
  items.forEach(function(li){
    var hay=li.getAttribute("data-search"),ok=filters.every(function(s){return matches(li,s)})&&words.every(function(w){return hay.indexOf(w)>=0});
    li.hidden=!ok;if(ok)shown++;
  });
  count.textContent=shown+" of "+items.length+" connector"+(items.length===1?"":"s");
  empty.hidden=shown!==0;
  try{var p=new URLSearchParams();if(q.value)p.set("q",q.value);filters.forEach(function(s){if(s.value)p.set(s.id,s.value)});history.replaceState(null,"",p.toString()?"?"+p:location.pathname)}catch(e){}
}
try{var p=new URLSearchParams(location.search);if(p.get("q"))q.value=p.get("q");filters.forEach(function(s){var v=p.get(s.id);if(v&&[].some.call(s.options,function(o){return o.value===v}))s.value=v})}catch(e){}
q.addEventListener("input",apply);filters.forEach(function(s){s.addEventListener("change",apply)});
document.getElementById("filters").addEventListener("submit",function(e){e.preventDefault();apply()});
apply();
})();
`.trim();

/** A connector page's script: shows the registry's full URL, computed from where the page is served. */
export const CONNECTOR_JS = `
(function(){var el=document.getElementById("registry-url");if(el&&!/^https?:/.test(el.textContent)){try{el.textContent=new URL("../registry.json",location.href).href}catch(e){}}})();
`.trim();

/** A Content-Security-Policy that allows only the inlined stylesheet and (when given) the inlined script. */
export function contentSecurityPolicy(script?: string): string {
  const scriptSrc = script ? `'sha256-${createHash("sha256").update(script).digest("base64")}'` : "'none'";
  return `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptSrc}; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
}
