using System.Diagnostics;
using System.Text.Json;
using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>The deputy head's wall screen: issued by an administrator, live, and self-healing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Housing = "Управление жилищно-коммунального хозяйства";

    private async Task<(IPage Admin, string Link)> IssueWallLinkAsync(string deputy = "Петрова Галина Васильевна")
    {
        var admin = await browser.SignInAsync("admin");
        await admin.GotoAsync("/admin/displays");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByTestId("display-name").FillAsync($"Зал заседаний {Guid.NewGuid().ToString()[..4]}");
        await admin.GetByTestId("display-owner").ClickAsync();
        await admin.GetByTestId("display-owner-option").Filter(new() { HasText = deputy }).ClickAsync();
        // As a person would, make sure the pick took before pressing the button (a full run once saw it refused for no owner).
        await Expect(admin.GetByTestId("display-owner")).ToHaveTextAsync(deputy);
        await admin.GetByTestId("display-create").ClickAsync();
        // The page answers with the link or with why not; either way the test says what it saw.
        try
        {
            await admin.GetByTestId("display-link").Or(admin.GetByTestId("display-error")).First.WaitForAsync(new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            await admin.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "wall-link-timeout.png"), FullPage = true });
            output.WriteLine(browser.App.Output);
            throw;
        }
        if (await admin.GetByTestId("display-error").IsVisibleAsync())
            throw new Xunit.Sdk.XunitException($"The display page refused the link: {await admin.GetByTestId("display-error").InnerTextAsync()}");
        var link = await admin.GetByTestId("display-link").Locator("a").GetAttributeAsync("href");
        return (admin, link!);
    }

    private async Task<IPage> OpenWallAsync(string link)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "ru-RU" });
        var wall = await context.NewPageAsync();
        await wall.GotoAsync(link);
        await wall.GetByTestId("kpis").WaitForAsync();
        await wall.GetByTestId("wall").And(wall.Locator("[data-interactive]")).WaitForAsync();
        await Expect(wall.GetByTestId("connection-live")).ToBeVisibleAsync();
        return wall;
    }

    /// <summary>«нет связи с 11:42:29»: the time the wall lost the server, in words, not in green.</summary>
    private static readonly System.Text.RegularExpressions.Regex NoConnectionSince = new(@"нет связи с \d\d:\d\d:\d\d");

    /// <summary>
    /// Resolves with Date.now() at the first DOM mutation after which the condition holds. The condition is written
    /// into the script, not eval'ed in the page: the page's Content-Security-Policy forbids eval, as it should.
    /// </summary>
    private static string WhenTrue(string condition) => $$"""
        () => new Promise(resolve => {
            const holds = () => { try { return !!({{condition}}); } catch { return false; } };
            if (holds()) { resolve(Date.now()); return; }
            new MutationObserver((_, observer) => { if (holds()) { observer.disconnect(); resolve(Date.now()); } })
                .observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        })
        """;

    private static ILocator HousingOverdue(IPage wall) =>
        wall.GetByTestId("department-table").Locator("tr", new() { HasText = "ЖКХ" }).GetByTestId("department-overdue");

    [Fact]
    public async Task AnOrderFallingDue_TurnsRedOnTheBoardAndCountsOnTheWall_WithoutReload()
    {
        var (admin, link) = await IssueWallLinkAsync();
        var wall = await OpenWallAsync(link);
        var board = await browser.SignInAsync("zkh.1");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var overdueBefore = int.Parse(await HousingOverdue(wall).InnerTextAsync());

        // An order for ЖКХ due a few seconds from now, issued through the API as its author would.
        var author = await browser.SignInAsync("arch.head");
        var housingId = (await (await author.APIRequest.GetAsync("/api/v1/orders?scope=All&take=200")).JsonAsync())!.Value
            .GetProperty("items").EnumerateArray().First(o => o.GetProperty("executingDepartment").GetString() == "ЖКХ")
            .GetProperty("executingDepartmentId").GetInt32();
        var due = DateTimeOffset.UtcNow.AddSeconds(6);
        var created = await author.APIRequest.PostAsync("/api/v1/orders", new()
        {
            DataObject = new { title = $"Срочно: наледь на крыльце школы {Guid.NewGuid().ToString()[..4]}", departmentIds = new[] { housingId }, priority = "Urgent", dueAt = due },
        });
        var id = (await created.JsonAsync())!.Value[0].GetProperty("id").GetInt32();
        var card = board.GetByTestId("column-New").Locator($"[data-order-id='{id}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lo-due-soon"));

        // Each page notes the instant (its wall clock) the change reaches its DOM, to measure how late after the due instant.
        var boardRed = board.EvaluateAsync<double>(WhenTrue($"document.querySelector('[data-order-id=\"{id}\"]')?.classList.contains('lo-overdue')"));
        var wallCounted = wall.EvaluateAsync<double>(WhenTrue(
            $"[...document.querySelectorAll('[data-testid=department-table] tr')].some(r => r.innerText.includes('ЖКХ') && r.querySelector('[data-testid=department-overdue]')?.innerText === '{overdueBefore + 1}')"));

        try
        {
            await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lo-overdue"), new() { Timeout = 30_000 });
            await Expect(HousingOverdue(wall)).ToHaveTextAsync((overdueBefore + 1).ToString(), new() { Timeout = 30_000 });
            // The watcher's overdue event itself reached the wall (not only the wall's own clock).
            await Expect(wall.GetByTestId("ticker")).ToContainTextAsync("Срок исполнения истёк", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            output.WriteLine(browser.App.Output);
            throw;
        }
        var dueMs = due.ToUnixTimeMilliseconds();
        output.WriteLine($"After the due instant: board card red in {await boardRed - dueMs:F0} ms, wall count changed in {await wallCounted - dueMs:F0} ms.");
        await wall.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "wall-1920.png") });

        foreach (var page in new[] { admin, wall, board, author }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheWall_ComesBackByItselfAfterAServerRestart_WithCurrentData()
    {
        var (admin, link) = await IssueWallLinkAsync();
        await admin.Context.CloseAsync();
        var wall = await OpenWallAsync(link);

        await browser.App.StopAsync();
        try
        {
            await Expect(wall.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(wall.GetByTestId("connection-lost-client")).ToHaveTextAsync(NoConnectionSince);
        }
        finally
        {
            await browser.App.StartAsync();
        }

        await Expect(wall.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(wall.GetByTestId("connection-live")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // And it is live again: an order created now shows up in its ticker.
        var author = await browser.SignInAsync("arch.head");
        var id = await BrowserFixture.CreateOrderAsync(author, $"После перезапуска сервера {Guid.NewGuid().ToString()[..4]}", Housing);
        await Expect(wall.GetByTestId("ticker")).ToContainTextAsync("После перезапуска сервера");
        await wall.Context.CloseAsync();
        await author.Context.CloseAsync();
    }

    [Fact]
    public async Task WhileTheServerIsDown_TheWallSaysSinceWhen_NotGreen_AndAfterTheRestartIsGreenWithCurrentDataByItself()
    {
        var (admin, link) = await IssueWallLinkAsync();
        await admin.Context.CloseAsync();
        var wall = await OpenWallAsync(link);
        // A second person's board is open at the same time, on another desk.
        var board = await browser.SignInAsync("zkh.1");
        await board.GotoAsync("/board");
        await BrowserFixture.WaitInteractiveAsync(board);
        var updatedBefore = await wall.GetByTestId("updated").InnerTextAsync();

        await browser.App.StopAsync();
        var stoppedAt = Stopwatch.StartNew();
        try
        {
            // Said plainly within seconds: no connection since a time, and the green state is gone.
            await Expect(wall.GetByTestId("connection-lost-client")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            output.WriteLine($"The wall said it lost the server {stoppedAt.ElapsedMilliseconds} ms after the server stopped.");
            await Expect(wall.GetByTestId("connection-lost-client")).ToHaveTextAsync(NoConnectionSince);
            await Expect(wall.GetByTestId("connection-live")).ToBeHiddenAsync();
            await Expect(board.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await wall.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "wall-1920-server-down.png") });
        }
        finally
        {
            await browser.App.StartAsync();
        }

        // Nobody touches either page: both come back, the wall green again with figures read after the restart.
        await Expect(wall.GetByTestId("connection-live")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(wall.GetByTestId("connection-lost-client")).ToBeHiddenAsync();
        Assert.NotEqual(updatedBefore, await wall.GetByTestId("updated").InnerTextAsync());
        await Expect(board.Locator(".lo-body[data-interactive]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var author = await browser.SignInAsync("arch.head");
        var title = $"После остановки сервера {Guid.NewGuid().ToString()[..4]}";
        var id = await BrowserFixture.CreateOrderAsync(author, title, Housing);
        await Expect(wall.GetByTestId("ticker")).ToContainTextAsync(title);
        await Expect(board.GetByTestId("column-New").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync();
        foreach (var page in new[] { wall, board, author }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ARevokedLink_GoesDarkAtOnce_AndAForgedOneNeverOpens()
    {
        var (admin, link) = await IssueWallLinkAsync();
        var wall = await OpenWallAsync(link);

        await admin.GotoAsync("/admin/displays");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Отозвать" }).First.ClickAsync();

        await Expect(wall.GetByTestId("wall-invalid")).ToBeVisibleAsync();
        var forged = await wall.Context.NewPageAsync();
        await forged.GotoAsync(link[..^3] + "abc");
        await Expect(forged.GetByTestId("wall-invalid")).ToContainTextAsync("Ссылка недействительна");
        await admin.Context.CloseAsync();
        await wall.Context.CloseAsync();
    }
}
