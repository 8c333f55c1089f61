/**
 * On a phone the menu is a button and a drawer: a modal dialog that takes focus, keeps it, closes
 * on Escape or when a screen is chosen, and gives focus back to the button. From the md
 * breakpoint up the sidebar shows the same menu and there is no button.
 */
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "../helpers";
import { expect, test } from "../org-fixture";

const PHONE = { width: 390, height: 844 };

const menuButton = (page: Page) => page.getByRole("button", { name: /^Menu/ });
const drawer = (page: Page) => page.getByRole("dialog", { name: "Menu" });
/** Whether the element with focus is inside the drawer. */
const focusInDrawer = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest("dialog#mobile-nav")));

test("the phone menu opens a drawer that keeps focus, navigates, closes on Escape and returns focus", async ({ signIn }) => {
  const page = await signIn("approver1");
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Closed: only the button, which says so; no menu links on screen.
  await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("link", { name: /^Approvals/ })).toBeHidden();
  await expectNoSeriousViolations(page);

  // Open: a dialog with the whole menu, focus inside it.
  await menuButton(page).click();
  await expect(drawer(page)).toBeVisible();
  await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
  expect(await focusInDrawer(page)).toBe(true);
  const links = drawer(page).getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(links.first()).toHaveText("Dashboard");
  await expect(drawer(page).getByRole("link", { name: /^Approvals/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Focus stays inside however far one tabs, forwards and back.
  const stops = (await drawer(page).locator("a, button").count()) + 2;
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInDrawer(page), `Tab ${i + 1}`).toBe(true);
  }
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInDrawer(page), `Shift+Tab ${i + 1}`).toBe(true);
  }

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(drawer(page)).toBeHidden();
  await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
  await expect(menuButton(page)).toBeFocused();

  // Choosing a screen goes there and closes the drawer, focus back on the button.
  await menuButton(page).click();
  await drawer(page).getByRole("link", { name: /^Approvals/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
  await expect(drawer(page)).toBeHidden();
  await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
  await expect(menuButton(page)).toBeFocused();

  // The current screen is marked in the drawer; the Close button closes it too.
  await menuButton(page).click();
  await expect(drawer(page).getByRole("link", { name: /^Approvals/ })).toHaveAttribute("aria-current", "page");
  await drawer(page).getByRole("button", { name: "Close menu" }).click();
  await expect(drawer(page)).toBeHidden();
  await expect(menuButton(page)).toBeFocused();
});

test("from the md breakpoint the sidebar holds the menu and there is no menu button", async ({ signIn }) => {
  const page = await signIn("approver1");
  for (const width of [768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/");
    await expect(menuButton(page)).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Approvals/ })).toBeVisible();
  }
});
