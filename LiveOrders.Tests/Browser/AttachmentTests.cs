using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// The author attaches files to a sent order; the executor, looking at it, sees them appear and go without a reload, and
/// previews the image and the PDF in the page under the Content-Security-Policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task FilesTheAuthorAttaches_AppearLiveOnTheExecutorsPage_PreviewThere_AndGoWhenRemoved()
    {
        var suffix = Guid.NewGuid().ToString()[..6];
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"Обследовать люки {suffix}", Housing);
        var executor = await browser.SignInAsync("zkh.head");
        var violations = new List<string>();
        executor.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy") || message.Text.Contains("Refused to"))
                lock (violations) violations.Add(message.Text);
        };
        await executor.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(executor);
        await Expect(executor.GetByTestId("attachments-empty")).ToBeVisibleAsync();

        await author.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(author);
        await BrowserFixture.SetFilesAsync(author, "attachment-input",
        [
            new FilePayload { Name = "Фото люка.png", MimeType = "image/png", Buffer = Png },
            new FilePayload { Name = "Акт обследования.pdf", MimeType = "application/pdf", Buffer = Pdf },
            new FilePayload { Name = "вирус.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0 program"u8.ToArray() },
        ]);
        // Three files stream through the circuit one by one and are checked on the way: slower than a click on a loaded machine.
        await Expect(author.GetByTestId("attachment-error")).ToContainTextAsync("«вирус.pdf»: Содержимое файла не соответствует расширению «.pdf»",
            new() { Timeout = 20_000 });

        var names = executor.GetByTestId("attachment-name");
        await Expect(names).ToHaveTextAsync(["Фото люка.png", "Акт обследования.pdf"]);
        await Expect(executor.GetByTestId("timeline-event").Filter(new() { HasText = "Приложен файл" })).ToHaveCountAsync(2);

        // The image previews in the page (loaded, not blocked)…
        await executor.GetByTestId("attachment-preview-toggle").First.ClickAsync();
        var image = executor.GetByTestId("attachment-preview-image");
        await Expect(image).ToBeVisibleAsync();
        await executor.WaitForFunctionAsync("() => document.querySelector('[data-testid=attachment-preview-image]')?.naturalWidth > 0");
        // …and so does the PDF, in a frame of this site (its own response allows that frame, and only that).
        var pdf = await executor.RunAndWaitForResponseAsync(
            () => executor.GetByTestId("attachment-preview-toggle").Nth(1).ClickAsync(),
            r => r.Url.Contains($"/orders/{id}/attachments/"));
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", await pdf.HeaderValueAsync("content-type"));
        Assert.StartsWith("inline", await pdf.HeaderValueAsync("content-disposition"));
        await Expect(executor.GetByTestId("attachment-preview-frame")).ToBeVisibleAsync();
        await executor.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "attachments-executor.png"), FullPage = true });

        var photo = author.GetByTestId("attachment").Filter(new() { HasText = "Фото люка.png" });
        await photo.GetByTestId("attachment-remove").ClickAsync();
        await photo.GetByTestId("attachment-remove-confirm").ClickAsync();

        await Expect(names).ToHaveTextAsync(["Акт обследования.pdf"]);
        await Expect(executor.GetByTestId("timeline-event").Filter(new() { HasText = "Файл удалён" })).ToContainTextAsync("«Фото люка.png»");
        Assert.Empty(violations);

        await author.Context.CloseAsync();
        await executor.Context.CloseAsync();
    }
}
