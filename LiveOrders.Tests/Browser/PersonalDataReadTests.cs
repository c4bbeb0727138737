using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// An order marked as holding personal data (152-ФЗ): each opening of its page is one record — not two, although the
/// page is rendered once on the server and again by its circuit — and control sees the log.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonalDataReadTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    [Fact]
    public async Task OpeningAPersonalDataOrder_CreatesOneRecord_SeenByControlInTheLog()
    {
        var suffix = Guid.NewGuid().ToString()[..6];
        var author = await browser.SignInAsync("arch.head");
        await author.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(author);
        await author.GetByTestId("title").FillAsync($"Обращение жителя о протечке {suffix}");
        await BrowserFixture.PickAsync(author, "departments", Housing);
        await BrowserFixture.CloseMultiSelectAsync(author, Housing);
        await author.GetByText("Содержит персональные данные (152-ФЗ)").ClickAsync();
        await author.GetByTestId("send").ClickAsync();
        await author.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/\d+$"));
        var id = int.Parse(author.Url.Split('/').Last());
        await Expect(author.GetByTestId("personal-data")).ToHaveTextAsync("Персональные данные");
        await Expect(author.GetByTestId("read-log")).ToHaveCountAsync(0);   // the author is not control

        var executor = await browser.SignInAsync("zkh.head");
        await executor.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(executor);
        await Expect(executor.GetByTestId("personal-data")).ToBeVisibleAsync();
        await Expect(executor.GetByTestId("read-log")).ToHaveCountAsync(0);

        var control = await browser.SignInAsync("ctrl.1");
        await control.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(control);
        // Asked again once the circuit runs, so both openings' second renders have happened by then.
        await control.GetByTestId("read-log-refresh").ClickAsync();
        var rows = control.GetByTestId("read-log-row");
        await Expect(rows).ToHaveCountAsync(3);   // the author's own opening after sending, the executor's, control's
        await Expect(rows.Filter(new() { HasText = "страница" })).ToHaveCountAsync(3);
        await control.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "personal-data-read-log.png"), FullPage = true });

        await author.Context.CloseAsync();
        await executor.Context.CloseAsync();
        await control.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReadLog_FitsAPhoneScreen_WithoutScrollingSideways()
    {
        var id = await SendPersonalDataOrderAsync($"Жалоба жителя на шум {Guid.NewGuid().ToString()[..6]}");
        var control = await browser.SignInAsync("ctrl.head", width: 390, height: 844);
        await control.GotoAsync($"/orders/{id}");
        await BrowserFixture.WaitInteractiveAsync(control);

        await control.GotoAsync("/control/reads");
        await BrowserFixture.WaitInteractiveAsync(control);
        var rows = control.GetByTestId("reads-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await control.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "read-log-phone.png"), FullPage = true });

        var overflow = await control.EvaluateAsync<int[]>(@"() => {
            const width = document.documentElement.clientWidth;
            const rows = [...document.querySelectorAll('[data-testid=reads-row]')];
            return [document.documentElement.scrollWidth - width,
                    ...rows.map(r => Math.ceil(r.getBoundingClientRect().right - width))];
        }");
        // Neither the page nor a row of the log reaches past the screen's right edge.
        Assert.All(overflow, o => Assert.True(o <= 0, $"{o} px past the edge: [{string.Join(", ", overflow)}]"));
        await control.Context.CloseAsync();
    }

    private async Task<int> SendPersonalDataOrderAsync(string title)
    {
        var author = await browser.SignInAsync("arch.head");
        await author.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(author);
        await author.GetByTestId("title").FillAsync(title);
        await BrowserFixture.PickAsync(author, "departments", Housing);
        await BrowserFixture.CloseMultiSelectAsync(author, Housing);
        await author.GetByText("Содержит персональные данные (152-ФЗ)").ClickAsync();
        await author.GetByTestId("send").ClickAsync();
        await author.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/orders/\d+$"));
        var id = int.Parse(author.Url.Split('/').Last());
        await author.Context.CloseAsync();
        return id;
    }
}
