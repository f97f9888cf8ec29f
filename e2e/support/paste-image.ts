import type { Page } from "@playwright/test";

/**
 * Pastes a picture into the message box as a screenshot paste does: a PNG drawn in the page
 * (a gradient with shapes and a caption, so thumbnails look like something), put on a paste
 * event's clipboard as a file.
 */
export async function pasteImage(
  page: Page,
  { width, height, name = "image.png", caption = "Q3 revenue", into = "Message" }: { width: number; height: number; name?: string; caption?: string; into?: string },
): Promise<void> {
  await page.getByRole("textbox", { name: into }).evaluate(
    async (box, { width, height, name, caption }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d")!;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, "#1e3a8a");
      gradient.addColorStop(1, "#0ea5e9");
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      const bars = [0.35, 0.6, 0.45, 0.8, 0.7];
      bars.forEach((share, index) => {
        context.fillStyle = index % 2 ? "#fde68a" : "#f8fafc";
        const barWidth = width / (bars.length * 2);
        context.fillRect(barWidth * (index * 2 + 0.5), height * (1 - share) - height * 0.08, barWidth, height * share);
      });
      context.fillStyle = "#ffffff";
      context.font = `bold ${Math.round(height / 9)}px sans-serif`;
      context.fillText(caption, width * 0.05, height * 0.15);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), "image/png"));
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], name, { type: "image/png" }));
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { width, height, name, caption },
  );
}
