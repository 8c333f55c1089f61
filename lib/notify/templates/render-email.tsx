/**
 * Renders an email with React Email's `render()`: the HTML, and the plain-text version from the
 * same markup (`plainText`), so the two never say different things. It needs `react-dom/server`,
 * which Next refuses in the React Server Components layer where server actions run; so only the
 * outbox worker renders (channels/email.ts), never the transaction that queues the message.
 */
import { render } from "@react-email/render";
import type { ReactElement } from "react";

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] };
interface Builder {
  openBlock(options: { leadingLineBreaks?: number }): void;
  closeBlock(options: { trailingLineBreaks?: number }): void;
  addInline(text: string): void;
  addLineBreak(): void;
}
type Walk = (nodes: Node[] | undefined, builder: Builder) => void;

const tags = (nodes: Node[] | undefined) => (nodes ?? []).filter((node) => node.type === "tag");

const htmlToTextOptions = {
  selectors: [
    // Headings as written, not upper-cased.
    { selector: "h1", options: { uppercase: false } },
    { selector: "table.facts", format: "factsTable" },
    { selector: "a.action", format: "actionLink" },
  ],
  formatters: {
    /** Each row as `Label: value`, one a line. */
    factsTable(elem: Node, walk: Walk, builder: Builder) {
      builder.openBlock({ leadingLineBreaks: 2 });
      const rows = tags(elem.children).flatMap((child) => (child.name === "tbody" ? tags(child.children) : [child]));
      rows.forEach((row, i) => {
        const [label, value] = tags(row.children);
        walk(label?.children, builder);
        builder.addInline(": ");
        walk(value?.children, builder);
        if (i < rows.length - 1) builder.addLineBreak();
      });
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
    /** The button as `Label: https://…`: a plain-text reader needs the address. */
    actionLink(elem: Node, walk: Walk, builder: Builder) {
      builder.openBlock({ leadingLineBreaks: 2 });
      walk(elem.children, builder);
      builder.addInline(`: ${elem.attribs?.href ?? ""}`);
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
  },
};

export interface RenderedBody {
  html: string;
  text: string;
}

export async function renderEmail(element: ReactElement): Promise<RenderedBody> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions }),
  ]);
  return { html, text: `${text.trim()}\n` };
}
