using Bunit;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Control;

namespace LiveOrders.Tests.Components.Control;

/// <summary>The wall is green only while its figures are current, and says since when they are not.</summary>
public sealed class WallPageTests
{
    private static async Task<(BunitContext Ctx, SwitchableDataSource Source, IRenderedComponent<WallPage> Wall)> OpenWallAsync(TestDatabase database)
    {
        var token = await database.WallLinkAsync();
        var ctx = await ComponentTest.CreateAsync(database, signedIn: null);
        var source = new SwitchableDataSource(database);
        ctx.UseDataSource(database, source);
        var wall = ctx.Render<WallPage>(p => p.Add(w => w.Token, token));
        wall.WaitForElement("[data-testid=connection-live]");
        return (ctx, source, wall);
    }

    private static string State<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find("[data-testid=connection-status]").GetAttribute("data-state")!;

    [Fact]
    public async Task ARefreshThatFails_ShowsNoConnectionSinceThen_NotGreen_AndASuccessfulRetryTurnsItGreen()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (ctx, source, wall) = await OpenWallAsync(database);
        await using var _ = ctx;
        Assert.Equal("current", State(wall));
        Assert.Contains("На связи", wall.Find("[data-testid=connection-live]").TextContent);

        source.Down = true;
        database.Clock.Advance(TimeSpan.FromSeconds(7)); // 10:00:07 in Novokuznetsk
        await database.SendAsync("Поручение во время сбоя", database.Housing, TimeSpan.FromDays(2));

        wall.WaitForAssertion(() => Assert.Equal("stale", State(wall)), TimeSpan.FromSeconds(5));
        Assert.Equal("нет связи с 10:00:07", wall.Find("[data-testid=connection-lost]").TextContent.Trim());
        Assert.Empty(wall.FindAll("[data-testid=connection-live]"));

        // Still down at the first retry: still stale, still since the first failure.
        database.Clock.Advance(ControlDashboard.RetryAfter);
        wall.WaitForAssertion(() => Assert.Equal("stale", State(wall)));
        Assert.Equal("нет связи с 10:00:07", wall.Find("[data-testid=connection-lost]").TextContent.Trim());

        source.Down = false;
        database.Clock.Advance(ControlDashboard.RetryAfter);

        wall.WaitForAssertion(() => Assert.Equal("current", State(wall)));
        Assert.Contains("обновлено 10:00:27", wall.Find("[data-testid=connection-live]").TextContent);
        Assert.Contains("Поручение во время сбоя", wall.Find("[data-testid=ticker]").TextContent);
    }

    [Fact]
    public async Task AfterTheConnectionComesBack_TheWallStaysStale_UntilARefreshSucceeds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (ctx, source, wall) = await OpenWallAsync(database);
        await using var _ = ctx;
        var dashboard = wall.FindComponent<ControlDashboard>().Instance;
        var lostAt = database.Clock.GetUtcNow().AddSeconds(-3); // the browser lost the server at 09:59:57

        source.Down = true;
        var current = await wall.InvokeAsync(() => dashboard.ConnectionRestoredAsync(lostAt.ToUnixTimeMilliseconds()));

        Assert.False(current);
        Assert.Equal("stale", State(wall));
        Assert.Equal("нет связи с 09:59:57", wall.Find("[data-testid=connection-lost]").TextContent.Trim());

        source.Down = false;
        current = await wall.InvokeAsync(() => dashboard.ConnectionRestoredAsync(lostAt.ToUnixTimeMilliseconds()));

        Assert.True(current);
        Assert.Equal("current", State(wall));
    }

    [Fact]
    public async Task TheWall_RotatesThroughTheDepartments_ByItself()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (ctx, _, wall) = await OpenWallAsync(database);
        await using var __ = ctx;
        var first = wall.Find("[data-testid=focus]").TextContent.Trim();

        database.Clock.Advance(TimeSpan.FromSeconds(20));

        wall.WaitForAssertion(() => Assert.NotEqual(first, wall.Find("[data-testid=focus]").TextContent.Trim()));
        database.Clock.Advance(TimeSpan.FromSeconds(20));
        wall.WaitForAssertion(() => Assert.Equal(first, wall.Find("[data-testid=focus]").TextContent.Trim()));
    }

    [Fact]
    public async Task AForgedToken_OpensNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, signedIn: null);

        var wall = ctx.Render<WallPage>(p => p.Add(w => w.Token, "не-та-ссылка"));

        wall.WaitForElement("[data-testid=wall-invalid]");
        Assert.Empty(wall.FindAll("[data-testid=dashboard]"));
    }
}
