using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;
using static LiveOrders.Tests.Support.ProxyVisitor;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>Two nodes and nginx on one PostgreSQL database, shared by the tests of a class that kill no node.</summary>
public sealed class TwoNodesOnPostgreSql : IAsyncLifetime
{
    public TwoNodes Nodes { get; private set; } = default!;
    public async Task InitializeAsync() => Nodes = await TwoNodes.StartOnPostgreSqlAsync();
    public async Task DisposeAsync() { if (Nodes is not null) await Nodes.DisposeAsync(); }
}

/// <summary>
/// The issue's two-node proofs: a person on node A changes something, and a page served by node B shows it without a
/// reload — the change travels only through the database (LISTEN/NOTIFY), the nodes share nothing else but Redis for the
/// external hub. Each browser is held on its node by nginx's cookie.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodesOnPostgreSqlTests(BrowserFixture browser, TwoNodesOnPostgreSql shared, ITestOutputHelper output)
    : IClassFixture<TwoNodesOnPostgreSql>
{
    private TwoNodes Nodes => shared.Nodes;

    private static string Unique(string title) => $"{title} {Guid.NewGuid().ToString()[..6]}";

    /// <summary>Fails with what both nodes logged, so a failure on one node is not a mystery.</summary>
    private async Task WithNodeLogsAsync(Func<Task> check)
    {
        try { await check(); }
        catch (Exception)
        {
            output.WriteLine($"--- node A\n{Nodes.A.Output}\n--- node B\n{Nodes.B.Output}");
            throw;
        }
    }

    [Fact]
    public async Task ACardMovedByAPersonOnNodeA_AppearsInItsNewColumn_OnABoardServedByNodeB()
    {
        using var author = await ApiClientAsync(Nodes, "arch.head", "a");
        var id = await CreateHousingOrderAsync(author, Unique("Проверить люки на ул. Кирова"));
        var head = await OpenAsync(await SignInAsync(browser, Nodes, "zkh.head", "a"), "/board");
        var colleague = await OpenAsync(await SignInAsync(browser, Nodes, "zkh.1", "b"), "/board");
        await Expect(Card(head, "New", id)).ToBeVisibleAsync();
        await Expect(Card(colleague, "New", id)).ToBeVisibleAsync();

        // The head moves the card with its menu, on node A.
        await Card(head, "New", id).GetByTestId("card-move").Locator("button").ClickAsync();
        await head.GetByTestId("move-InProgress").ClickAsync();
        await Expect(Card(head, "InProgress", id)).ToBeVisibleAsync();

        await WithNodeLogsAsync(async () =>
        {
            await Expect(Card(colleague, "InProgress", id)).ToBeVisibleAsync();
            await Expect(Card(colleague, "New", id)).ToHaveCountAsync(0);
        });
        // Both pages stayed on their nodes all along.
        Assert.Equal("a", await NodeAsync(head));
        Assert.Equal("b", await NodeAsync(colleague));
        await colleague.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "two-nodes-pg-board-b.png") });

        // In its place by due date, as on a board opened now, not at the column's end (seen there before the fix).
        var fresh = await OpenAsync(await SignInAsync(browser, Nodes, "zkh.1", "b"), "/board");
        await Expect(Card(fresh, "InProgress", id)).ToBeVisibleAsync();
        Assert.Equal(await CardIdsAsync(fresh, "InProgress"), await CardIdsAsync(colleague, "InProgress"));
        foreach (var page in new[] { head, colleague, fresh }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACommentWrittenOnNodeA_ReachesAnOrderPageOpenOnNodeB()
    {
        using var author = await ApiClientAsync(Nodes, "arch.head", "a");
        var id = await CreateHousingOrderAsync(author, Unique("Уточнить адреса для ямочного ремонта"));
        var writer = await OpenAsync(await SignInAsync(browser, Nodes, "arch.head", "a"), $"/orders/{id}");
        var reader = await OpenAsync(await SignInAsync(browser, Nodes, "zkh.head", "b"), $"/orders/{id}");
        await Expect(reader.GetByTestId("timeline")).ToBeVisibleAsync();

        var text = Unique("Коллеги, адреса приложу к вечеру.");
        await writer.GetByTestId("comment-text").FillAsync(text);
        await writer.GetByTestId("comment-send").ClickAsync();

        await WithNodeLogsAsync(() => Expect(reader.GetByTestId("timeline-comment").Filter(new() { HasText = text })).ToBeVisibleAsync());
        Assert.Equal("b", await NodeAsync(reader));
        await reader.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "two-nodes-pg-comment-b.png") });
        foreach (var page in new[] { writer, reader }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheWallOnNodeB_SeesTheOverdueInstantRecordedByTheWatcher_AndItIsRecordedOnce()
    {
        var wallPath = await IssueWallLinkAsync();
        var wallContext = await browser.Browser.NewContextAsync(new() { BaseURL = Nodes.BaseUrl, ViewportSize = new() { Width = 1920, Height = 1080 }, Locale = "ru-RU" });
        await wallContext.AddCookiesAsync([new Cookie { Name = "lo_node", Value = "b", Url = Nodes.BaseUrl }]);
        var wall = await wallContext.NewPageAsync();
        await wall.GotoAsync(wallPath);
        await wall.GetByTestId("wall").And(wall.Locator("[data-interactive]")).WaitForAsync();
        await Expect(wall.GetByTestId("connection-live")).ToBeVisibleAsync();
        var overdue = wall.GetByTestId("department-table").Locator("tr", new() { HasText = "ЖКХ" }).GetByTestId("department-overdue");
        var before = int.Parse(await overdue.InnerTextAsync());

        // Two orders falling due a few seconds ahead (as WallTests does), made on node A; the second one's record proves
        // every watcher has passed the first one's instant, so a second record of the first would already be there.
        using var author = await ApiClientAsync(Nodes, "arch.head", "a");
        var first = await CreateHousingOrderAsync(author, Unique("Срочно: наледь на крыльце школы"), DateTimeOffset.UtcNow.AddSeconds(6), "Urgent");
        var second = await CreateHousingOrderAsync(author, Unique("Срочно: упало дерево во дворе"), DateTimeOffset.UtcNow.AddSeconds(8), "Urgent");

        await WithNodeLogsAsync(async () =>
        {
            await Expect(overdue).ToHaveTextAsync((before + 2).ToString(), new() { Timeout = 30_000 });
            // The watcher's event itself reached the wall on B, not only the wall's own clock.
            await Expect(wall.GetByTestId("ticker")).ToContainTextAsync("Срок исполнения истёк", new() { Timeout = 30_000 });
        });
        Assert.Equal("b", await NodeAsync(wall));
        await wall.ScreenshotAsync(new() { Path = Path.Combine(OrderLifeTests.ScreenshotDir(), "two-nodes-pg-wall-b.png") });

        await using var db = await Nodes.OpenDatabaseAsync();
        Assert.Equal(1, await OverdueEventsAsync(db, first));
        Assert.Equal(1, await OverdueEventsAsync(db, second));
        output.WriteLine($"Watcher leases: A {await LeasesAsync(Nodes.A)}; B {await LeasesAsync(Nodes.B)}");
        await wall.Context.CloseAsync();
    }

    /// <summary>An administrator on node A issues a wall link for the deputy head; returns its path.</summary>
    private async Task<string> IssueWallLinkAsync()
    {
        var admin = await OpenAsync(await SignInAsync(browser, Nodes, "admin", "a"), "/admin/displays");
        await admin.GetByTestId("display-name").FillAsync(Unique("Зал заседаний"));
        await admin.GetByTestId("display-owner").ClickAsync();
        await admin.GetByTestId("display-owner-option").Filter(new() { HasText = "Петрова Галина Васильевна" }).ClickAsync();
        await Expect(admin.GetByTestId("display-owner")).ToHaveTextAsync("Петрова Галина Васильевна");
        await admin.GetByTestId("display-create").ClickAsync();
        var href = await admin.GetByTestId("display-link").Locator("a").GetAttributeAsync("href");
        await admin.Context.CloseAsync();
        // The link names the host the node saw; the path is what matters.
        return new Uri(href!).PathAndQuery;
    }

    private static async Task<IReadOnlyList<string?>> CardIdsAsync(IPage board, string column)
    {
        var ids = new List<string?>();
        foreach (var card in await board.GetByTestId($"column-{column}").GetByTestId("card").AllAsync())
            ids.Add(await card.GetAttributeAsync("data-order-id"));
        return ids;
    }

    internal static async Task<long> OverdueEventsAsync(NpgsqlConnection db, int orderId)
    {
        await using var command = new NpgsqlCommand("""select count(*) from "OrderEvents" where "OrderId" = @id and "Kind" = 'Overdue'""", db);
        command.Parameters.AddWithValue("id", orderId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What a node's /health says of its jobs (the leases entry), for the test's output.</summary>
    internal static async Task<string> LeasesAsync(AppProcess node)
    {
        using var http = new HttpClient();
        try
        {
            var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{node.BaseUrl}/health"));
            return health.RootElement.TryGetProperty("entries", out var entries) && entries.TryGetProperty("leases", out var leases)
                ? leases.GetProperty("description").GetString() ?? "" : "(no leases in /health)";
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException) { return $"(no answer: {e.GetType().Name})"; }
    }
}
