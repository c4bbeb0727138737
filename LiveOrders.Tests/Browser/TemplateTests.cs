using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>A head saves what she typed as a template, finds it on «Шаблоны», and issues an order from it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplateTests(BrowserFixture browser)
{
    private const string Finance = "Финансовое управление";

    [Fact]
    public async Task ATemplateSavedFromTheCreateForm_IssuesAnOrderFilledFromIt()
    {
        var title = $"Сверка расчётов за тепло {Guid.NewGuid().ToString()[..6]}";
        var head = await browser.SignInAsync("zkh.head");
        await head.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(head);
        await head.GetByTestId("title").FillAsync(title);
        await head.GetByTestId("text").FillAsync("Акт сверки подписать и вернуть.");
        await BrowserFixture.PickAsync(head, "departments", Finance);
        await BrowserFixture.CloseMultiSelectAsync(head, Finance);

        await head.GetByTestId("save-as-template").ClickAsync();
        await Expect(head.GetByTestId("template-title")).ToHaveValueAsync(title);
        await head.GetByTestId("template-save").ClickAsync();
        await Expect(head.GetByTestId("template-dialog")).ToHaveCountAsync(0);

        await head.GotoAsync("/templates");
        await BrowserFixture.WaitInteractiveAsync(head);
        var card = head.GetByTestId("template").Filter(new() { HasText = title });
        await Expect(card.GetByTestId("template-departments-text")).ToHaveTextAsync("Финансы");

        // A schedule on it, with the preview of the next dates.
        await card.GetByTestId("template-schedule-edit").ClickAsync();
        await Expect(head.GetByTestId("schedule-preview-date")).ToHaveCountAsync(5);
        await head.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "template-schedule-dialog.png") });
        await head.GetByTestId("schedule-save").ClickAsync();
        await Expect(card.GetByTestId("schedule-next")).ToContainTextAsync("09:00");
        await head.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "templates.png"), FullPage = true });

        await card.GetByTestId("template-use").ClickAsync();
        await head.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/new\?template=\d+$"));
        await BrowserFixture.WaitInteractiveAsync(head);
        await Expect(head.GetByTestId("title")).ToHaveValueAsync(title);
        await head.GetByTestId("send").ClickAsync();
        await head.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/\d+$"));
        await Expect(head.GetByTestId("order-title")).ToHaveTextAsync(title);
        await Expect(head.GetByTestId("order-text")).ToHaveTextAsync("Акт сверки подписать и вернуть.");
        await Expect(head.GetByTestId("order-save-as-template")).ToBeVisibleAsync();

        await head.Context.CloseAsync();
    }
}
