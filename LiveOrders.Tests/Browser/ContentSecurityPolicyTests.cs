using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>
/// The main screens work under the Content-Security-Policy: each becomes interactive, and the browser reports no
/// violation (a refused script, style, connection or frame) while it loads and while it is used.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    /// <summary>Collects every CSP violation the page reports, as an event and as a console message.</summary>
    private static async Task<List<string>> WatchViolationsAsync(IPage page)
    {
        var violations = new List<string>();
        await page.Context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy") || message.Text.StartsWith("CSP violation"))
                lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };
        return violations;
    }

    private static async Task OpenAsync(IPage page, string path, string interactiveMarker = ".lo-body[data-interactive]")
    {
        await page.GotoAsync(path);
        await page.Locator(interactiveMarker).WaitForAsync();
    }

    [Fact]
    public async Task TheMainScreens_BecomeInteractive_WithoutAnyPolicyViolation()
    {
        // The sign-in page, before anyone signs in (static, with its antiforgery form).
        var anonymous = await (await browser.Browser.NewContextAsync(new() { BaseURL = browser.App.BaseUrl })).NewPageAsync();
        var violations = await WatchViolationsAsync(anonymous);
        await anonymous.GotoAsync("/login");
        await Expect(anonymous.Locator("#userName")).ToBeVisibleAsync();

        // A wall link, issued by an administrator (the admin's own screens are watched too).
        var admin = await browser.SignInAsync("admin");
        var adminViolations = await WatchViolationsAsync(admin);
        await OpenAsync(admin, "/admin/displays");
        await admin.GetByTestId("display-name").FillAsync($"Зал {Guid.NewGuid().ToString()[..4]}");
        await admin.GetByTestId("display-owner").ClickAsync();
        await admin.GetByTestId("display-owner-option").Filter(new() { HasText = "Петрова Галина Васильевна" }).ClickAsync();
        // The list closes once the pick has reached the server; a click on «Выдать» before that finds no owner.
        await Expect(admin.GetByTestId("display-owner-option").First).ToBeHiddenAsync();
        await admin.GetByTestId("display-create").ClickAsync();
        var wallLink = await admin.GetByTestId("display-link").Locator("a").GetAttributeAsync("href");

        var page = await browser.SignInAsync("deputy1");
        var deputyViolations = await WatchViolationsAsync(page);
        await OpenAsync(page, "/board");
        await page.GetByTestId("column-New").WaitForAsync();
        await OpenAsync(page, "/control");
        await page.GetByTestId("kpis").WaitForAsync();
        // The creation form, with a popover open (MudBlazor positions it by inline styles).
        await OpenAsync(page, "/orders/new");
        await BrowserFixture.PickAsync(page, "departments", Housing);
        await BrowserFixture.CloseMultiSelectAsync(page, Housing);
        var anOrder = (await (await page.APIRequest.GetAsync("/api/v1/orders?take=1")).JsonAsync())!.Value
            .GetProperty("items")[0].GetProperty("id").GetInt32();
        await OpenAsync(page, $"/orders/{anOrder}");
        await page.GetByTestId("timeline").WaitForAsync();

        // The kiosk: no sign-in, dark, and its connection watcher (a JS module through the import map).
        var wall = await (await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } })).NewPageAsync();
        var wallViolations = await WatchViolationsAsync(wall);
        await OpenAsync(wall, wallLink!, "[data-testid=wall][data-interactive]");
        await Expect(wall.GetByTestId("connection-live")).ToBeVisibleAsync();

        Assert.Empty(violations.Concat(adminViolations).Concat(deputyViolations).Concat(wallViolations));
    }

    [Theory]
    [InlineData("localhost")]     // another site (localhost is not 127.0.0.1 to a browser)
    [InlineData("127.0.0.1")]     // a document of this very site (a served file, say): Blazor's default 'self' let it frame the board
    public async Task TheBoard_CannotBeFramed_ByAnotherSite_NorByThisOne(string framingHost)
    {
        var page = await browser.SignInAsync("zkh.head");
        // A page that frames the board to trick a click through it (clickjacking). The load event waits for the
        // frame, whatever it ends up showing: the board, the sign-in page or the browser's refusal.
        await page.GotoAsync($"http://{framingHost}:{browser.App.Port}/health");
        await page.SetContentAsync($"<iframe src=\"{browser.App.BaseUrl}/board\" width=800 height=600></iframe>");

        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.StartsWith("chrome-error://", frame.Url);
        Assert.Equal(0, await frame.Locator("[data-testid=column-New], #userName").CountAsync());
    }
}
