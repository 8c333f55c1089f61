/**
 * The dev mailbox shows each email whole: its preview frame is tall enough for the email inside
 * (no scrolling inside a 190 px slot), and the person can drag it taller. The frame stays
 * sandboxed: the page cannot reach into it, only the test's browser can.
 */
import { expect, test } from "../org-fixture";

test("an email's preview frame fits the email and can be resized", async ({ api, org, signIn }) => {
  const requester = await api("requester");
  const asked = await requester.post("requests", { data: { target: "New-JournalRule", reason: "Journal the finance mailboxes to the archive" } });
  expect(asked.status(), await asked.text()).toBe(201);

  const page = await signIn("approver1");
  await page.goto("/dev/mailbox");
  const message = page
    .getByRole("listitem")
    .filter({ hasText: `To ${org.email("approver1")}` })
    .filter({ hasText: `Approval needed: ${org.email("requester")} asks for New-JournalRule` })
    .first();
  await message.locator("summary").click();
  const preview = message.getByTestId("email-preview");
  const frame = preview.locator("iframe");
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute("sandbox", /allow-top-navigation-by-user-activation/);
  await expect(frame).not.toHaveAttribute("sandbox", /allow-same-origin|allow-scripts/);

  // At least 32rem, and the email's own height fits inside it: nothing scrolls within the frame.
  const frameHeight = await frame.evaluate((element) => element.clientHeight);
  expect(frameHeight).toBeGreaterThanOrEqual(32 * 16 - 16);
  const content = message.frameLocator("iframe");
  await expect(content.getByText("Review the request")).toBeVisible();
  const emailHeight = await content.locator("html").evaluate((html) => html.scrollHeight);
  expect(emailHeight).toBeLessThanOrEqual(frameHeight);

  // The person can make it taller: the box around the frame resizes vertically.
  expect(await preview.evaluate((element) => getComputedStyle(element).resize)).toBe("vertical");
});
