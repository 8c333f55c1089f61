/**
 * Renders an email's React elements to static HTML. Not `react-dom/server`: Next refuses it in the
 * React Server Components layer, where server actions and route handlers run (the build fails with
 * "You're importing a component that imports react-dom/server", and at run time the react-server
 * condition resolves it to a module that throws). Emails need only host elements, function
 * components, fragments and text, so this small renderer covers them, escaping every text and
 * attribute the way React does (notify.test.ts compares its output with `renderToStaticMarkup`).
 * No `dangerouslySetInnerHTML`: nothing reaches an email unescaped.
 */
import type { ReactNode } from "react";

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"]);
const ATTRIBUTE_NAMES: Record<string, string> = { className: "class", htmlFor: "for", charSet: "charset", httpEquiv: "http-equiv" };
const UNITLESS = new Set(["fontWeight", "lineHeight", "opacity", "zIndex", "flex", "flexGrow", "flexShrink", "order"]);
const FRAGMENT = Symbol.for("react.fragment");
const ELEMENTS = new Set([Symbol.for("react.transitional.element"), Symbol.for("react.element")]);

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => entities[c]!);

interface Element {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown>;
}

export function renderHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escape(node);
  if (typeof node === "number" || typeof node === "bigint") return escape(String(node));
  if (Array.isArray(node)) return node.map((child) => renderHtml(child as ReactNode)).join("");
  const element = node as unknown as Element;
  if (typeof node !== "object" || !ELEMENTS.has(element.$$typeof)) {
    throw new Error("renderHtml renders elements, text and arrays only");
  }
  const { type, props } = element;
  if (type === FRAGMENT) return renderHtml(props.children as ReactNode);
  if (typeof type === "function") return renderHtml((type as (p: unknown) => ReactNode)(props));
  if (typeof type !== "string" || !/^[a-z][a-z0-9]*$/.test(type)) throw new Error(`renderHtml cannot render <${String(type)}>`);
  const open = `<${type}${renderAttributes(props)}>`;
  if (VOID_ELEMENTS.has(type)) return open;
  return `${open}${renderHtml(props.children as ReactNode)}</${type}>`;
}

function renderAttributes(props: Record<string, unknown>) {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "ref" || value === null || value === undefined || value === false) continue;
    if (key === "dangerouslySetInnerHTML") throw new Error("renderHtml never renders raw HTML");
    if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(key)) throw new Error(`renderHtml: invalid attribute ${key}`);
    const name = ATTRIBUTE_NAMES[key] ?? key;
    if (key === "style") {
      const css = renderStyle(value as Record<string, unknown>);
      if (css) out += ` style="${escape(css)}"`;
    } else if ((key === "href" || key === "src") && /^\s*javascript:/i.test(String(value))) {
      throw new Error("renderHtml never renders javascript: URLs");
    } else if (typeof value === "string" || typeof value === "number") {
      out += ` ${name}="${escape(String(value))}"`;
    } else if (value === true) {
      out += ` ${name}=""`;
    } else if (typeof value !== "function") {
      throw new Error(`renderHtml: attribute ${key} must be a string or a number`);
    }
  }
  return out;
}

function renderStyle(style: Record<string, unknown>) {
  return Object.entries(style)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== "boolean" && value !== "")
    .map(([property, value]) => {
      const name = property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^ms-/, "-ms-");
      const css = typeof value === "number" && value !== 0 && !UNITLESS.has(property) ? `${value}px` : String(value).trim();
      return `${name}:${css}`;
    })
    .join(";");
}
