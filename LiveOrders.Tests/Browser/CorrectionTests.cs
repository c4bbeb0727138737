using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>The author corrects a sent order; the executor, looking at it, sees the correction without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CorrectionTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task TheAuthorsCorrection_AppearsOnTheExecutorsOpenOrderPage_WithBeforeAndAfter()
    {
        var suffix = Guid.NewGuid().ToString()[..6];
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"Проверить люки на ул. Кирва {suffix}", Housing);
        var executor = await browser.SignInAsync("zkh.head");
        await executor.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(executor);
        await Expect(executor.GetByTestId("order-title")).ToHaveTextAsync($"Проверить люки на ул. Кирва {suffix}");
        await Expect(executor.GetByTestId("action-Correct")).ToHaveCountAsync(0);

        await author.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(author);
        await author.GetByTestId("action-Correct").ClickAsync();
        await author.GetByTestId("correction-title").FillAsync($"Проверить люки на ул. Кирова {suffix}");
        await author.GetByTestId("confirm").ClickAsync();

        await Expect(executor.GetByTestId("order-title")).ToHaveTextAsync($"Проверить люки на ул. Кирова {suffix}");
        await Expect(executor.GetByTestId("timeline-event").Filter(new() { HasText = "Исправлено" }))
            .ToContainTextAsync($"Название: «Проверить люки на ул. Кирва {suffix}» → «Проверить люки на ул. Кирова {suffix}»");
        await executor.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "corrected-executor.png") });

        await author.Context.CloseAsync();
        await executor.Context.CloseAsync();
    }
}
