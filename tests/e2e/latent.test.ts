/**
 * End to end with the bundled VAE (assets/demo/models/vae): the Latent view maps the demo languages, names a file
 * on hover, plays a file and its reconstruction on a click, and the path to a second file. Screenshot: latent.png.
 */
import { describe, expect, it } from 'vitest';
import { useStudio } from './browser';

const studio = useStudio();
const { shot, nav } = studio;

describe('the Latent view with the bundled VAE', () => {
  it('maps the demo languages and plays a file, its reconstruction and an interpolation', async () => {
    await nav('Latent');
    const page = studio.page;
    const dots = page.locator('[data-testid=latent-map] circle');
    await expect.poll(() => dots.count(), { timeout: 300_000 }).toBeGreaterThan(40);
    // every label folder has a colour in the legend
    for (const label of ['cs', 'en', 'fi', 'it', 'ru']) await expect.poll(() => page.locator('.latent-map .legend').textContent()).toContain(label);
    await dots.nth(3).hover();
    await expect.poll(() => page.getByTestId('latent-hover').textContent()).toMatch(/\.flac \((cs|en|fi|it|ru)\)/);
    await dots.nth(3).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Playing|Loading/ }).first().textContent(), { timeout: 60_000 }).toMatch(/Playing/);
    await dots.nth(40).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /path from/ }).first().textContent(), { timeout: 120_000 }).toMatch(/Playing the path from/);
    expect(await page.locator('[data-testid=latent-map] line').count()).toBe(1); // the A-B path is drawn
    await expect.poll(() => page.locator('figure.chart figcaption').allTextContents()).toContain('Validation ELBO (nats per frame)');
    await shot('latent');
  }, 600_000);
});
